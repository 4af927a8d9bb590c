//! Where settings come from, later winning: built-in defaults (in `table`), `portcullis.toml`
//! (or `--config FILE`), `.env` in the working directory, the process environment,
//! command-line flags. Every layer is reduced to one map of environment names
//! (`bind = "…"` in TOML is `PORTCULLIS_BIND`), so one parser and one validator serve them
//! all and every error names the setting as users write it.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// A setting that cannot be used. The message names the setting.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub(super) String);

impl ConfigError {
    pub(super) fn setting(name: &str, origin: &str, why: impl fmt::Display) -> Self {
        Self(format!("{name} (from {origin}): {why}"))
    }
}

#[derive(Default)]
pub(super) struct Layers {
    /// name -> (value, where it came from)
    pub(super) values: BTreeMap<String, (String, &'static str)>,
}

impl Layers {
    pub(super) fn set(&mut self, name: String, value: String, origin: &'static str) {
        self.values.insert(name, (value, origin));
    }

    pub(super) fn add_toml_file(&mut self, path: &Path) -> Result<(), ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))?;
        let table: toml::Table = text
            .parse()
            .map_err(|e| ConfigError(format!("{} is not valid TOML: {e}", path.display())))?;
        // Errors name the file as it was given (`--config t.toml`). Leaked: one short string
        // per file read, once per process, where a `&'static str` origin serves every layer.
        let origin: &'static str = Box::leak(path.display().to_string().into_boxed_str());
        for (key, value) in table {
            let name = format!("PORTCULLIS_{}", key.to_ascii_uppercase().replace('-', "_"));
            let bad = || {
                ConfigError(format!(
                    "{key} in {}: expected a string, number, boolean or list of those",
                    path.display()
                ))
            };
            let value = toml_value(&value).ok_or_else(bad)?;
            self.set(name, value, origin);
        }
        Ok(())
    }

    pub(super) fn add_dotenv(&mut self, path: &Path) -> Result<(), ConfigError> {
        let iter = dotenvy::from_path_iter(path).map_err(|e| ConfigError(format!(".env: {e}")))?;
        for item in iter {
            let (k, v) = item.map_err(|e| ConfigError(format!(".env: {e}")))?;
            if k.starts_with("PORTCULLIS_") || k == "DATABASE_URL" {
                self.set(k, v, ".env");
            }
        }
        Ok(())
    }

    pub(super) fn add_env(&mut self, vars: impl Iterator<Item = (String, String)>) {
        for (k, v) in vars {
            if k.starts_with("PORTCULLIS_") || k == "DATABASE_URL" {
                self.set(k, v, "environment");
            }
        }
    }
}

/// A setting's text from a TOML value: a string, number or boolean, or a list of those
/// (joined with commas). `None` for anything else.
pub(crate) fn toml_value(value: &toml::Value) -> Option<String> {
    match value {
        toml::Value::Array(items) => {
            items.iter().map(toml_scalar).collect::<Option<Vec<_>>>().map(|v| v.join(","))
        }
        scalar => toml_scalar(scalar),
    }
}

fn toml_scalar(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

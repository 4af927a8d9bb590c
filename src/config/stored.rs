//! Settings stored in the database by `portcullis provision apply` (docs/provisioning.md): a
//! layer above the built-in defaults and below `portcullis.toml`, `.env`, the environment and
//! the command line, so what an operator sets by hand always wins. Shown by
//! `config --explain` as coming from [`ORIGIN`].

use std::path::{Path, PathBuf};

use super::sources::{ConfigError, Layers};
use super::{build, table, Settings};

/// Where `config --explain` says a stored setting comes from.
pub const ORIGIN: &str = "database (provision)";

/// Settings the database cannot set: they are needed before it is read (where it is, how to
/// log), or they protect what it holds (the key that seals its signing keys), or they decide
/// whether the dev mailbox may run.
pub const NOT_FROM_DATABASE: &[&str] = &[
    "PORTCULLIS_DATABASE_URL",
    "PORTCULLIS_DEV",
    "PORTCULLIS_DEV_ALLOW_PUBLIC",
    "PORTCULLIS_KEY_ENCRYPTION_KEY",
    "PORTCULLIS_LOG",
    "PORTCULLIS_LOG_FORMAT",
];

/// A setting's environment name from the way a provisioning file may write it: the
/// environment name itself (`PORTCULLIS_SESSION_TTL`, `DATABASE_URL`) or the TOML key of
/// `portcullis.toml` (`session_ttl`).
pub fn setting_name(key: &str) -> String {
    if key.starts_with("PORTCULLIS_") || key == "DATABASE_URL" {
        key.to_owned()
    } else {
        format!("PORTCULLIS_{}", key.to_ascii_uppercase().replace('-', "_"))
    }
}

/// Whether Portcullis reads a setting of this (environment) name.
pub fn is_known_setting(name: &str) -> bool {
    name == "DATABASE_URL"
        || table::setting(name).is_some()
        || super::provider_setting(name).is_some()
        || super::webhook_setting(name).is_some()
        || super::client_setting(name).is_some()
}

/// Whether a setting's value is a secret, never shown.
pub fn is_secret_setting(name: &str) -> bool {
    match table::setting(name) {
        Some(s) => s.kind == table::Kind::Secret,
        None => {
            super::webhook_setting(name).is_some_and(|(_, f)| f == "SECRET")
                || super::provider_setting(name).is_some_and(|(_, f)| f == "CLIENT_SECRET")
                || super::client_setting(name).is_some_and(|(_, f)| f == "SECRET")
        }
    }
}

/// A setting's value as it may be printed: secrets `[redacted]`, URL passwords masked,
/// webhook URLs' queries and credentials taken out.
pub fn shown_value(name: &str, value: &str) -> String {
    if is_secret_setting(name) {
        return "[redacted]".to_owned();
    }
    if super::webhook_setting(name).is_some_and(|(_, f)| f == "URL") {
        return super::redact_url(value);
    }
    match table::setting(name).map(|s| s.kind) {
        Some(table::Kind::Url) => super::mask_url_password(value),
        _ => value.to_owned(),
    }
}

impl Settings {
    /// [`Settings::load`] with `stored` (the database's overrides) as the layer above the
    /// defaults: every other layer wins over it.
    pub fn load_with_stored(
        config_file: Option<&Path>,
        flags: &[(&str, String)],
        stored: &[(String, String)],
    ) -> Result<Self, ConfigError> {
        let mut layers = Layers::default();
        for (name, value) in stored {
            if NOT_FROM_DATABASE.contains(&name.as_str()) || name == "DATABASE_URL" {
                // Written by hand, perhaps: refused here as `provision plan` refuses it.
                return Err(ConfigError::setting(
                    name,
                    ORIGIN,
                    "cannot be set in the database; set it in portcullis.toml or the \
                     environment",
                ));
            }
            layers.set(name.clone(), value.clone(), ORIGIN);
        }
        layers.add_files_and_environment(config_file, flags)?;
        build::build(layers)
    }

    /// Checks the overrides `stored` as `provision plan` does, twice: where they will be (under
    /// the file, the environment and the flags: the settings the next start will run with),
    /// and over everything (so a value shadowed by the environment today is still a valid one).
    pub fn check_stored(
        config_file: Option<&Path>,
        flags: &[(&str, String)],
        stored: &[(String, String)],
    ) -> Result<Self, ConfigError> {
        let settings = Self::load_with_stored(config_file, flags, stored)?;
        let mut layers = Layers::default();
        layers.add_files_and_environment(config_file, flags)?;
        for (name, value) in stored {
            layers.set(name.clone(), value.clone(), ORIGIN);
        }
        build::build(layers)?;
        Ok(settings)
    }
}

impl Layers {
    /// `portcullis.toml` (or `config_file`), `.env`, the environment, then `flags`.
    pub(super) fn add_files_and_environment(
        &mut self,
        config_file: Option<&Path>,
        flags: &[(&str, String)],
    ) -> Result<(), ConfigError> {
        let toml_path =
            config_file.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("portcullis.toml"));
        if config_file.is_some() || toml_path.exists() {
            self.add_toml_file(&toml_path)?;
        }
        if Path::new(".env").exists() {
            self.add_dotenv(Path::new(".env"))?;
        }
        self.add_env(std::env::vars());
        for (name, value) in flags {
            self.set((*name).to_owned(), value.clone(), "command line");
        }
        Ok(())
    }
}

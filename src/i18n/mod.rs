//! Languages: the message catalogues every text a person reads comes from (the hosted pages
//! and the mails; the JSON API's messages stay English), which language a request is answered
//! in, and dates and numbers in that language.
//!
//! - The catalogues are Fluent (`locales/<tag>/*.ftl`), compiled into the binary by build.rs:
//!   the folders are the list of shipped languages. English is the reference: every other
//!   language has exactly its keys, with the same variables (a unit test checks the shipped
//!   ones; [`Catalogues::load`] checks an operator's at startup).
//! - An operator's folder (`PORTCULLIS_LOCALES_DIR`, `<dir>/<tag>/*.ftl`) overrides messages of
//!   a shipped language or adds a language, which must then be complete ([`validate`]).
//! - `en-XA` is a pseudo-locale made from English ([`pseudo`]), to see untranslated text.
//! - [`negotiate`]: the choice among the stored locale, `ui_locales`, the switcher's cookie,
//!   `Accept-Language` and the default; [`format`]: dates and numbers; [`templates`]: the
//!   functions the templates call (`t`, `t_html`, `tr`, `date`, …).

pub mod format;
pub mod negotiate;
mod pseudo;
pub mod templates;
mod validate;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

pub use negotiate::LANG_COOKIE;
pub use validate::{keys_and_variables, MessageShape};

/// The shipped catalogues: `(tag, [(file name, source)])`, from build.rs.
pub const SHIPPED: &[(&str, &[(&str, &str)])] = include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The reference language: every key exists in it.
pub const ENGLISH: &str = "en";

/// The pseudo-locale made from English.
pub const PSEUDO: &str = "en-XA";

/// Each shipped language's name in itself, for the switcher. A language an operator adds is
/// named by its catalogue's `language-name`.
const NAMES: &[(&str, &str)] = &[
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("pt", "Português"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("pl", "Polski"),
    ("ja", "日本語"),
    ("zh-Hans", "简体中文"),
    ("ar", "العربية"),
    ("en-XA", "[Ƥšéûðö]"),
];

/// Languages written right to left (by their primary language subtag).
const RTL: &[&str] = &["ar", "he", "fa", "ur", "ps", "yi"];

type Bundle = FluentBundle<FluentResource>;

/// One language: its catalogue and how it is written.
pub struct Language {
    tag: String,
    name: String,
    rtl: bool,
    pseudo: bool,
    bundle: Bundle,
}

impl Language {
    pub fn tag(&self) -> &str {
        &self.tag
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// `"rtl"` or `"ltr"`, for `<html dir>`.
    pub fn dir(&self) -> &'static str {
        if self.rtl {
            "rtl"
        } else {
            "ltr"
        }
    }
}

impl std::fmt::Debug for Catalogues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tags: Vec<_> = self.languages.iter().map(|l| &l.tag).collect();
        f.debug_struct("Catalogues").field("languages", &tags).finish_non_exhaustive()
    }
}

/// Every language this server speaks, and the default one.
pub struct Catalogues {
    /// English first, then the others by tag; the pseudo-locale last.
    languages: Vec<Language>,
    default: usize,
}

/// A file of messages: where it comes from (for errors) and its source.
pub(crate) struct Source {
    pub origin: String,
    pub text: String,
}

impl Catalogues {
    /// The shipped catalogues, with an operator's folder over them (`dir`), answering in
    /// `default` when nothing else decides. Every operator file is checked against English
    /// ([`validate`]): an error names the file and the key.
    pub fn load(dir: Option<&Path>, default: &str) -> anyhow::Result<Self> {
        let mut sources: BTreeMap<String, (Vec<Source>, Vec<Source>)> = BTreeMap::new();
        for (tag, files) in SHIPPED {
            let shipped = files
                .iter()
                .map(|(name, text)| Source {
                    origin: format!("locales/{tag}/{name}"),
                    text: (*text).to_owned(),
                })
                .collect();
            sources.insert((*tag).to_owned(), (shipped, Vec::new()));
        }
        if let Some(dir) = dir {
            for (tag, files) in validate::read_dir(dir)? {
                sources.entry(tag).or_default().1.extend(files);
            }
        }
        let english = match sources.get(ENGLISH) {
            Some((shipped, _)) => validate::shapes(shipped)?,
            None => anyhow::bail!("the English catalogue is missing"),
        };
        let mut languages = Vec::new();
        for (tag, (shipped, overrides)) in &sources {
            let id: LanguageIdentifier = tag
                .parse()
                .map_err(|_| anyhow::anyhow!("{tag}: not a language tag (such as fr or pt-BR)"))?;
            let new_language = shipped.is_empty();
            validate::check(&english, overrides, new_language)?;
            languages.push(language(tag, id, shipped, overrides, false)?);
        }
        let (en_shipped, en_overrides) = &sources[ENGLISH];
        #[allow(clippy::expect_used)]
        let pseudo_id: LanguageIdentifier = PSEUDO.parse().expect("en-XA is a language tag");
        languages.push(language(PSEUDO, pseudo_id, en_shipped, en_overrides, true)?);
        languages.sort_by_key(|l| (l.pseudo, l.tag != ENGLISH, l.tag.clone()));
        let mut this = Self { languages, default: 0 };
        this.default = this.index(default).ok_or_else(|| {
            anyhow::anyhow!("PORTCULLIS_DEFAULT_LOCALE: no catalogue for {default:?}")
        })?;
        Ok(this)
    }

    /// The shipped catalogues alone, English by default: for what renders before (or
    /// without) the settings, and for tests.
    pub fn shipped() -> std::sync::Arc<Self> {
        static SHIPPED_ONLY: std::sync::LazyLock<std::sync::Arc<Catalogues>> =
            std::sync::LazyLock::new(|| {
                #[allow(clippy::expect_used)]
                let cats = Catalogues::load(None, ENGLISH).expect("the shipped catalogues load");
                std::sync::Arc::new(cats)
            });
        SHIPPED_ONLY.clone()
    }

    /// Every language, in the switcher's order.
    pub fn languages(&self) -> impl Iterator<Item = &Language> {
        self.languages.iter()
    }

    pub fn default_locale(&self) -> &str {
        &self.languages[self.default].tag
    }

    /// The language a tag names exactly (case aside), or the best one it matches
    /// (`fr-CA` → `fr`, `zh-CN` → `zh-Hans`): `None` if none does.
    pub fn resolve(&self, tag: &str) -> Option<&str> {
        self.index(tag).map(|i| self.languages[i].tag.as_str())
    }

    fn index(&self, tag: &str) -> Option<usize> {
        let tags: Vec<&str> = self.languages.iter().map(|l| l.tag.as_str()).collect();
        negotiate::best_match(&tags, tag)
    }

    /// The language of `tag` (as resolved), or the default.
    pub fn language(&self, tag: &str) -> &Language {
        let i = self.index(tag).unwrap_or(self.default);
        &self.languages[i]
    }

    /// Whether `key` is a message (of English, so of every language).
    pub fn has(&self, key: &str) -> bool {
        self.languages[0].bundle.has_message(key)
    }

    /// `key` in `locale`, with `args`. Never blank: a message a language lacks (which the
    /// checks make impossible) is English's, and an unknown key is the key itself (logged).
    pub fn message(&self, locale: &str, key: &str, args: Option<&FluentArgs>) -> String {
        let lang = self.language(locale);
        let text = format_in(lang, key, args).or_else(|| format_in(&self.languages[0], key, args));
        match text {
            Some(text) if lang.pseudo => pseudo::wrap(&text),
            Some(text) => text,
            None => {
                tracing::error!(key, "no such message in the catalogues");
                key.to_owned()
            }
        }
    }

    /// `key` with no arguments.
    pub fn text(&self, locale: &str, key: &str) -> String {
        self.message(locale, key, None)
    }
}

fn format_in(lang: &Language, key: &str, args: Option<&FluentArgs>) -> Option<String> {
    let msg = lang.bundle.get_message(key)?;
    let pattern = msg.value()?;
    let mut errors = Vec::new();
    let text = lang.bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::error!(key, locale = %lang.tag, ?errors, "formatting a message");
    }
    Some(text.into_owned())
}

fn language(
    tag: &str,
    id: LanguageIdentifier,
    shipped: &[Source],
    overrides: &[Source],
    pseudo: bool,
) -> anyhow::Result<Language> {
    let rtl = RTL.contains(&id.language.as_str());
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // No Unicode isolation marks: the text goes into HTML and mail, where the page's `dir`
    // and the arguments' own characters do what the marks would.
    bundle.set_use_isolating(false);
    if pseudo {
        bundle.set_transform(Some(pseudo::transform));
    }
    for s in shipped {
        bundle.add_resource(parse(s)?).map_err(|e| anyhow::anyhow!("{}: {e:?}", s.origin))?;
    }
    for s in overrides {
        bundle.add_resource_overriding(parse(s)?);
    }
    let group = bundle.get_message("format-number-group").and_then(|m| m.value());
    let group = group.map(|p| bundle.format_pattern(p, None, &mut vec![]).into_owned());
    bundle.set_formatter(group.as_deref().and_then(number_formatter));
    let name = NAMES.iter().find(|(t, _)| *t == tag).map(|(_, n)| (*n).to_owned());
    let name = name.unwrap_or_else(|| {
        let msg = bundle.get_message("language-name").and_then(|m| m.value());
        msg.map_or_else(|| tag.to_owned(), |p| bundle.format_pattern(p, None, &mut vec![]).into())
    });
    Ok(Language { tag: tag.to_owned(), name, rtl, pseudo, bundle })
}

/// The numbers in a language's sentences (`{ $count } sessions`) with its thousands
/// separator: fluent-rs prints them bare. A bundle's formatter is a plain `fn`, so each
/// separator the catalogues use has its own; another one leaves numbers bare.
fn number_formatter<M>(group: &str) -> Option<fn(&FluentValue, &M) -> Option<String>> {
    Some(match group {
        "," => grouped::<M, ','>,
        "." => grouped::<M, '.'>,
        "\u{202F}" => grouped::<M, '\u{202F}'>,
        "\u{A0}" => grouped::<M, '\u{A0}'>,
        " " => grouped::<M, ' '>,
        "'" => grouped::<M, '\''>,
        "\u{66C}" => grouped::<M, '\u{66C}'>,
        _ => return None,
    })
}

/// A whole number with `G` between its thousands; anything else as fluent-rs prints it.
fn grouped<M, const G: char>(value: &FluentValue, _: &M) -> Option<String> {
    let FluentValue::Number(n) = value else { return None };
    if n.value.fract() != 0.0 || n.value.abs() >= 1e15 || n.value.abs() < 1000.0 {
        return None;
    }
    let digits = (n.value.abs() as u64).to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n.value < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(G);
        }
        out.push(c);
    }
    Some(out)
}

pub(crate) fn parse(s: &Source) -> anyhow::Result<FluentResource> {
    FluentResource::try_new(s.text.clone()).map_err(|(_, errors)| {
        let described: Vec<String> = errors
            .iter()
            .map(|e| {
                let line = s.text[..e.pos.start.min(s.text.len())].lines().count().max(1);
                format!("line {line}: {}", e.kind)
            })
            .collect();
        anyhow::anyhow!("{}: Fluent syntax error: {}", s.origin, described.join("; "))
    })
}

/// A message to show, by key, with its arguments: what a handler hands to a template (which
/// shows it with `tr`) when it does not know the language yet.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Msg {
    pub key: Cow<'static, str>,
    pub args: BTreeMap<&'static str, ArgValue>,
}

/// An argument of a [`Msg`].
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum ArgValue {
    Text(String),
    Number(i64),
}

impl Msg {
    pub fn new(key: impl Into<Cow<'static, str>>) -> Self {
        Self { key: key.into(), args: BTreeMap::new() }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.insert(name, ArgValue::Text(value.into()));
        self
    }

    pub fn num(mut self, name: &'static str, value: i64) -> Self {
        self.args.insert(name, ArgValue::Number(value));
        self
    }

    /// The message in `locale`.
    pub fn render(&self, cats: &Catalogues, locale: &str) -> String {
        let args: FluentArgs = self
            .args
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    ArgValue::Text(s) => FluentValue::from(s.as_str()),
                    ArgValue::Number(n) => FluentValue::from(*n),
                };
                (*k, v)
            })
            .collect();
        cats.message(locale, &self.key, Some(&args))
    }
}

/// The message a page shows for an error code of the service (`error-<code>`).
pub fn error_message(code: crate::error::ErrorCode) -> Msg {
    Msg::new(format!("error-{}", code.as_str().replace('_', "-")))
}

/// The message for a refusal of the password policy, from the service's English text (the
/// code, `weak_password`, does not say which rule).
pub fn password_policy_message(message: &str) -> Msg {
    let number = || message.split_whitespace().find_map(|w| w.parse::<i64>().ok()).unwrap_or(0);
    if message.starts_with("Password must be at least") {
        Msg::new("error-password-too-short").num("min", number())
    } else if message.starts_with("Password must be at most") {
        Msg::new("error-password-too-long").num("max", number())
    } else if message.contains("letters and numbers") {
        Msg::new("error-password-letter-digit")
    } else if message.contains("too common") {
        Msg::new("error-password-too-common")
    } else if message.starts_with("Password is required") {
        Msg::new("error-password-required")
    } else {
        Msg::new("error-weak-password")
    }
}

#[cfg(test)]
mod tests;

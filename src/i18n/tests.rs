//! The shipped catalogues against English, and an operator's folder checked at startup.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use super::*;

fn shapes_of(tag: &str) -> BTreeMap<String, MessageShape> {
    let (_, files) = SHIPPED.iter().find(|(t, _)| *t == tag).unwrap();
    let mut out = BTreeMap::new();
    for (name, text) in *files {
        out.extend(keys_and_variables(&format!("locales/{tag}/{name}"), text).unwrap());
    }
    out
}

/// The translators' check: every shipped language has every key of English, no other, and
/// in each message the same variables (and attributes, with theirs).
#[test]
fn every_shipped_language_has_the_english_keys_and_variables() {
    let english = shapes_of(ENGLISH);
    assert!(english.len() > 300, "the English catalogue is whole");
    let mut problems = Vec::new();
    for (tag, _) in SHIPPED {
        let lang = shapes_of(tag);
        for key in english.keys().filter(|k| !lang.contains_key(*k)) {
            problems.push(format!("{tag}: missing {key}"));
        }
        for (key, shape) in &lang {
            match english.get(key) {
                None => problems.push(format!("{tag}: {key} is not an English key")),
                Some(e) if e != shape => problems.push(format!(
                    "{tag}: {key}: variables {:?} {:?}, English has {:?} {:?}",
                    shape.variables, shape.attributes, e.variables, e.attributes
                )),
                Some(_) => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_shipped_language_loads_and_names_itself() {
    let cats = Catalogues::load(None, "en").unwrap();
    for (tag, _) in SHIPPED {
        let lang = cats.language(tag);
        assert_eq!(lang.tag(), *tag);
        assert!(!lang.name().is_empty());
    }
    assert_eq!(cats.language("en-XA").tag(), "en-XA");
    assert_eq!(cats.language("klingon").tag(), "en", "the default");
}

#[test]
fn every_error_code_has_a_message() {
    let cats = &*Catalogues::shipped();
    for code in crate::error::ErrorCode::ALL {
        assert!(cats.has(&error_message(*code).key), "{code}");
    }
}

#[test]
fn arabic_is_written_right_to_left() {
    // Arabic's catalogue may not be there yet: the rule is the tag's.
    assert!(RTL.contains(&"ar"));
    let cats = &*Catalogues::shipped();
    assert_eq!(cats.language("en").dir(), "ltr");
    assert_eq!(cats.language("en-XA").dir(), "ltr");
}

#[test]
fn password_policy_refusals_are_recognised() {
    use crate::domain::PolicyError;
    for (e, key) in [
        (PolicyError::TooShort(12), "error-password-too-short"),
        (PolicyError::NeedsLetterAndDigit, "error-password-letter-digit"),
        (PolicyError::TooCommon, "error-password-too-common"),
        (PolicyError::Missing, "error-password-required"),
        (PolicyError::TooLong, "error-password-too-long"),
    ] {
        assert_eq!(password_policy_message(&e.to_string()).key, key, "{e}");
    }
    let short = password_policy_message(&PolicyError::TooShort(12).to_string());
    assert_eq!(short.render(&Catalogues::shipped(), "en"), PolicyError::TooShort(12).to_string());
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn load_err(files: &[(&str, &str)]) -> String {
    let dir = folder(files);
    format!("{:#}", Catalogues::load(Some(dir.path()), "en").unwrap_err())
}

#[test]
fn an_override_replaces_a_message() {
    let dir = folder(&[("en/mine.ftl", "login-title = Sign in, friend\n")]);
    let cats = Catalogues::load(Some(dir.path()), "en").unwrap();
    assert_eq!(cats.text("en", "login-title"), "Sign in, friend");
    assert_eq!(cats.text("en", "register-title"), "Create an account", "the rest stays");
    assert_eq!(cats.text("en-XA", "login-title"), "[Šîĝñ îñ, ƒŕîéñð~~~~]", "pseudo follows");
}

#[test]
fn a_bad_override_is_a_startup_error_naming_file_and_key() {
    let e = load_err(&[("en/a.ftl", "no-such-key = Hello\n")]);
    assert!(e.contains("a.ftl") && e.contains("no-such-key"), "{e}");
    let e = load_err(&[("en/a.ftl", "signed-in-as = You are signed in.\n")]);
    assert!(e.contains("a.ftl") && e.contains("signed-in-as") && e.contains("$account"), "{e}");
    let e = load_err(&[("en/a.ftl", "login-title = Hello { $who }\n")]);
    assert!(e.contains("login-title") && e.contains("$who"), "{e}");
    let e = load_err(&[("en/a.ftl", "login-title = { $broken\n")]);
    assert!(e.contains("a.ftl") && e.contains("syntax error") && e.contains("line 1"), "{e}");
    let e = load_err(&[("not a tag/a.ftl", "login-title = x\n")]);
    assert!(e.contains("not a tag"), "{e}");
}

#[test]
fn a_new_language_must_be_complete() {
    let e = load_err(&[("eo/portcullis.ftl", "login-title = Ensaluti\n")]);
    assert!(e.contains("eo") && e.contains("missing") && e.contains("register-title"), "{e}");
    let english = SHIPPED.iter().find(|(t, _)| *t == "en").unwrap().1[0].1;
    let dir = folder(&[("eo/portcullis.ftl", english)]);
    let cats = Catalogues::load(Some(dir.path()), "eo").unwrap();
    assert_eq!(cats.default_locale(), "eo");
    assert_eq!(cats.language("eo").name(), "English", "its own language-name");
}

#[test]
fn an_unknown_default_is_a_startup_error() {
    let e = format!("{:#}", Catalogues::load(None, "tlh").unwrap_err());
    assert!(e.contains("PORTCULLIS_DEFAULT_LOCALE"), "{e}");
}

#[test]
fn preferences_are_taken_in_order() {
    use negotiate::Preferences;
    let cats = &*Catalogues::shipped();
    let all = Preferences {
        stored: Some("en-XA".into()),
        ui_locales: Some("en".into()),
        cookie: Some("en".into()),
        accept_language: Some("en".into()),
    };
    assert_eq!(all.choose(cats), "en-XA");
    let ui = Preferences {
        stored: Some("tlh".into()),
        ui_locales: Some("xx en-XA".into()),
        ..all.clone()
    };
    assert_eq!(ui.choose(cats), "en-XA", "an unknown stored locale is passed over");
    let cookie =
        Preferences { stored: None, ui_locales: None, cookie: Some("en-XA".into()), ..all.clone() };
    assert_eq!(cookie.choose(cats), "en-XA");
    let accept = Preferences {
        accept_language: Some("tlh, de;q=0.5, fr-CA;q=0.8".into()),
        ..Preferences::default()
    };
    assert_eq!(accept.choose(cats), "fr", "the best quality among languages we speak");
    assert_eq!(Preferences::default().choose(cats), "en");
}

#[test]
fn numbers_in_sentences_have_the_languages_thousands_separator() {
    let cats = &*Catalogues::shipped();
    let count = |locale: &str, n: i64| {
        let mut args = FluentArgs::new();
        args.set("count", n);
        cats.message(locale, "account-sessions-count", Some(&args))
    };
    assert_eq!(count("en", 12_345), "12,345 sessions");
    assert_eq!(count("en", 1), "1 session");
    assert_eq!(count("de", 1_234_567), "1.234.567 Sitzungen");
    assert_eq!(count("fr", 12_345), "12\u{202F}345 sessions");
    assert_eq!(count("de", 999), "999 Sitzungen");
}

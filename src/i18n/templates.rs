//! The functions the templates call, registered by [`install`]. Each reads the language from
//! the render context's `locale` (the default if it has none).
//!
//! - `t(key, name=value, …)`: a message, plain text, which minijinja then HTML-escapes.
//! - `t_html(key, name=value, …)`: a message whose arguments may be markup the template made
//!   safe (`tag(…)`, `link(…)`); the message's own text and every other argument are
//!   escaped here, so a catalogue can never inject markup.
//! - `tr(msg)`: a [`super::Msg`] a handler passed (`{key, args}`), or a bare key; nothing for
//!   none.
//! - `tag(name, text, id=, class=)`, `link(href, text, id=)`: escaped markup for `t_html`.
//! - `date(ms)`, `moment(ms)`, `number(n)`: dates and numbers in the language.
//! - `role_name(name)`: an organisation's role, translated if it is one of the built-in ones.
//! - `languages()`: every language, `{tag, name}`, for the switcher.

use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use minijinja::value::{Kwargs, ValueKind};
use minijinja::{Environment, Error, ErrorKind, State, Value};

use super::{format, Catalogues};

/// The locale of the template being rendered.
fn locale(state: &State, cats: &Catalogues) -> String {
    state
        .lookup("locale")
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| cats.default_locale().to_owned())
}

/// `&`, `<`, `>`, `"` and `'` as entities: enough for text and quoted attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn fluent_value(v: &Value) -> FluentValue<'static> {
    match v.kind() {
        ValueKind::Number => match i64::try_from(v.clone()) {
            Ok(n) => FluentValue::from(n),
            Err(_) => FluentValue::from(f64::try_from(v.clone()).unwrap_or_default()),
        },
        ValueKind::None | ValueKind::Undefined => FluentValue::from(String::new()),
        _ => FluentValue::from(v.to_string()),
    }
}

// Stand-ins for safe arguments while the rest is escaped: private-use characters, which
// neither a catalogue nor the escaping produces.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Every function, over `cats`.
pub fn install(env: &mut Environment<'static>, cats: Arc<Catalogues>) {
    let c = cats.clone();
    env.add_function("t", move |state: &State, key: &str, kwargs: Kwargs| {
        let mut args = FluentArgs::new();
        for name in kwargs.args().map(str::to_owned).collect::<Vec<_>>() {
            let v: Value = kwargs.get(&name)?;
            args.set(name, fluent_value(&v));
        }
        Ok::<_, Error>(c.message(&locale(state, &c), key, Some(&args)))
    });
    let c = cats.clone();
    env.add_function("t_html", move |state: &State, key: &str, kwargs: Kwargs| {
        let mut args = FluentArgs::new();
        let mut safe = Vec::new();
        for name in kwargs.args().map(str::to_owned).collect::<Vec<_>>() {
            let v: Value = kwargs.get(&name)?;
            if v.is_safe() {
                args.set(name, FluentValue::from(format!("{OPEN}{}{CLOSE}", safe.len())));
                safe.push(v.to_string());
            } else {
                args.set(name, fluent_value(&v));
            }
        }
        let mut html = escape_html(&c.message(&locale(state, &c), key, Some(&args)));
        for (i, s) in safe.iter().enumerate() {
            html = html.replace(&format!("{OPEN}{i}{CLOSE}"), s);
        }
        Ok::<_, Error>(Value::from_safe_string(html))
    });
    let c = cats.clone();
    env.add_function("tr", move |state: &State, msg: Value| {
        let locale = locale(state, &c);
        if msg.is_none() || msg.is_undefined() {
            return Ok(String::new());
        }
        if let Some(key) = msg.as_str() {
            return Ok(c.text(&locale, key));
        }
        let key = msg.get_attr("key")?;
        let Some(key) = key.as_str() else {
            return Err(Error::new(ErrorKind::InvalidOperation, "tr: a message needs a key"));
        };
        let mut args = FluentArgs::new();
        if let Ok(given) = msg.get_attr("args") {
            if let Ok(names) = given.try_iter() {
                for name in names {
                    let v = given.get_item(&name)?;
                    args.set(name.to_string(), fluent_value(&v));
                }
            }
        }
        Ok(c.message(&locale, key, Some(&args)))
    });
    env.add_function("tag", |name: &str, text: Value, kwargs: Kwargs| {
        if !matches!(name, "strong" | "code" | "span" | "em") {
            return Err(Error::new(ErrorKind::InvalidOperation, "tag: not an inline tag"));
        }
        let mut attrs = String::new();
        for attr in ["id", "class"] {
            if let Some(v) = kwargs.get::<Option<String>>(attr)? {
                attrs.push_str(&format!(" {attr}=\"{}\"", escape_html(&v)));
            }
        }
        let text = escape_html(&text.to_string());
        Ok(Value::from_safe_string(format!("<{name}{attrs}>{text}</{name}>")))
    });
    env.add_function("link", |href: &str, text: Value| {
        let (href, text) = (escape_html(href), escape_html(&text.to_string()));
        Value::from_safe_string(format!("<a href=\"{href}\">{text}</a>"))
    });
    let c = cats.clone();
    env.add_function("date", move |state: &State, ms: Option<i64>| {
        ms.map_or_else(String::new, |ms| format::date(&c, &locale(state, &c), ms))
    });
    let c = cats.clone();
    env.add_function("moment", move |state: &State, ms: Option<i64>| {
        ms.map_or_else(String::new, |ms| format::moment(&c, &locale(state, &c), ms))
    });
    let c = cats.clone();
    env.add_function("number", move |state: &State, n: i64| {
        format::number(&c, &locale(state, &c), n)
    });
    let c = cats.clone();
    env.add_function("role_name", move |state: &State, name: &str| {
        let key = format!("role-{name}");
        if c.has(&key) {
            c.text(&locale(state, &c), &key)
        } else {
            name.to_owned()
        }
    });
    let c = cats;
    env.add_function("languages", move || {
        let list: Vec<Value> = c
            .languages()
            .map(|l| minijinja::context! { tag => l.tag(), name => l.name() })
            .collect();
        Value::from(list)
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn render(source: &str, ctx: Value) -> String {
        let mut env = Environment::new();
        install(&mut env, Arc::new(Catalogues::load(None, "en").unwrap()));
        env.add_template_owned("x.html", source.to_owned()).unwrap();
        env.get_template("x.html").unwrap().render(ctx).unwrap()
    }

    #[test]
    fn arguments_are_escaped_and_marked_up_ones_kept() {
        let out = render(
            r#"{{ t("signed-in-as", account=who) }}|{{ t_html("signed-in-as", account=tag("strong", who)) }}"#,
            minijinja::context! { who => "<b>x</b>" },
        );
        assert_eq!(
            out,
            "You are signed in as &lt;b&gt;x&lt;&#x2f;b&gt;.|You are signed in as <strong>&lt;b&gt;x&lt;/b&gt;</strong>."
        );
    }

    #[test]
    fn plurals_follow_the_count() {
        let src = r#"{{ t("account-recovery-codes-left", count=n) }}"#;
        assert_eq!(render(src, minijinja::context! { n => 1 }), "1 recovery code left.");
        assert_eq!(render(src, minijinja::context! { n => 7 }), "7 recovery codes left.");
    }

    #[test]
    fn the_locale_comes_from_the_context() {
        let out = render(r#"{{ t("login-title") }}"#, minijinja::context! { locale => "en-XA" });
        assert_eq!(out, "[Ĺöĝ îñ~]");
        let msg = crate::i18n::Msg::new("error-password-too-short").num("min", 12);
        let out = render(
            "{{ tr(m) }}{{ tr(none) }}{{ tr('org-you') }}",
            minijinja::context! { m => msg },
        );
        assert_eq!(out, "Password must be at least 12 characters long(you)");
    }
}

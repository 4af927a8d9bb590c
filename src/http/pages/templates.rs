//! The pages' templates (`templates/pages/`), compiled into the binary, and what every page
//! needs to know of the settings ([`Pages`]).

use std::sync::Arc;

use minijinja::{Environment, Value};

use super::assets;
use crate::config::Settings;
use crate::error::AppError;
use crate::i18n::{Catalogues, Msg};

fn environment(
    settings: &Settings,
    cats: Arc<Catalogues>,
) -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    // Every `templates/pages/*.html`, embedded by build.rs.
    minijinja_embed::load_templates!(env, "pages");
    add_asset_urls(&mut env);
    crate::i18n::templates::install(&mut env, cats.clone());
    let passkeys =
        crate::auth::passkey::relying_party(&settings.public_url, crate::PRODUCT).is_ok();
    env.add_global("passkeys", passkeys);
    env.add_global("email_login", settings.email_login);
    let providers: Vec<_> = settings
        .providers
        .iter()
        .map(|p| minijinja::context! { name => &p.name, display_name => &p.display_name })
        .collect();
    env.add_global("providers", Value::from_serialize(&providers));
    let policy = settings.password_policy.clone();
    env.add_function("password_hint", move |state: &minijinja::State| {
        let locale = state.lookup("locale").map(|l| l.to_string()).unwrap_or_default();
        password_hint(&policy).render(&cats, &locale)
    });
    Ok(env)
}

/// The error page's templates alone, for errors answered before (or outside) the pages'
/// router: it needs none of the settings but the catalogues, compiled once per catalogues.
pub(super) fn error_environment(cats: Arc<Catalogues>) -> Environment<'static> {
    let mut env = Environment::new();
    minijinja_embed::load_templates!(env, "pages");
    add_asset_urls(&mut env);
    crate::i18n::templates::install(&mut env, cats);
    env
}

/// Our own constant paths: marked safe so that they are not entity-escaped (`&#x2f;`).
fn add_asset_urls(env: &mut Environment<'static>) {
    env.add_global("css_url", Value::from_safe_string(assets::css_url()));
    env.add_global("script_url", Value::from_safe_string(assets::script_url()));
    env.add_global("icon_url", Value::from_safe_string(assets::icon_url()));
}

/// What a new password must be, in a sentence.
fn password_hint(policy: &crate::domain::PasswordPolicy) -> Msg {
    let key = if policy.require_letter_and_digit {
        "password-hint-letter-digit"
    } else {
        "password-hint"
    };
    Msg::new(key).num("min", i64::try_from(policy.min_length).unwrap_or(i64::MAX))
}

/// The compiled templates and what every page needs to know of the settings.
pub struct Pages {
    env: Environment<'static>,
    /// The error page's, over the same catalogues.
    error_env: Environment<'static>,
    pub cats: Arc<Catalogues>,
    /// Cookies get `Secure` (and the CSRF cookie the `__Host-` prefix) on https.
    pub secure: bool,
}

impl Pages {
    /// The templates are part of the binary; one that does not compile is a bug caught by the
    /// tests, never a runtime condition.
    pub fn new(settings: &Settings, cats: Arc<Catalogues>) -> Self {
        #[allow(clippy::expect_used)]
        let env = environment(settings, cats.clone()).expect("the page templates compile");
        let error_env = error_environment(cats.clone());
        Self { env, error_env, cats, secure: settings.secure_cookies() }
    }

    /// The error page's templates.
    pub(super) fn error_env(&self) -> &Environment<'static> {
        &self.error_env
    }

    pub(super) fn render(&self, template: &str, ctx: Value) -> Result<String, AppError> {
        self.env
            .get_template(template)
            .and_then(|t| t.render(ctx))
            .map_err(|e| AppError::Unexpected(anyhow::Error::new(e).context("rendering a page")))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn templates_compile() {
        let settings = Settings::from_map(Vec::<(String, String)>::new()).unwrap();
        let cats = Arc::new(Catalogues::load(None, "en").unwrap());
        environment(&settings, cats.clone()).unwrap();
        error_environment(cats).get_template("error.html").unwrap();
    }

    #[test]
    fn the_password_hint_says_the_policy() {
        let cats = &*Catalogues::shipped();
        let policy = crate::domain::PasswordPolicy {
            min_length: 12,
            min_length_with_second_factor: None,
            require_letter_and_digit: true,
            block_common: true,
            breached: crate::domain::Blocklist::OFF,
        };
        assert_eq!(
            password_hint(&policy).render(cats, "en"),
            "At least 12 characters, with a letter and a digit; a long phrase is best."
        );
    }
}

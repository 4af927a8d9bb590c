//! The pages' templates (`templates/pages/`), compiled into the binary, and what every page
//! needs to know of the settings ([`Pages`]).

use minijinja::{Environment, Value};

use super::assets;
use crate::config::Settings;
use crate::error::AppError;

macro_rules! templates {
    ($env:ident, $($name:literal),* $(,)?) => {
        $( $env.add_template($name, include_str!(concat!("../../../templates/pages/", $name)))?; )*
    };
}

fn environment(settings: &Settings) -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    templates!(
        env,
        "_layout.html",
        "_forms.html",
        "login.html",
        "register.html",
        "verify_email.html",
        "forgot_password.html",
        "reset_password.html",
        "account.html",
        "mfa_code.html",
        "mfa_setup.html",
        "mfa_codes.html",
        "email_login.html",
        "to_provider.html",
        "error.html",
    );
    add_asset_urls(&mut env);
    let passkeys =
        crate::auth::passkey::relying_party(&settings.public_url, crate::mail::PRODUCT).is_ok();
    env.add_global("passkeys", passkeys);
    env.add_global("email_login", settings.email_login);
    let providers: Vec<_> = settings
        .providers
        .iter()
        .map(|p| minijinja::context! { name => &p.name, display_name => &p.display_name })
        .collect();
    env.add_global("providers", Value::from_serialize(&providers));
    env.add_global("password_hint", password_hint(&settings.password_policy));
    Ok(env)
}

/// The two templates of the error page alone, for errors answered before (or outside) the
/// pages' router.
pub(super) fn error_environment() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    templates!(env, "_layout.html", "error.html");
    add_asset_urls(&mut env);
    Ok(env)
}

/// Our own constant paths: marked safe so that they are not entity-escaped (`&#x2f;`).
fn add_asset_urls(env: &mut Environment<'static>) {
    env.add_global("css_url", Value::from_safe_string(assets::css_url()));
    env.add_global("script_url", Value::from_safe_string(assets::script_url()));
    env.add_global("icon_url", Value::from_safe_string(assets::icon_url()));
}

/// What a new password must be, in a sentence.
fn password_hint(policy: &crate::domain::PasswordPolicy) -> String {
    let mut hint = format!("At least {} characters", policy.min_length);
    if policy.require_letter_and_digit {
        hint.push_str(", with a letter and a digit");
    }
    hint.push_str("; a long phrase is best.");
    hint
}

/// The compiled templates and what every page needs to know of the settings.
pub struct Pages {
    env: Environment<'static>,
    /// Cookies get `Secure` (and the CSRF cookie the `__Host-` prefix) on https.
    pub secure: bool,
}

impl Pages {
    /// The templates are part of the binary; one that does not compile is a bug caught by the
    /// tests, never a runtime condition.
    pub fn new(settings: &Settings) -> Self {
        #[allow(clippy::expect_used)]
        let env = environment(settings).expect("the page templates compile");
        Self { env, secure: settings.secure_cookies() }
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
        environment(&Settings::from_map(Vec::<(String, String)>::new()).unwrap()).unwrap();
        error_environment().unwrap();
    }
}

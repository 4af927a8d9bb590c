//! The pages' templates (`templates/pages/`), compiled into the binary, and what every page
//! needs to know of the settings ([`Pages`]).

use minijinja::{Environment, Value};

use super::assets;
use crate::config::Settings;
use crate::error::AppError;

fn environment(settings: &Settings) -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    // Every `templates/pages/*.html`, embedded by build.rs.
    minijinja_embed::load_templates!(env, "pages");
    add_asset_urls(&mut env);
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
    env.add_global("password_hint", password_hint(&settings.password_policy));
    Ok(env)
}

/// The error page's templates alone, compiled once, for errors answered before (or outside)
/// the pages' router: it needs none of the settings.
pub(super) fn error_environment() -> &'static Environment<'static> {
    static ENV: std::sync::LazyLock<Environment<'static>> = std::sync::LazyLock::new(|| {
        let mut env = Environment::new();
        minijinja_embed::load_templates!(env, "pages");
        add_asset_urls(&mut env);
        env
    });
    &ENV
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
        error_environment().get_template("error.html").unwrap();
    }
}

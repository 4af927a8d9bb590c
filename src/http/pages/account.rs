//! The account page: profile, sessions with a revoke button each, the applications granted
//! access (the OpenID Connect provider's clients) with a revoke button each, change password.
//! Every route here needs the session cookie; without a live session it goes to the login page.

use std::future::Future;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{context, Value};
use serde::Deserialize;

use super::extract::{PageForm, SignedIn};
use super::form::{FormErrors, PageError};
use super::render::{Flash, Page};
use super::signup::mismatch;
use crate::domain::Session;
use crate::error::{AppError, ErrorCode};
use crate::http::state::AppState;
use crate::i18n::{error_message, Msg};
use crate::service::Authenticated;

/// `GET /account` -> `/account/`.
pub async fn to_index() -> Redirect {
    Redirect::permanent("/account/")
}

/// `GET /account/`
pub async fn show(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
) -> Result<Response, PageError> {
    let ctx = context(&state, &auth, &FormErrors::default()).await?;
    Ok(page.render(StatusCode::OK, "account.html", ctx))
}

/// The account page as the form its actions fall back to: a refused action shows the page
/// again, the error next to the field it concerns.
pub(super) struct AccountPage<'a> {
    state: &'a AppState,
    page: &'a Page,
    auth: &'a Authenticated,
}

impl<'a> AccountPage<'a> {
    pub fn new(state: &'a AppState, page: &'a Page, auth: &'a Authenticated) -> Self {
        Self { state, page, auth }
    }

    /// The page again with `errors` (or the error page, if it cannot be read).
    pub async fn errors(&self, errors: FormErrors) -> PageError {
        match context(self.state, self.auth, &errors).await {
            Ok(ctx) => PageError::form(self.page.clone(), "account.html", errors.status(), ctx),
            Err(e) => e.into(),
        }
    }

    /// Runs an action of one of the page's forms, whose `fields` a refusal can sit next to
    /// (`password_field`: the one the password policy is about).
    pub async fn check<T>(
        &self,
        action: impl Future<Output = Result<T, AppError>>,
        fields: &[&str],
        password_field: &str,
    ) -> Result<T, PageError> {
        match action.await {
            Ok(done) => Ok(done),
            Err(e) => Err(self.errors(FormErrors::place(e, fields, password_field)?).await),
        }
    }

    /// Runs an action that needs a recent authentication (the password field `mfa_password`
    /// of the page's forms): a step-up refusal goes next to that field, any other refusal
    /// over the page.
    pub async fn step_up<T>(
        &self,
        action: impl Future<Output = Result<T, AppError>>,
    ) -> Result<T, PageError> {
        let e = match action.await {
            Ok(done) => return Ok(done),
            Err(e) => e,
        };
        let errors = match e.code() {
            ErrorCode::InvalidPassword => {
                FormErrors::field("mfa_password", error_message(e.code()))
            }
            // A session from before the second factor was turned on: its password will not do.
            ErrorCode::ReauthenticationRequired
                if self.auth.totp && !crate::domain::Amr::multi_factor(&self.auth.session.amr) =>
            {
                FormErrors::field("mfa_password", Msg::new("form-second-factor-needed"))
            }
            ErrorCode::ReauthenticationRequired => {
                FormErrors::field("mfa_password", Msg::new("form-enter-password"))
            }
            _ => FormErrors::place(e, &[], "")?,
        };
        Err(self.errors(errors).await)
    }
}

/// What the account page shows, with `errors`.
async fn context(
    state: &AppState,
    auth: &Authenticated,
    errors: &FormErrors,
) -> Result<Value, AppError> {
    // PORTCULLIS_REQUIRE_MFA: a session that must still enrol a second factor is shown the
    // set-up, not where the account is signed in (addresses, devices) or the other forms.
    let enrolling = state.auth.must_enrol(auth);
    let mut sessions = if enrolling { Vec::new() } else { state.auth.sessions(auth).await? };
    // This device first, then the most recently used.
    sessions.sort_by_key(|s| (s.id != auth.session.id, std::cmp::Reverse(s.last_used_at)));
    let sessions: Vec<_> = sessions.iter().map(|s| session_view(s, &auth.session.id)).collect();
    let factors = state.auth.factors(auth).await?;
    let passkeys = state.auth.passkeys(auth).await?;
    let passkeys: Vec<_> = passkeys
        .iter()
        .map(|p| {
            context! {
                id => &p.id, name => &p.name, created => p.created_at,
                last_used => p.last_used_at, synced => p.backup_eligible,
            }
        })
        .collect();
    let identities = state.auth.identities(auth).await?;
    let settings = &state.auth.settings();
    let identities: Vec<_> = identities
        .iter()
        .map(|i| {
            let provider_name = settings
                .providers
                .iter()
                .find(|p| p.name == i.provider)
                .map_or(i.provider.as_str(), |p| p.display_name.as_str());
            context! { id => &i.id, provider_name, email => &i.email, created => i.created_at }
        })
        .collect();
    // The applications this person let sign them in (most recent first), each with what it
    // may read: hidden, like the sessions, from a session that must still enrol.
    let grants = if enrolling { Vec::new() } else { state.auth.granted_clients(auth).await? };
    let grants: Vec<_> = grants
        .iter()
        .map(|g| {
            context! {
                client_id => &g.client_id, name => &g.name, scopes => g.scopes.join(", "),
                granted => g.created_at, last_used => g.last_used_at,
            }
        })
        .collect();
    // The organisations this person belongs to (docs/organizations.md).
    let organizations = if enrolling { Vec::new() } else { state.auth.my_orgs(auth).await? };
    let organizations: Vec<_> = organizations
        .iter()
        .map(|(o, role)| context! { id => &o.id, name => &o.name, role })
        .collect();
    let user = &auth.user;
    Ok(context! {
        email => &user.email,
        username => &user.username,
        verified => user.email_verified,
        // Times are Unix milliseconds: the template writes them in the page's language.
        member_since => user.created_at,
        stored_locale => &user.locale,
        sessions,
        enrolling,
        totp => factors.totp,
        recovery_codes_left => factors.recovery_codes_left,
        passkey_list => passkeys,
        identities,
        grants,
        organizations,
        ..errors.view()
    })
}

fn session_view(s: &Session, current: &str) -> minijinja::Value {
    context! {
        id => &s.id,
        current => s.id == current,
        device => Value::from_serialize(device(s.user_agent.as_deref())),
        user_agent => &s.user_agent,
        ip => &s.ip,
        created => s.created_at,
        last_used => s.last_used_at,
    }
}

#[derive(Deserialize)]
pub struct ChangePasswordForm {
    current_password: Option<String>,
    new_password: Option<String>,
    confirm_password: Option<String>,
}

/// `POST /account/change-password`: the API's change; other sessions end, this one stays.
pub async fn change_password(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
    PageForm(f): PageForm<ChangePasswordForm>,
) -> Result<Response, PageError> {
    let account = AccountPage::new(&state, &page, &auth);
    if f.confirm_password.as_deref().is_some_and(|c| Some(c) != f.new_password.as_deref()) {
        return Err(account.errors(mismatch()).await);
    }
    let change =
        state.auth.change_password(&auth, f.current_password.as_deref(), f.new_password.as_deref());
    let fields = ["current_password", "new_password"];
    account.check(change, &fields, "new_password").await?;
    Ok(page.see_other("/account/").flash(Flash::PasswordChanged).into_response())
}

/// `POST /account/sessions/{id}/revoke`: ends one of the account's sessions.
pub async fn revoke(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(id): Path<String>,
    page: Page,
) -> Result<Response, PageError> {
    match state.auth.revoke_session(&auth, &id).await {
        Ok(()) => Ok(page.see_other("/account/").flash(Flash::SessionRevoked).into_response()),
        // Already gone (revoked in another tab, expired): nothing to say.
        Err(AppError::NotFound { .. }) => Ok(page.see_other("/account/").into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `POST /account/sessions/revoke-others`: ends every session but this one.
pub async fn revoke_others(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    page: Page,
) -> Result<Response, PageError> {
    state.auth.revoke_other_sessions(&auth).await?;
    Ok(page.see_other("/account/").flash(Flash::OtherSessionsRevoked).into_response())
}

/// `POST /account/grants/{client_id}/revoke`: withdraws what the account granted one
/// application (its tokens stop at once), as `DELETE /api/auth/grants/{client_id}` does.
pub async fn revoke_grant(
    State(state): State<AppState>,
    SignedIn(auth): SignedIn,
    Path(client_id): Path<String>,
    page: Page,
) -> Result<Response, PageError> {
    match state.auth.revoke_granted_client(&auth, &client_id).await {
        Ok(()) => Ok(page.see_other("/account/").flash(Flash::GrantRevoked).into_response()),
        // Already withdrawn (in another tab, or the client was deleted): nothing to say.
        Err(AppError::NotFound { .. }) => Ok(page.see_other("/account/").into_response()),
        Err(e) => Err(e.into()),
    }
}

/// "Chrome on Linux" from a user agent: enough for a person to recognise a device. The
/// product names are names; the sentence is the catalogues'.
fn device(user_agent: Option<&str>) -> Msg {
    let Some(ua) = user_agent.filter(|ua| !ua.trim().is_empty()) else {
        return Msg::new("device-unknown");
    };
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("HeadlessChrome/", "Headless Chrome"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ]
    .into_iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| name);
    let os = [
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| name);
    match (browser, os) {
        (Some(b), Some(o)) => Msg::new("device-browser-on-os").arg("browser", b).arg("os", o),
        (Some(b), None) => Msg::new("device-other").arg("agent", b),
        (None, Some(o)) => Msg::new("device-on-os").arg("os", o),
        (None, None) => {
            Msg::new("device-other").arg("agent", ua.chars().take(40).collect::<String>())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_named_for_people() {
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) \
                      Chrome/126.0.0.0 Safari/537.36";
        let en = |m: Msg| m.render(&crate::i18n::Catalogues::shipped(), "en");
        assert_eq!(en(device(Some(chrome))), "Chrome on Linux");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 \
                      (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(en(device(Some(iphone))), "Safari on iPhone");
        assert_eq!(en(device(None)), "Unknown device");
        assert_eq!(en(device(Some("curl/8.5.0"))), "curl");
    }
}

//! The canonical API under `/api/auth` (CONTRACTS section 2).

mod account;
mod grants;
pub mod mfa;
mod orgs;
mod passkeys;
pub mod session;
mod signin;
pub mod types;

use utoipa::OpenApi;
use utoipa_axum::routes;

use crate::http::state::AppState;
use crate::http::surface::{Class, Limit, Surface};

/// The canonical routes: those anyone may call without a session spend the client IP's
/// budget; the rest need a session, and a few of them are part of enrolling a second factor
/// or sign out. Without a state, only their document.
pub(crate) fn surface(state: Option<&AppState>) -> Surface {
    Surface::new(state, ApiDoc::openapi())
        .routes(Limit::PerIp, routes!(account::register))
        .routes(Limit::PerIp, routes!(account::verify_email))
        .routes(Limit::PerIp, routes!(account::verify_email_link))
        .routes(Limit::PerIp, routes!(account::decline_verification))
        .routes(Limit::PerIp, routes!(account::resend_verification))
        .routes(Limit::PerIp, routes!(session::login))
        .routes(Limit::PerIp, routes!(session::refresh))
        .routes(Class::SIGN_OUT, routes!(session::logout))
        .routes(Limit::PerIp, routes!(account::forgot_password))
        .routes(Limit::PerIp, routes!(account::reset_password))
        .routes(Class::ENROLMENT, routes!(account::get_user))
        .routes(Limit::None, routes!(account::update_user, account::delete_user))
        .routes(Limit::None, routes!(account::change_password))
        .routes(Limit::None, routes!(session::list, session::revoke_others))
        .routes(Limit::None, routes!(session::revoke_one))
        .routes(Limit::None, routes!(grants::list))
        .routes(Limit::None, routes!(grants::revoke))
        .routes(Limit::None, routes!(orgs::create, orgs::list))
        .routes(Limit::None, routes!(orgs::switch))
        .routes(Limit::None, routes!(orgs::get, orgs::update, orgs::delete))
        .routes(Limit::None, routes!(orgs::members))
        .routes(Limit::None, routes!(orgs::set_role, orgs::remove_member))
        .routes(Limit::None, routes!(orgs::invite, orgs::invitations))
        .routes(Limit::None, routes!(orgs::revoke_invitation))
        .routes(Limit::None, routes!(orgs::accept_invitation))
        .routes(Limit::None, routes!(orgs::create_team, orgs::teams))
        .routes(Limit::None, routes!(orgs::delete_team))
        .routes(Limit::None, routes!(orgs::team_members))
        .routes(Limit::None, routes!(orgs::add_team_member, orgs::remove_team_member))
        .routes(Class::ENROLMENT, routes!(mfa::enrol))
        .routes(Limit::None, routes!(mfa::disable))
        .routes(Class::ENROLMENT, routes!(mfa::confirm))
        .routes(Limit::None, routes!(mfa::recovery_codes))
        .routes(Limit::PerIp, routes!(mfa::verify))
        .routes(Limit::None, routes!(mfa::reauthenticate))
        .routes(Class::ENROLMENT, routes!(passkeys::register_options))
        .routes(Class::ENROLMENT, routes!(passkeys::register))
        .routes(Limit::None, routes!(passkeys::list))
        .routes(Limit::None, routes!(passkeys::rename, passkeys::delete))
        .routes(Limit::PerIp, routes!(passkeys::login_options))
        .routes(Limit::PerIp, routes!(passkeys::login))
        .routes(Limit::PerIp, routes!(signin::email_login))
        .routes(Limit::PerIp, routes!(signin::email_login_verify))
        .routes(Limit::None, routes!(signin::identities))
        .routes(Limit::None, routes!(signin::unlink))
}

/// The canonical API's tags and shared schemas in the OpenAPI document (its routes bring
/// their own, in [`surface`]).
#[derive(OpenApi)]
#[openapi(
    components(schemas(crate::http::answers::SecondFactorResponse)),
    tags((name = "auth", description = "The canonical API"),
        (name = "mfa", description = "Two-factor authentication and step-up"),
        (name = "passkeys", description = "Passkeys (WebAuthn): sign in with one, or use one as the second step"),
        (name = "sign-in", description = "Sign in by email link or code, or with an external identity provider"),
        (name = "organizations", description = "Organisations: members, roles, and the one a session acts for"))
)]
pub struct ApiDoc;

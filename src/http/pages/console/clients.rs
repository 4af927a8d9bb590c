//! The console's provider clients and registration tokens, each the admin API's call of the
//! same name: `GET /admin/clients` (the list and the form that registers one), `POST
//! /admin/clients`, one client's page `GET /admin/clients/{client_id}` with its edit form,
//! `…/update`, `…/rotate-secret` and `…/delete`; `GET /admin/registration-tokens` (the initial
//! access tokens of dynamic registration), `POST` to make one and `…/{id}/revoke`.
//!
//! A secret (a client's, or a registration token) is shown once, on the page that answers the
//! form that made it (`200`, never a redirect): it is in no cookie, no URL and no log.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::{context, Value};
use serde::Deserialize;

use super::super::extract::PageForm;
use super::super::render::Page;
use super::extract::{act, Console, ConsoleError, ConsolePage};
use crate::clock::rfc3339;
use crate::domain::client::{GRANT_TYPES, ID_TOKEN_ALGS, KNOWN_SCOPES};
use crate::domain::{AuthMethod, OAuthClient};
use crate::error::{AppError, ErrorCode};
use crate::http::state::AppState;
use crate::service::admin_api::AdminCaller;
use crate::service::{ClientSpec, ConsoleAdmin};
use strum::VariantArray;

/// The grant types' checkboxes: `(form field, grant type)`.
const GRANT_FIELDS: [(&str, &str); 4] = [
    ("grant_authorization_code", GRANT_TYPES[0]),
    ("grant_refresh_token", GRANT_TYPES[1]),
    ("grant_client_credentials", GRANT_TYPES[2]),
    ("grant_device_code", GRANT_TYPES[3]),
];

fn client_row(c: &OAuthClient) -> Value {
    context! {
        client_id => &c.client_id,
        name => &c.name,
        auth_method => c.auth_method.as_str(),
        public => c.is_public(),
        uses_secret => c.auth_method.uses_secret(),
        redirect_uris => c.redirect_uris.join("\n"),
        post_logout_redirect_uris => c.post_logout_redirect_uris.join("\n"),
        grant_types => &c.grant_types,
        scopes => c.scopes.join(" "),
        backchannel_logout_uri => c.backchannel_logout_uri.clone().unwrap_or_default(),
        skip_consent => c.skip_consent,
        jwks_uri => c.jwks_uri.clone().unwrap_or_default(),
        id_token_alg => &c.id_token_alg,
        resources => c.resources.join("\n"),
        require_par => c.require_par,
        managed_by => &c.managed_by,
        declared => c.managed_by == crate::domain::client::MANAGED_BY_CONFIG,
        created_at => rfc3339(c.created_at),
        updated_at => rfc3339(c.updated_at),
    }
}

/// The form that registers a client, filled with a new registration's defaults.
fn new_client_form() -> Value {
    context! {
        name => "",
        auth_method => AuthMethod::ClientSecretBasic.as_str(),
        redirect_uris => "",
        post_logout_redirect_uris => "",
        grant_types => [GRANT_TYPES[0], GRANT_TYPES[1]],
        scopes => "openid profile email offline_access",
        backchannel_logout_uri => "",
        skip_consent => false,
        jwks_uri => "",
        id_token_alg => ID_TOKEN_ALGS[0],
        resources => "",
        require_par => false,
    }
}

/// What the client forms offer: the grant types, the authentication methods, the ID token
/// algorithms and the scopes the provider knows.
fn choices() -> Value {
    let grants: Vec<Value> =
        GRANT_FIELDS.iter().map(|(field, grant)| context! { field, grant }).collect();
    let methods: Vec<Value> = AuthMethod::VARIANTS
        .iter()
        .map(|m| {
            let label = match m {
                AuthMethod::None => "none (a public client: PKCE, no secret)",
                AuthMethod::PrivateKeyJwt => {
                    "private_key_jwt (a signed assertion; needs a JWKS URI)"
                }
                AuthMethod::ClientSecretBasic => "client_secret_basic (a secret, HTTP Basic)",
                AuthMethod::ClientSecretPost => "client_secret_post (a secret, in the form)",
            };
            context! { value => m.as_str(), label }
        })
        .collect();
    context! { grants, methods, algs => ID_TOKEN_ALGS, known_scopes => KNOWN_SCOPES.join(" ") }
}

/// `GET /admin/clients`
pub async fn list(State(state): State<AppState>, Console(admin): Console, page: Page) -> Response {
    let clients = match state.auth.admin_clients(&admin.caller).await {
        Ok(c) => c,
        Err(e) => return ConsoleError::new(page, e).into_response(),
    };
    let rows: Vec<Value> = clients.iter().map(client_row).collect();
    let ctx = context! { clients => rows, form => new_client_form(), choices => choices() };
    ConsolePage::of(page, &state, &admin).render(StatusCode::OK, "admin/clients.html", ctx)
}

/// The client form: every field is the admin API's [`ClientSpec`] field of that name, but the
/// lists (one a line, or the scopes space-separated) and the grant types' checkboxes.
#[derive(Deserialize)]
pub struct ClientForm {
    client_id: Option<String>,
    name: Option<String>,
    redirect_uris: Option<String>,
    post_logout_redirect_uris: Option<String>,
    grant_authorization_code: Option<String>,
    grant_refresh_token: Option<String>,
    grant_client_credentials: Option<String>,
    grant_device_code: Option<String>,
    scopes: Option<String>,
    backchannel_logout_uri: Option<String>,
    skip_consent: Option<String>,
    token_endpoint_auth_method: Option<String>,
    jwks_uri: Option<String>,
    id_token_signed_response_alg: Option<String>,
    resources: Option<String>,
    require_pushed_authorization_requests: Option<String>,
}

fn lines(s: &Option<String>) -> Option<Vec<String>> {
    s.as_ref()
        .map(|s| s.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect())
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from)
}

impl ClientForm {
    /// The registration the form describes, whole: a checkbox left out is off, a blank field
    /// is cleared (the service refuses what no client may be).
    fn spec(&self, create: bool) -> ClientSpec {
        let checked = [
            &self.grant_authorization_code,
            &self.grant_refresh_token,
            &self.grant_client_credentials,
            &self.grant_device_code,
        ];
        let grant_types = GRANT_FIELDS
            .iter()
            .zip(checked)
            .filter(|(_, on)| on.is_some())
            .map(|((_, grant), _)| (*grant).to_owned())
            .collect();
        let scopes = self.scopes.as_ref().map(|s| s.split_whitespace().map(String::from).collect());
        ClientSpec {
            client_id: if create { nonempty(&self.client_id) } else { None },
            name: self.name.clone(),
            redirect_uris: lines(&self.redirect_uris),
            post_logout_redirect_uris: lines(&self.post_logout_redirect_uris),
            grant_types: Some(grant_types),
            scopes,
            backchannel_logout_uri: self.backchannel_logout_uri.clone(),
            skip_consent: Some(self.skip_consent.is_some()),
            token_endpoint_auth_method: nonempty(&self.token_endpoint_auth_method),
            public: None,
            jwks_uri: self.jwks_uri.clone(),
            id_token_signed_response_alg: nonempty(&self.id_token_signed_response_alg),
            resources: lines(&self.resources),
            require_pushed_authorization_requests: Some(
                self.require_pushed_authorization_requests.is_some(),
            ),
        }
    }
}

/// The client's page, with `secret` shown this once when the change just made one.
fn client_page(
    page: Page,
    state: &AppState,
    admin: &ConsoleAdmin,
    client: &OAuthClient,
    secret: Option<String>,
    said: Option<&str>,
) -> Response {
    let form = client_row(client);
    let ctx = context! { client => form.clone(), form, secret, said, choices => choices() };
    ConsolePage::of(page, state, admin).render(StatusCode::OK, "admin/client.html", ctx)
}

/// `POST /admin/clients`: a new client; its secret, when it has one, is on the page this
/// answers with.
pub async fn create(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    PageForm(f): PageForm<ClientForm>,
) -> Response {
    let fail = ConsoleError::from(page.clone(), &headers);
    let caller = match admin.changing(&state.auth) {
        Ok(c) => c,
        Err(e) => return fail(e).into_response(),
    };
    match state.auth.admin_create_client(caller, &f.spec(true)).await {
        Ok(made) => {
            let said = "The client is registered.";
            client_page(page, &state, &admin, &made.client, made.client_secret, Some(said))
        }
        Err(e) => fail(e).into_response(),
    }
}

/// `GET /admin/clients/{client_id}`
pub async fn show(
    State(state): State<AppState>,
    Console(admin): Console,
    page: Page,
    Path(client_id): Path<String>,
) -> Response {
    match state.auth.admin_client(&admin.caller, &client_id).await {
        Ok(client) => client_page(page, &state, &admin, &client, None, None),
        Err(e) => ConsoleError::new(page, e).into_response(),
    }
}

/// `POST /admin/clients/{client_id}/update`: the registration as the form gives it. A client
/// that starts needing a secret gets one, shown on the page this answers with.
pub async fn update(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    Path(client_id): Path<String>,
    PageForm(f): PageForm<ClientForm>,
) -> Response {
    let fail = ConsoleError::from(page.clone(), &headers);
    let caller = match admin.changing(&state.auth) {
        Ok(c) => c,
        Err(e) => return fail(e).into_response(),
    };
    match state.auth.admin_update_client(caller, &client_id, &f.spec(false)).await {
        Ok(changed) if changed.client_secret.is_some() => {
            let said = "Saved. The client now authenticates with a secret.";
            client_page(page, &state, &admin, &changed.client, changed.client_secret, Some(said))
        }
        Ok(_) => ConsolePage::of(page, &state, &admin)
            .done(&format!("/admin/clients/{}", encode(&client_id)), "saved"),
        Err(e) => fail(e).into_response(),
    }
}

/// `POST /admin/clients/{client_id}/rotate-secret`: the new secret, on the page this answers
/// with; the old one stops working at once.
pub async fn rotate_secret(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    Path(client_id): Path<String>,
) -> Response {
    let fail = ConsoleError::from(page.clone(), &headers);
    let caller = match admin.changing(&state.auth) {
        Ok(c) => c,
        Err(e) => return fail(e).into_response(),
    };
    match state.auth.admin_rotate_client_secret(caller, &client_id).await {
        Ok(r) => {
            let said = "A new secret was made; the old one no longer works.";
            client_page(page, &state, &admin, &r.client, r.client_secret, Some(said))
        }
        Err(e) => fail(e).into_response(),
    }
}

/// `POST /admin/clients/{client_id}/delete`: the client with every grant and token it holds.
pub async fn delete(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    Path(client_id): Path<String>,
) -> Response {
    let auth = &state.auth;
    let action = async |c: &AdminCaller| auth.admin_delete_client(c, &client_id).await;
    act(&state, &admin, &headers, page, "/admin/clients", "deleted", action).await
}

/// A client id as a path segment (ids are letters, digits and `-._~`, so this is for the
/// hand-made ones the store may still hold).
fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn token_row(t: &crate::store::InitialToken) -> Value {
    context! {
        id => &t.id,
        label => &t.label,
        created_at => rfc3339(t.created_at),
        expires_at => rfc3339(t.expires_at),
        expired => t.expires_at <= crate::clock::now_ms(),
        uses_left => t.uses_left,
    }
}

/// The registration tokens' page, with `made` (a token just made, shown this once).
async fn tokens_page(
    page: Page,
    state: &AppState,
    admin: &ConsoleAdmin,
    made: Option<(crate::store::InitialToken, String)>,
) -> Response {
    let tokens = match state.auth.admin_registration_tokens(&admin.caller).await {
        Ok(t) => t,
        Err(e) => return ConsoleError::new(page, e).into_response(),
    };
    let rows: Vec<Value> = tokens.iter().map(token_row).collect();
    let made = made.map(|(t, token)| context! { token, ..token_row(&t) });
    use crate::config::DynamicRegistration;
    let dynamic = match state.auth.settings().dynamic_registration {
        DynamicRegistration::Off => "off",
        DynamicRegistration::Open => "open",
        DynamicRegistration::Token => "token",
    };
    let ctx = context! { tokens => rows, made, dynamic };
    ConsolePage::of(page, state, admin).render(
        StatusCode::OK,
        "admin/registration_tokens.html",
        ctx,
    )
}

/// `GET /admin/registration-tokens`
pub async fn tokens(
    State(state): State<AppState>,
    Console(admin): Console,
    page: Page,
) -> Response {
    tokens_page(page, &state, &admin, None).await
}

#[derive(Deserialize)]
pub struct TokenForm {
    label: Option<String>,
    /// Days it works for (the admin API's `expires_in`, in days): 1 to 365, default 7.
    expires_in_days: Option<String>,
    /// Registrations it allows: 1 to a million; blank: any number until it expires.
    uses: Option<String>,
}

fn bad_number(message: &'static str) -> AppError {
    AppError::bad_request(ErrorCode::InvalidField, message)
}

impl TokenForm {
    fn lifetime(&self) -> crate::error::Result<(std::time::Duration, Option<u32>)> {
        let days = match nonempty(&self.expires_in_days) {
            None => 7,
            Some(d) => d
                .parse::<u64>()
                .ok()
                .filter(|d| (1..=365).contains(d))
                .ok_or_else(|| bad_number("expires_in_days must be 1 to 365"))?,
        };
        let uses = match nonempty(&self.uses) {
            None => None,
            Some(n) => Some(
                n.parse::<u32>()
                    .ok()
                    .filter(|n| (1..=1_000_000).contains(n))
                    .ok_or_else(|| bad_number("uses must be 1 to 1000000, or blank"))?,
            ),
        };
        Ok((std::time::Duration::from_secs(days * 86_400), uses))
    }
}

/// `POST /admin/registration-tokens`: a new initial access token, shown on the page this
/// answers with.
pub async fn create_token(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    PageForm(f): PageForm<TokenForm>,
) -> Response {
    let fail = ConsoleError::from(page.clone(), &headers);
    let caller = match admin.changing(&state.auth) {
        Ok(c) => c,
        Err(e) => return fail(e).into_response(),
    };
    let (ttl, uses) = match f.lifetime() {
        Ok(l) => l,
        Err(e) => return fail(e).into_response(),
    };
    let label = f.label.as_deref().unwrap_or_default();
    match state.auth.admin_create_registration_token(caller, label, ttl, uses).await {
        Ok(made) => tokens_page(page, &state, &admin, Some(made)).await,
        Err(e) => fail(e).into_response(),
    }
}

/// `POST /admin/registration-tokens/{id}/revoke`
pub async fn revoke_token(
    State(state): State<AppState>,
    Console(admin): Console,
    headers: HeaderMap,
    page: Page,
    Path(id): Path<String>,
) -> Response {
    let auth = &state.auth;
    let action = async |c: &AdminCaller| auth.admin_revoke_registration_token(c, &id).await;
    act(&state, &admin, &headers, page, "/admin/registration-tokens", "revoked", action).await
}

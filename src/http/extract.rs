//! Extractors named for what they guarantee. Every rejection is our JSON error.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, USER_AGENT};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use serde::de::DeserializeOwned;

use super::state::AppState;
use crate::error::{AppError, ErrorCode};
use crate::service::{Access, Authenticated, ClientInfo};

/// Request bodies are capped at 64 KiB (CONTRACTS section 1).
pub const BODY_LIMIT: usize = 64 * 1024;

/// A request body as a JSON object or as a urlencoded form (both accepted everywhere); `415`
/// for any other content type, `413` over 64 KiB, `400` for malformed input (an array too).
/// An empty body needs no content type and parses as `{}`, so missing fields get their own
/// `400`.
pub struct Input<T>(pub T);

impl<S, T> FromRequest<S> for Input<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, AppError> {
        let kind = body_kind(req.headers());
        let declared = req
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > BODY_LIMIT) {
            return Err(AppError::PayloadTooLarge);
        }
        let bytes = axum::body::to_bytes(req.into_body(), BODY_LIMIT).await.map_err(body_error)?;
        let value = match (kind, bytes.iter().all(u8::is_ascii_whitespace)) {
            (BodyKind::Json | BodyKind::Missing, true) | (BodyKind::Form, true) => {
                serde_json::from_slice(b"{}").map_err(|_| invalid_body())?
            }
            // serde would read an array as the fields in their declared order.
            (BodyKind::Json, false) if bytes.trim_ascii_start().starts_with(b"[") => {
                return Err(AppError::bad_request(
                    ErrorCode::InvalidField,
                    "The body must be a JSON object",
                ));
            }
            (BodyKind::Json, false) => serde_json::from_slice(&bytes).map_err(|e| {
                if e.is_data() {
                    AppError::bad_request(ErrorCode::InvalidField, "A field has the wrong type")
                } else {
                    AppError::bad_request(ErrorCode::InvalidJson, "Request body is not valid JSON")
                }
            })?,
            (BodyKind::Form, false) => {
                serde_urlencoded::from_bytes(&bytes).map_err(|_| invalid_body())?
            }
            (BodyKind::Missing | BodyKind::Other, _) => return Err(AppError::UnsupportedMediaType),
        };
        Ok(Self(value))
    }
}

/// A query string read into `T`, like axum's `Query`, but refused with our JSON error:
/// `400 invalid_field` for a parameter of the wrong type, or one given twice.
pub struct Query<T>(pub T);

impl<S, T> FromRequestParts<S> for Query<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(_) => Err(AppError::bad_request(
                ErrorCode::InvalidField,
                "A query parameter has the wrong type",
            )),
        }
    }
}

/// Path parameters read into `T`, like axum's `Path`, but refused with our JSON error:
/// `400 invalid_field` for a segment that does not decode (not UTF-8 once unescaped).
pub struct Path<T>(pub T);

impl<S, T> FromRequestParts<S> for Path<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            Err(_) => Err(AppError::bad_request(
                ErrorCode::InvalidField,
                "A path segment could not be read",
            )),
        }
    }
}

/// Why a body could not be read: too long (413), too slow (408), or the client went away.
pub(crate) fn body_error(e: axum::Error) -> AppError {
    let inner = e.into_inner();
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(inner.as_ref());
    while let Some(err) = source {
        if err.is::<http_body_util::LengthLimitError>() {
            return AppError::PayloadTooLarge;
        }
        if err.is::<tower_http::timeout::TimeoutError>() {
            return AppError::RequestTimeout;
        }
        source = err.source();
    }
    invalid_body()
}

fn invalid_body() -> AppError {
    AppError::bad_request(ErrorCode::InvalidBody, "Request body could not be read")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Json,
    Form,
    Missing,
    Other,
}

/// Whether the request's body is a urlencoded form (a browser's form post).
pub fn is_form(headers: &HeaderMap) -> bool {
    body_kind(headers) == BodyKind::Form
}

fn body_kind(headers: &HeaderMap) -> BodyKind {
    let Some(ct) = headers.get(CONTENT_TYPE) else {
        return BodyKind::Missing;
    };
    let Ok(ct) = ct.to_str() else {
        return BodyKind::Other;
    };
    let essence = ct.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
    {
        BodyKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else {
        BodyKind::Other
    }
}

/// The token of an `Authorization: Bearer` header, if the request has a non-empty one.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The token of an `Authorization: DPoP` header (RFC 9449 section 7.1).
pub(crate) fn dpop_token(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("dpop") && !token.is_empty()).then_some(token)
}

/// What a signed-in request may do on a route beyond an ordinary one's: a mark its surface
/// registered it with ([`super::surface::Class`]), found in the request's extensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// A session that must still enrol a second factor (`PORTCULLIS_REQUIRE_MFA`) may reach
    /// it: on the JSON API and on the pages alike (a page's enrolment uses API routes too:
    /// `passkeys.js` fetches its options there).
    Enrolment,
    /// Signing out: never refused, so a user over the write budget can still end a session
    /// (each logout ends one; a new one needs a login, which has budgets of its own); a
    /// session that must still enrol may do it too.
    SignOut,
}

/// The mark of the route a request is for, if it has one.
fn reach(extensions: &axum::http::Extensions) -> Option<Reach> {
    extensions.get::<Reach>().copied()
}

/// Whether a session that must still enrol a second factor may reach the route of the request
/// whose extensions these are.
pub(crate) fn enrolment_route(extensions: &axum::http::Extensions) -> bool {
    reach(extensions).is_some()
}

/// A request authenticated by `Authorization: Bearer` or the session cookie; `401` otherwise.
/// A bearer token that fails is never retried as a cookie.
pub struct CurrentSession(pub Authenticated);

impl FromRequestParts<AppState> for CurrentSession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let access = access(parts, state);
        let mut auth = if let Some(token) = bearer(&parts.headers) {
            state.auth.authenticate_bearer(token, access).await?
        } else if let Some(token) = dpop_token(&parts.headers) {
            let proof = parts.headers.get("dpop").and_then(|v| v.to_str().ok());
            let (method, path) = (parts.method.as_str(), parts.uri.path());
            state.auth.authenticate_dpop(token, proof, method, path, access).await?
        } else {
            match super::cookies::value(&parts.headers, &state.auth.settings().session_cookie) {
                Some(token) => state.auth.authenticate_cookie(&token, access).await?,
                None => return Err(AppError::unauthenticated()),
            }
        };
        auth.client = client_info(parts, state);
        super::observe::note_user(&parts.extensions, &auth.user.id);
        // PORTCULLIS_REQUIRE_MFA: a session without a second factor may only enrol one.
        if state.auth.must_enrol(&auth) && !enrolment_route(&parts.extensions) {
            return Err(AppError::forbidden(
                ErrorCode::MfaEnrollmentRequired,
                "Set up two-factor authentication first (POST /api/auth/mfa/totp)",
            ));
        }
        Ok(Self(auth))
    }
}

/// What a signed-in request means to do, for the write budget: anything but `GET`, `HEAD` and
/// `OPTIONS` writes (no `GET` stores anything: even a provider link starts with a `POST`).
/// Signing out ([`Reach::SignOut`]) spends nothing.
pub(crate) fn access(parts: &Parts, state: &AppState) -> Access {
    use axum::http::Method;
    let reads = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    if reads || reach(&parts.extensions) == Some(Reach::SignOut) {
        return Access::Read;
    }
    Access::Write {
        ip: client_ip(&parts.headers, &parts.extensions, state.auth.settings().trust_proxy),
    }
}

/// The client's address: the peer, or with `PORTCULLIS_TRUST_PROXY=true` the address our
/// proxy appended to `X-Forwarded-For` (the rightmost entry: anything to its left was sent by
/// the client and may be forged).
pub fn client_ip(
    headers: &HeaderMap,
    extensions: &axum::http::Extensions,
    trust_proxy: bool,
) -> Option<IpAddr> {
    if trust_proxy {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .rfind(|s| !s.trim().is_empty())
            .and_then(|s| s.trim().parse::<IpAddr>().ok());
        if forwarded.is_some() {
            return forwarded;
        }
    }
    extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip())
}

fn client_info(parts: &Parts, state: &AppState) -> ClientInfo {
    let ip = client_ip(&parts.headers, &parts.extensions, state.auth.settings().trust_proxy)
        .map(|ip| ip.to_string());
    let user_agent = parts.headers.get(USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned);
    ClientInfo { ip, user_agent }
}

/// The client's address and user agent.
pub struct Client(pub ClientInfo);

impl FromRequestParts<AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(client_info(parts, state)))
    }
}

/// The session-cookie token the client presented, if any.
pub struct PresentedCookie(pub Option<String>);

impl FromRequestParts<AppState> for PresentedCookie {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(super::cookies::value(&parts.headers, &state.auth.settings().session_cookie)))
    }
}

//! The seed services' APIs (CONTRACTS section 3): thin translations onto `service/`. Each
//! route set only reshapes requests and responses; sessions, tokens, policy, hashing and
//! limits are the canonical ones.

mod alx;
mod api_v1;
mod root;

use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Router;

use super::AppState;
use crate::service::ForgotOutcome;

/// The route sets named in `PORTCULLIS_DIALECTS`.
pub fn routes(dialects: &[String]) -> Router<AppState> {
    let mut router = Router::new();
    for d in dialects {
        router = match d.as_str() {
            "root" => router.merge(root::routes()),
            "alx" => router.merge(alx::routes()),
            "api-v1" => router.merge(api_v1::routes()),
            _ => router,
        };
    }
    router
}

/// `302 Found` to `location` (the seeds' redirects), with extra headers.
fn found(location: &'static str, set_cookie: HeaderValue) -> Response {
    let mut res = axum::http::StatusCode::FOUND.into_response();
    res.headers_mut().insert(axum::http::header::LOCATION, HeaderValue::from_static(location));
    res.headers_mut().append(axum::http::header::SET_COOKIE, set_cookie);
    res
}

/// Starts a password reset for `email`. With `wait` the outcome is awaited (dev mode shows the
/// token, reveal mode tells unknown addresses); otherwise the work is detached so that the
/// response takes the same time for known and unknown addresses.
async fn start_reset(
    state: &AppState,
    email: String,
    wait: bool,
) -> crate::error::Result<Option<ForgotOutcome>> {
    if wait {
        return state.auth.forgot_password(&email).await.map(Some);
    }
    let auth = state.auth.clone();
    tokio::spawn(async move {
        if let Err(e) = auth.forgot_password(&email).await {
            tracing::warn!(error = %e, "password reset request failed");
        }
    });
    Ok(None)
}

/// A field that must be present and non-blank.
fn required(v: Option<String>, field: &str) -> crate::error::Result<String> {
    v.map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| crate::error::AppError::missing(field))
}

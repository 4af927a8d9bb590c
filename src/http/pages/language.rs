//! The language switcher (`POST /account/language`): the form in every page's footer, and
//! the language select of the account page's profile (docs/languages.md).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::extract::{MaybeSignedIn, PageForm};
use super::form::PageError;
use super::render::{Flash, Page};
use crate::http::state::AppState;
use crate::i18n::LANG_COOKIE;

#[derive(Deserialize)]
pub struct LanguageForm {
    /// A tag; empty (the profile's "automatic"): the browser's languages decide.
    lang: Option<String>,
    /// Where to go back to: a path on this server.
    back: Option<String>,
}

/// How long the switcher's choice is remembered.
const LANG_AGE: cookie::time::Duration = cookie::time::Duration::days(365);

/// `POST /account/language`: remembers the choice in a cookie and, for a signed-in person,
/// as their stored locale (which mails use, and which would otherwise outrank the cookie);
/// then back to the page it was made on.
pub async fn choose(
    State(state): State<AppState>,
    MaybeSignedIn(auth): MaybeSignedIn,
    page: Page,
    PageForm(f): PageForm<LanguageForm>,
) -> Result<Response, PageError> {
    let wanted = f.lang.as_deref().map(str::trim).filter(|l| !l.is_empty());
    let tag = wanted.and_then(|t| page.catalogues().resolve(t)).map(str::to_owned);
    if let Some(auth) = &auth {
        state.auth.set_locale(auth, tag.as_deref()).await?;
    }
    let attrs = |max_age| crate::http::cookies::Attributes {
        same_site: cookie::SameSite::Lax,
        path: "/",
        secure: page.secure(),
        max_age: Some(max_age),
    };
    let cookie = match &tag {
        Some(t) => crate::http::cookies::set(LANG_COOKIE, t, attrs(LANG_AGE)),
        None => crate::http::cookies::set(LANG_COOKIE, "", attrs(cookie::time::Duration::ZERO)),
    };
    let back = same_origin_path(f.back.as_deref());
    Ok(page.see_other(back).cookie(cookie).flash(Flash::LanguageChanged).into_response())
}

/// `back` if it is a path on this server (not `//host`, not `/\host`, no scheme, no control
/// characters), else the account page: the switcher is no open redirect.
fn same_origin_path(back: Option<&str>) -> &str {
    match back {
        Some(b)
            if b.starts_with('/')
                && !b.starts_with("//")
                && !b.starts_with("/\\")
                && !b.chars().any(|c| c.is_control() || c == '\\') =>
        {
            b
        }
        _ => "/account/",
    }
}

#[cfg(test)]
mod tests {
    use super::same_origin_path;

    #[test]
    fn only_paths_on_this_server_are_gone_back_to() {
        assert_eq!(same_origin_path(Some("/account/login?next=%2Fx")), "/account/login?next=%2Fx");
        assert_eq!(same_origin_path(Some("/oauth2/authorize?a=b")), "/oauth2/authorize?a=b");
        for bad in
            ["//evil.example/", "/\\evil.example", "https://evil.example/", "evil", "", "/a\r\nb"]
        {
            assert_eq!(same_origin_path(Some(bad)), "/account/", "{bad:?}");
        }
        assert_eq!(same_origin_path(None), "/account/");
    }
}

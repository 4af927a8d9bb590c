//! External identity providers, configured by `PORTCULLIS_OAUTH_<NAME>_<FIELD>`: any number of
//! them, so these names are recognised by pattern rather than listed in the table.
//!
//! `<NAME>` is the provider's id (lowercased in URLs: `/api/auth/oauth/<name>/start`). Four
//! names are presets: `GOOGLE`, `MICROSOFT` (needs `TENANT`), `GITLAB` (OpenID Connect) and
//! `GITHUB` (OAuth 2.0 with its user API). Any other name is generic OpenID Connect by
//! discovery and needs `ISSUER`.

use std::collections::BTreeMap;

use super::sources::ConfigError;
use super::SecretString;

/// The fields a provider's settings may name.
const FIELDS: &[&str] = &[
    "ISSUER",
    "CLIENT_ID",
    "CLIENT_SECRET",
    "SCOPES",
    "AUTHORIZE_URL",
    "TOKEN_URL",
    "API_URL",
    "TENANT",
    "DISPLAY_NAME",
];

const PREFIX: &str = "PORTCULLIS_OAUTH_";

/// How a provider is spoken to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderKind {
    /// OpenID Connect: discovery from the issuer, ID tokens verified against its JWKS.
    Oidc { issuer: String },
    /// GitHub: OAuth 2.0, then `GET <api>/user` and `<api>/user/emails`.
    GitHub { authorize_url: String, token_url: String, api_url: String },
}

/// One configured provider.
#[derive(Debug, Clone)]
pub struct Provider {
    /// Lowercase id, as in URLs.
    pub name: String,
    /// What the sign-in button says.
    pub display_name: String,
    pub kind: ProviderKind,
    pub client_id: String,
    pub client_secret: SecretString,
    pub scopes: Vec<String>,
}

/// `(NAME, FIELD)` of a provider setting's name.
pub fn provider_setting(name: &str) -> Option<(&str, &str)> {
    let rest = name.strip_prefix(PREFIX)?;
    FIELDS.iter().find_map(|field| {
        let provider = rest.strip_suffix(field)?.strip_suffix('_')?;
        let ok = !provider.is_empty()
            && provider.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        ok.then_some((provider, *field))
    })
}

/// Every provider the layers configure, in name order.
pub(super) fn providers(
    values: &BTreeMap<String, (String, &'static str)>,
) -> Result<Vec<Provider>, ConfigError> {
    let mut by_name: BTreeMap<&str, BTreeMap<&str, (&str, &'static str)>> = BTreeMap::new();
    for (key, (value, origin)) in values {
        if let Some((name, field)) = provider_setting(key) {
            if !value.is_empty() {
                by_name.entry(name).or_default().insert(field, (value.as_str(), *origin));
            }
        }
    }
    let mut out = Vec::new();
    for (name, fields) in by_name {
        let get = |f: &str| fields.get(f).map(|v| v.0.trim().to_owned());
        let err = |f: &str, why: &str| {
            let key = format!("{PREFIX}{name}_{f}");
            let origin = fields.get(f).map_or("default", |v| v.1);
            ConfigError::setting(&key, origin, why)
        };
        let client_id = get("CLIENT_ID").ok_or_else(|| err("CLIENT_ID", "is required"))?;
        let client_secret = SecretString::from(
            get("CLIENT_SECRET").ok_or_else(|| err("CLIENT_SECRET", "is required"))?,
        );
        let (kind, default_scopes, default_display) = match name {
            "GITHUB" => (
                ProviderKind::GitHub {
                    authorize_url: get("AUTHORIZE_URL")
                        .unwrap_or_else(|| "https://github.com/login/oauth/authorize".into()),
                    token_url: get("TOKEN_URL")
                        .unwrap_or_else(|| "https://github.com/login/oauth/access_token".into()),
                    api_url: get("API_URL").unwrap_or_else(|| "https://api.github.com".into()),
                },
                "read:user user:email",
                "GitHub",
            ),
            "GOOGLE" => (
                oidc(get("ISSUER").unwrap_or_else(|| "https://accounts.google.com".into())),
                "openid email profile",
                "Google",
            ),
            "GITLAB" => (
                oidc(get("ISSUER").unwrap_or_else(|| "https://gitlab.com".into())),
                "openid email profile",
                "GitLab",
            ),
            "MICROSOFT" => {
                let issuer = match (get("ISSUER"), get("TENANT")) {
                    (Some(issuer), _) => issuer,
                    (None, Some(tenant)) => {
                        format!("https://login.microsoftonline.com/{tenant}/v2.0")
                    }
                    (None, None) => {
                        return Err(err(
                            "TENANT",
                            "is required (your directory's tenant id: the issuer of its ID \
                             tokens names it)",
                        ))
                    }
                };
                (oidc(issuer), "openid email profile", "Microsoft")
            }
            _ => (
                oidc(get("ISSUER").ok_or_else(|| err("ISSUER", "is required"))?),
                "openid email profile",
                name,
            ),
        };
        for field in ["ISSUER", "AUTHORIZE_URL", "TOKEN_URL", "API_URL"] {
            if let Some(v) = get(field) {
                if url::Url::parse(&v).map_or(true, |u| !matches!(u.scheme(), "http" | "https")) {
                    return Err(err(field, "must be an http:// or https:// URL"));
                }
            }
        }
        let scopes = get("SCOPES").unwrap_or_else(|| default_scopes.to_owned());
        out.push(Provider {
            name: name.to_ascii_lowercase(),
            display_name: get("DISPLAY_NAME").unwrap_or_else(|| default_display.to_owned()),
            kind,
            client_id,
            client_secret,
            scopes: scopes.split([' ', ',']).filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        });
    }
    Ok(out)
}

fn oidc(issuer: String) -> ProviderKind {
    ProviderKind::Oidc { issuer: issuer.trim_end_matches('/').to_owned() }
}

#[cfg(test)]
mod tests {
    use super::provider_setting;

    #[test]
    fn provider_settings_are_recognised_by_their_shape() {
        assert_eq!(
            provider_setting("PORTCULLIS_OAUTH_GITHUB_CLIENT_ID"),
            Some(("GITHUB", "CLIENT_ID"))
        );
        assert_eq!(provider_setting("PORTCULLIS_OAUTH_MY_IDP_ISSUER"), Some(("MY_IDP", "ISSUER")));
        assert_eq!(provider_setting("PORTCULLIS_OAUTH_SIGNUP"), None);
        assert_eq!(provider_setting("PORTCULLIS_OAUTH_GITHUB_CLIENT"), None);
        assert_eq!(provider_setting("PORTCULLIS_OAUTH__ISSUER"), None);
        assert_eq!(provider_setting("PORTCULLIS_OAUTH_bad_ISSUER"), None);
    }
}

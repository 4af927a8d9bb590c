//! Provider clients declared in the configuration, for teams that keep them in git:
//! `PORTCULLIS_CLIENT_<NAME>_<FIELD>`, any number, recognised by pattern like the external
//! providers and webhooks. The client's id is `<NAME>` in lower case with `_` as `-`
//! (`PORTCULLIS_CLIENT_BILLING_APP_NAME` declares `billing-app`). At every start each is created
//! or updated in place (`service::clients`), never duplicated. Lists are comma- or
//! space-separated. `_SECRET` is the confidential client's secret (at least 32 characters; keep
//! it in the environment, not in the file in git); only its SHA-256 is stored.

use std::collections::BTreeMap;

use super::sources::ConfigError;
use super::SecretString;
use crate::service::ClientSpec;

/// Longer names first: a field that ends another (`REDIRECT_URIS`) is tried after it.
const FIELDS: &[&str] = &[
    "POST_LOGOUT_REDIRECT_URIS",
    "TOKEN_ENDPOINT_AUTH_METHOD",
    "BACKCHANNEL_LOGOUT_URI",
    "REDIRECT_URIS",
    "REQUIRE_PAR",
    "ID_TOKEN_ALG",
    "RESOURCES",
    "SKIP_CONSENT",
    "GRANT_TYPES",
    "JWKS_URI",
    "SCOPES",
    "SECRET",
    "PUBLIC",
    "NAME",
];

const PREFIX: &str = "PORTCULLIS_CLIENT_";

/// A client the configuration declares.
#[derive(Clone)]
pub struct DeclaredClient {
    pub client_id: String,
    pub spec: ClientSpec,
    pub secret: Option<SecretString>,
}

impl std::fmt::Debug for DeclaredClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeclaredClient")
            .field("client_id", &self.client_id)
            .field("spec", &self.spec)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// `(NAME, FIELD)` of a declared client's setting.
pub fn client_setting(name: &str) -> Option<(&str, &str)> {
    let rest = name.strip_prefix(PREFIX)?;
    FIELDS.iter().find_map(|field| {
        let client = rest.strip_suffix(field)?.strip_suffix('_')?;
        let ok = !client.is_empty()
            && client.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        ok.then_some((client, *field))
    })
}

fn list(v: &str) -> Vec<String> {
    v.split([' ', ',']).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// Every client the layers declare, in name order.
pub(super) fn clients(
    values: &BTreeMap<String, (String, &'static str)>,
) -> Result<Vec<DeclaredClient>, ConfigError> {
    let mut by_name: BTreeMap<&str, BTreeMap<&str, (&str, &'static str)>> = BTreeMap::new();
    for (key, (value, origin)) in values {
        if let Some((name, field)) = client_setting(key) {
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
        let flag = |f: &str| -> Result<Option<bool>, ConfigError> {
            get(f)
                .map(|v| match v.to_ascii_lowercase().as_str() {
                    "true" | "1" | "yes" | "on" => Ok(true),
                    "false" | "0" | "no" | "off" => Ok(false),
                    _ => Err(err(f, "must be true or false")),
                })
                .transpose()
        };
        let secret = get("SECRET");
        if secret.as_ref().is_some_and(|s| s.len() < 32) {
            return Err(err("SECRET", "must be at least 32 characters (use a random value)"));
        }
        let spec = ClientSpec {
            client_id: None,
            name: Some(get("NAME").unwrap_or_else(|| name.to_ascii_lowercase())),
            redirect_uris: get("REDIRECT_URIS").map(|v| list(&v)),
            post_logout_redirect_uris: get("POST_LOGOUT_REDIRECT_URIS").map(|v| list(&v)),
            grant_types: get("GRANT_TYPES").map(|v| list(&v)),
            scopes: get("SCOPES").map(|v| list(&v)),
            backchannel_logout_uri: get("BACKCHANNEL_LOGOUT_URI"),
            skip_consent: flag("SKIP_CONSENT")?,
            token_endpoint_auth_method: get("TOKEN_ENDPOINT_AUTH_METHOD"),
            public: flag("PUBLIC")?,
            jwks_uri: get("JWKS_URI"),
            id_token_signed_response_alg: get("ID_TOKEN_ALG"),
            resources: get("RESOURCES").map(|v| list(&v)),
            require_pushed_authorization_requests: flag("REQUIRE_PAR")?,
        };
        out.push(DeclaredClient {
            client_id: name.to_ascii_lowercase().replace('_', "-"),
            spec,
            secret: secret.map(SecretString::from),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::client_setting;

    #[test]
    fn client_settings_are_recognised_by_their_shape() {
        assert_eq!(
            client_setting("PORTCULLIS_CLIENT_BILLING_APP_REDIRECT_URIS"),
            Some(("BILLING_APP", "REDIRECT_URIS"))
        );
        assert_eq!(
            client_setting("PORTCULLIS_CLIENT_WIKI_POST_LOGOUT_REDIRECT_URIS"),
            Some(("WIKI", "POST_LOGOUT_REDIRECT_URIS"))
        );
        assert_eq!(client_setting("PORTCULLIS_CLIENT_WIKI_SECRET"), Some(("WIKI", "SECRET")));
        assert_eq!(client_setting("PORTCULLIS_CLIENT_SECRET"), None);
        assert_eq!(client_setting("PORTCULLIS_CLIENT_wiki_NAME"), None);
    }
}

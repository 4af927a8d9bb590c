//! Applications that sign their users in through Portcullis (the OpenID Connect provider,
//! docs/provider.md): their registration and its rules. No I/O.

/// How a client proves who it is at the token, introspection and revocation endpoints.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum AuthMethod {
    ClientSecretBasic,
    ClientSecretPost,
    PrivateKeyJwt,
    /// A public client (a single-page or native app): no secret, PKCE required.
    None,
}

impl AuthMethod {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn uses_secret(self) -> bool {
        matches!(self, Self::ClientSecretBasic | Self::ClientSecretPost)
    }
}

/// The grant types a client may be allowed (the last: RFC 8628's device flow, for
/// command-line tools and devices without a browser).
pub const GRANT_TYPES: &[&str] = &[
    "authorization_code",
    "refresh_token",
    "client_credentials",
    super::device::DEVICE_CODE_GRANT,
];

/// The scopes the provider knows. A client may also be allowed scopes of its own (for its
/// resource servers), which appear in access tokens only.
pub const KNOWN_SCOPES: &[&str] = &["openid", "profile", "email", "offline_access", "organization"];

/// The ID token algorithms a client may choose (`id_token_signed_response_alg`).
pub const ID_TOKEN_ALGS: &[&str] = &["RS256", "ES256", "EdDSA"];

/// Who keeps a client's registration: the configuration file (rewritten at every start) or
/// the command line and admin API.
pub const MANAGED_BY_CONFIG: &str = "config";
pub const MANAGED_BY_API: &str = "api";
/// A client that registered itself at `/oauth2/register` (RFC 7591).
pub const MANAGED_BY_DYNAMIC: &str = "dynamic";
/// A client whose `client_id` is the URL of its metadata document, written from it. (Each of
/// these fits `managed_by`: 16 characters on MySQL.)
pub const MANAGED_BY_METADATA_DOCUMENT: &str = "document";

/// A registered client. Its secret is never here: only its hash, in the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OAuthClient {
    pub client_id: String,
    pub name: String,
    pub auth_method: AuthMethod,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub grant_types: Vec<String>,
    pub scopes: Vec<String>,
    pub backchannel_logout_uri: Option<String>,
    /// A first-party application: no consent page.
    pub skip_consent: bool,
    /// Where a `private_key_jwt` client publishes its keys.
    pub jwks_uri: Option<String>,
    pub id_token_alg: String,
    /// The resource indicators (RFC 8707) it may ask tokens for: exact absolute URIs, or
    /// prefixes written `https://host/path/*`. Besides `PORTCULLIS_RESOURCES`, which every
    /// client may ask for.
    pub resources: Vec<String>,
    /// It must push its authorization requests (RFC 9126).
    pub require_par: bool,
    pub managed_by: String,
    /// Unix milliseconds.
    pub created_at: i64,
    pub updated_at: i64,
}

impl OAuthClient {
    pub fn is_public(&self) -> bool {
        self.auth_method == AuthMethod::None
    }

    pub fn allows_grant(&self, grant: &str) -> bool {
        self.grant_types.iter().any(|g| g == grant)
    }

    /// Checks a registration: the rules every way of registering shares. `Err`: what is wrong,
    /// in words for the operator.
    pub fn validate(&self) -> Result<(), String> {
        if self.client_id.is_empty()
            || self.client_id.len() > 128
            || !self.client_id.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
        {
            return Err("client_id must be 1 to 128 letters, digits, '-', '.', '_' or '~'".into());
        }
        // A client is addressed by its id as a path segment (`/api/admin/clients/{client_id}`,
        // `/account/grants/{client_id}/revoke`), and browsers and HTTP clients resolve `.` and
        // `..` there as dot segments, so such a client could never be reached.
        if matches!(self.client_id.as_str(), "." | "..") {
            return Err("client_id cannot be . or .. (it is used as a URL path segment)".into());
        }
        if self.name.trim().is_empty() || self.name.chars().count() > 200 {
            return Err("name must be 1 to 200 characters".into());
        }
        for g in &self.grant_types {
            if !GRANT_TYPES.contains(&g.as_str()) {
                return Err(format!(
                    "unknown grant type {g:?} (known: {})",
                    GRANT_TYPES.join(", ")
                ));
            }
        }
        if self.grant_types.is_empty() {
            return Err("a client needs at least one grant type".into());
        }
        if self.is_public() && self.allows_grant("client_credentials") {
            return Err("a public client cannot use client_credentials".into());
        }
        if self.allows_grant("authorization_code") && self.redirect_uris.is_empty() {
            return Err("the authorization_code grant needs at least one redirect URI".into());
        }
        if self.auth_method == AuthMethod::PrivateKeyJwt && self.jwks_uri.is_none() {
            return Err("private_key_jwt needs a jwks_uri".into());
        }
        if !ID_TOKEN_ALGS.contains(&self.id_token_alg.as_str()) {
            return Err(format!(
                "id_token_signed_response_alg must be one of {}",
                ID_TOKEN_ALGS.join(", ")
            ));
        }
        for s in &self.scopes {
            if s.is_empty()
                || s.len() > 128
                || !s.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\')
            {
                return Err(format!("invalid scope {s:?}"));
            }
        }
        for uri in &self.redirect_uris {
            redirect_uri_ok(uri).map_err(|e| format!("redirect URI {uri:?}: {e}"))?;
        }
        for uri in &self.post_logout_redirect_uris {
            redirect_uri_ok(uri).map_err(|e| format!("post-logout redirect URI {uri:?}: {e}"))?;
        }
        for r in &self.resources {
            resource_pattern_ok(r).map_err(|e| format!("resource {r:?}: {e}"))?;
        }
        for uri in self.backchannel_logout_uri.iter().chain(&self.jwks_uri) {
            let u = url::Url::parse(uri).map_err(|e| format!("{uri:?}: {e}"))?;
            if !matches!(u.scheme(), "https" | "http") || u.fragment().is_some() {
                return Err(format!("{uri:?} must be an http(s) URL without a fragment"));
            }
        }
        Ok(())
    }
}

/// A redirect URI as OAuth 2.1 allows one: absolute, no fragment; `https`, or `http` only on
/// a loopback host (native apps and development), or a private-use scheme for native apps
/// (`com.example.app:/cb`). Wildcards do not exist: it is matched exactly.
pub fn redirect_uri_ok(uri: &str) -> Result<(), &'static str> {
    if uri.len() > 2000 {
        return Err("too long");
    }
    let u = url::Url::parse(uri).map_err(|_| "not an absolute URL")?;
    if u.fragment().is_some() {
        return Err("must not have a fragment");
    }
    match u.scheme() {
        "https" => Ok(()),
        "http" => match u.host() {
            Some(url::Host::Domain("localhost")) => Ok(()),
            Some(url::Host::Ipv4(ip)) if ip.is_loopback() => Ok(()),
            Some(url::Host::Ipv6(ip)) if ip.is_loopback() => Ok(()),
            _ => Err("http is allowed only on a loopback host; use https"),
        },
        "javascript" | "data" | "file" | "vbscript" | "blob" | "about" => Err("scheme not allowed"),
        s if s.contains('.') => Ok(()),
        _ => Err("use https, http on loopback, or a private-use scheme such as com.example.app"),
    }
}

/// Whether `presented` is the registered redirect URI `registered`: the same string or, for an
/// `http` loopback IP literal (RFC 8252 section 7.3, OAuth 2.1 section 8.4.2), the same but for
/// the port, which a native app picks when it starts. `presented` must be written as a URL
/// parser writes it, so the comparison is of what the browser will be sent to.
pub fn redirect_uri_matches(registered: &str, presented: &str) -> bool {
    if registered == presented {
        return true;
    }
    let (Ok(mut r), Ok(mut p)) = (url::Url::parse(registered), url::Url::parse(presented)) else {
        return false;
    };
    let loopback_ip = |u: &url::Url| {
        u.scheme() == "http"
            && match u.host() {
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                _ => false,
            }
    };
    if !loopback_ip(&r) || !loopback_ip(&p) || p.as_str() != presented {
        return false;
    }
    // Both are http URLs with a host, so neither refuses a port change.
    let (_, _) = (r.set_port(None), p.set_port(None));
    r.as_str() == p.as_str()
}

/// A resource indicator as RFC 8707 section 2 allows one: an absolute URI without a fragment.
pub fn resource_ok(uri: &str) -> Result<(), &'static str> {
    if uri.len() > 1000 {
        return Err("too long");
    }
    let u = url::Url::parse(uri).map_err(|_| "not an absolute URI")?;
    if u.fragment().is_some() {
        return Err("must not have a fragment");
    }
    if u.cannot_be_a_base() || u.host().is_none() {
        return Err("must be a URL with a host");
    }
    Ok(())
}

/// An allowed-resource entry: a resource indicator, or a prefix of them written with a final
/// `/*` (so `https://api.example.com/*` cannot also allow `https://api.example.com.evil/`).
pub fn resource_pattern_ok(pattern: &str) -> Result<(), &'static str> {
    match pattern.strip_suffix('*') {
        Some(prefix) if prefix.ends_with('/') && !prefix.contains('*') => resource_ok(prefix),
        Some(_) => Err("a pattern ends with \"/*\" and has no other *"),
        None if pattern.contains('*') => Err("a pattern ends with \"/*\" and has no other *"),
        None => resource_ok(pattern),
    }
}

/// Whether `resource` is allowed by `pattern` (see [`resource_pattern_ok`]): equal, or under
/// its prefix. The resource is compared as written, after its own syntax check; under a prefix
/// it must be written as a URL parser writes it, so that dot segments (`/a/../b`,
/// `/a/%2e%2e/b`) cannot name, for a resource server that resolves them, a URL outside it.
pub fn resource_matches(pattern: &str, resource: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => {
            resource.starts_with(prefix)
                && resource.len() > prefix.len()
                && url::Url::parse(resource).is_ok_and(|u| u.as_str() == resource)
        }
        None => pattern == resource,
    }
}

/// Scopes as OAuth writes them: space-separated, each once, in the order given.
pub fn scope_list(scope: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in scope.split(' ').filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_uris_follow_oauth_2_1() {
        for ok in [
            "https://app.example.com/cb",
            "http://127.0.0.1:8080/cb",
            "http://localhost/cb",
            "http://[::1]:9/cb",
            "com.example.app:/oauth",
        ] {
            assert!(redirect_uri_ok(ok).is_ok(), "{ok}");
        }
        for bad in [
            "/relative",
            "https://app.example.com/cb#frag",
            "http://app.example.com/cb",
            "javascript:alert(1)",
            "data:text/html,hi",
            "custom:/x",
        ] {
            assert!(redirect_uri_ok(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn resource_patterns_match_under_their_prefix_only() {
        assert!(resource_pattern_ok("https://mcp.example.com/").is_ok());
        assert!(resource_pattern_ok("https://mcp.example.com/*").is_ok());
        for bad in ["https://mcp.example.com*", "https://*.example.com/", "/relative", "x#y"] {
            assert!(resource_pattern_ok(bad).is_err(), "{bad}");
        }
        assert!(resource_matches("https://a.example/*", "https://a.example/mcp"));
        assert!(!resource_matches("https://a.example/*", "https://a.example.evil/mcp"));
        assert!(!resource_matches("https://a.example/*", "https://a.example/"));
        assert!(resource_matches("https://a.example/mcp", "https://a.example/mcp"));
        assert!(!resource_matches("https://a.example/mcp", "https://a.example/mcp/x"));
    }

    #[test]
    fn a_client_id_is_never_a_dot_segment() {
        let client = |id: &str| OAuthClient {
            client_id: id.to_owned(),
            name: "n".into(),
            auth_method: AuthMethod::ClientSecretBasic,
            redirect_uris: vec!["https://a.example/cb".into()],
            post_logout_redirect_uris: Vec::new(),
            grant_types: vec!["authorization_code".into()],
            scopes: vec!["openid".into()],
            backchannel_logout_uri: None,
            skip_consent: false,
            jwks_uri: None,
            id_token_alg: "RS256".into(),
            resources: Vec::new(),
            require_par: false,
            managed_by: MANAGED_BY_API.into(),
            created_at: 0,
            updated_at: 0,
        };
        for ok in ["a", "a.b", "...", ".a", "a..", "~_-"] {
            assert!(client(ok).validate().is_ok(), "{ok}");
        }
        for bad in [".", "..", "", "a/b", "a b", "%2e"] {
            assert!(client(bad).validate().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_loopback_ip_redirect_uri_matches_on_any_port_and_nothing_else_does() {
        let r = "http://127.0.0.1/cb";
        assert!(redirect_uri_matches(r, "http://127.0.0.1:49152/cb"));
        assert!(redirect_uri_matches("http://127.0.0.1:8000/cb", "http://127.0.0.1:9/cb"));
        assert!(redirect_uri_matches("http://[::1]/cb", "http://[::1]:5000/cb"));
        for other in [
            "http://127.0.0.1:49152/other",
            "http://127.0.0.1:49152/cb?x=1",
            "http://127.0.0.2:49152/cb",
            "http://localhost:49152/cb",
            "https://127.0.0.1:49152/cb",
            "http://127.0.0.1:49152/a/../cb",
            "http://127.0.0.1:49152/CB",
        ] {
            assert!(!redirect_uri_matches(r, other), "{other}");
        }
        // Other hosts match exactly only.
        assert!(redirect_uri_matches("https://app.example/cb", "https://app.example/cb"));
        assert!(!redirect_uri_matches("https://app.example/cb", "https://app.example:444/cb"));
        assert!(!redirect_uri_matches("http://localhost/cb", "http://localhost:3000/cb"));
    }

    #[test]
    fn scopes_are_split_once_each() {
        assert_eq!(scope_list(" openid  email openid "), vec!["openid", "email"]);
        assert!(scope_list("").is_empty());
    }
}

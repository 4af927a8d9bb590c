//! Client ID metadata documents (draft-ietf-oauth-client-id-metadata-document, as the MCP
//! authorization specification of 2025-11-25 uses them): with
//! `PORTCULLIS_CLIENT_METADATA_DOCUMENTS` on, a `client_id` that is an https URL names the
//! client its JSON document at that URL describes. No registration: the authorization and
//! token endpoints fetch the document, check it like a dynamic registration (RFC 7591), and
//! keep it as the client's row (`managed_by` `document`) until the copy is stale.
//!
//! Such a client is a third party and a public one: `token_endpoint_auth_method` `none`
//! (PKCE), the code and refresh grants only, the consent page always (it names the document's
//! host). Fetching is Portcullis calling a URL anyone may choose, so it is fenced: https only;
//! the host resolved once and refused unless every address is public (not private, loopback,
//! link-local, unique-local, CGNAT, multicast, unspecified, reserved or for documentation, IPv4
//! and IPv6 alike, IPv4-mapped ones by their IPv4 address), and the connection made to exactly
//! those addresses, so a DNS answer cannot change between the check and the connection; no
//! proxy; no redirects (one is a refusal); 5 seconds; at most 5 KiB read; JSON only; a few
//! fetches at once per node. The copy is kept for what the answer's caching headers say,
//! between a minute and a day.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use openidconnect::reqwest;
use serde_json::Value;

use super::clients::{apply, defaults};
use super::provider::OAuthError;
use super::Auth;
use crate::clock::now_ms;
use crate::config::ClientMetadataDocuments;
use crate::domain::client::MANAGED_BY_METADATA_DOCUMENT;
use crate::domain::OAuthClient;
use crate::error::{AppError, ErrorCode, Result};
use crate::store::StoredClient;

/// The longest `client_id` URL: what every database's client id columns hold.
const MAX_CLIENT_ID: usize = 255;
/// The largest document read; more is a refusal (read no further).
const MAX_DOCUMENT: usize = 5 * 1024;
/// A fetch, from the name lookup to the last byte, takes at most this.
const FETCH_TIMEOUT: Duration = Duration::from_secs(5);
/// A copy is kept at least this long, whatever the answer says (`no-store` included), so a
/// hostile document cannot make Portcullis fetch it on every request.
pub const MIN_TTL_MS: i64 = 60_000;
/// And at most this long, so a changed document is seen within a day.
pub const MAX_TTL_MS: i64 = 86_400_000;
/// How long a copy is kept when the answer says nothing about caching.
pub const DEFAULT_TTL_MS: i64 = 300_000;
/// Documents fetched at once by one node; more wait (within the fetch timeout) or are refused.
const FETCHES_AT_ONCE: usize = 8;

/// The fetches under way on this node.
pub struct Fetches {
    slots: tokio::sync::Semaphore,
}

impl Default for Fetches {
    fn default() -> Self {
        Self { slots: tokio::sync::Semaphore::new(FETCHES_AT_ONCE) }
    }
}

impl std::fmt::Debug for Fetches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetches").finish_non_exhaustive()
    }
}

/// Whether `id` is written as a URL: the `client_id` of a metadata document (no registered
/// client's id can be: they are letters, digits and `-._~`).
pub(super) fn is_url(id: &str) -> bool {
    id.starts_with("https://") || id.starts_with("http://")
}

/// The host a metadata document client's `client_id` names, for the consent page; `None` for
/// any other client.
pub fn document_host(client: &OAuthClient) -> Option<String> {
    if client.managed_by != MANAGED_BY_METADATA_DOCUMENT {
        return None;
    }
    url::Url::parse(&client.client_id).ok()?.host_str().map(str::to_owned)
}

/// Whether `ip` is an address a metadata document may be fetched from: a public unicast one.
/// Loopback addresses pass too with `loopback` (`PORTCULLIS_CLIENT_METADATA_ALLOW_LOOPBACK`).
pub fn address_allowed(ip: IpAddr, loopback: bool) -> bool {
    match ip {
        IpAddr::V4(v4) => v4_allowed(v4, loopback),
        IpAddr::V6(v6) => {
            // An IPv4 address written as IPv6 (mapped `::ffff:a.b.c.d`, or NAT64's
            // `64:ff9b::a.b.c.d`) reaches that IPv4 address: judged as it.
            if let Some(v4) = v6.to_ipv4_mapped() {
                return v4_allowed(v4, loopback);
            }
            let s = v6.segments();
            if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                let [a, b] = s[6].to_be_bytes();
                let [c, d] = s[7].to_be_bytes();
                return v4_allowed(Ipv4Addr::new(a, b, c, d), loopback);
            }
            if v6 == Ipv6Addr::LOCALHOST {
                return loopback;
            }
            let in_prefix = |prefix: [u16; 2], bits: u32| {
                let top = (u32::from(s[0]) << 16) | u32::from(s[1]);
                let want = (u32::from(prefix[0]) << 16) | u32::from(prefix[1]);
                let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
                top & mask == want & mask
            };
            // Global unicast is 2000::/3; within it, the ranges that are not the Internet.
            in_prefix([0x2000, 0], 3)
                && ![
                    ([0x2001, 0x0000], 23), // IETF protocol assignments (Teredo, ORCHID, ...)
                    ([0x2001, 0x0db8], 32), // documentation
                    ([0x2002, 0x0000], 16), // 6to4 (an IPv4 address inside)
                    ([0x3fff, 0x0000], 20), // documentation (RFC 9637)
                ]
                .iter()
                .any(|(p, bits)| in_prefix(*p, *bits))
        }
    }
}

fn v4_allowed(ip: Ipv4Addr, loopback: bool) -> bool {
    let [a, b, c, _] = ip.octets();
    if ip.is_loopback() {
        return loopback;
    }
    !(a == 0 // "this network", unspecified
        || a == 10 // private
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 169 && b == 254) // link-local (cloud metadata endpoints live here)
        || (a == 172 && (16..32).contains(&b)) // private
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // documentation
        || (a == 192 && b == 88 && c == 99) // 6to4 relay anycast
        || (a == 192 && b == 168) // private
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || (a == 198 && b == 51 && c == 100) // documentation
        || (a == 203 && b == 0 && c == 113) // documentation
        || a >= 224) // multicast, reserved, broadcast
}

/// Checks a `client_id` as the URL of a metadata document: written as a URL parser writes it
/// (so no dot segments, default port or upper-case host: it is compared exactly), https with a
/// path, no fragment, user or password, at most [`MAX_CLIENT_ID`] characters, on an allowed
/// host. `Err`: why not, in words for the page.
fn document_url(id: &str, cfg: &ClientMetadataDocuments) -> std::result::Result<url::Url, String> {
    if id.len() > MAX_CLIENT_ID {
        return Err(format!("the URL is longer than {MAX_CLIENT_ID} characters"));
    }
    let url = url::Url::parse(id).map_err(|_| "it is not a URL".to_owned())?;
    if url.as_str() != id {
        return Err("the URL is not in its plain form (dot segments, a default port, an \
                    upper-case host, ...)"
            .into());
    }
    let loopback_host = match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => {}
        "http" if cfg.allow_loopback && loopback_host => {}
        _ => return Err("the URL must be https".into()),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("the URL must not hold a user name or password".into());
    }
    if url.fragment().is_some() {
        return Err("the URL must not have a fragment".into());
    }
    let segments: Vec<&str> = url.path().split('/').skip(1).collect();
    if segments.iter().all(|s| s.is_empty()) {
        return Err("the URL must have a path".into());
    }
    if segments.iter().any(|s| matches!(*s, "." | "..")) {
        return Err("the URL must not have dot segments".into());
    }
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    if !cfg.hosts.is_empty() && !cfg.hosts.contains(&host) {
        return Err(format!("{host} is not a host whose metadata documents are accepted here"));
    }
    Ok(url)
}

/// How long a fetched copy is kept, from the answer's caching headers (RFC 9111): `no-store`
/// and `no-cache` the least, `max-age` (or `Expires`, against `Date`) within the bounds, and
/// [`DEFAULT_TTL_MS`] when they say nothing.
pub fn cache_ttl_ms(headers: &reqwest::header::HeaderMap, now: i64) -> i64 {
    use reqwest::header::{CACHE_CONTROL, DATE, EXPIRES};
    let directives: Vec<String> = headers
        .get_all(CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|d| d.trim().to_ascii_lowercase())
        .collect();
    let clamp = |ms: i64| ms.clamp(MIN_TTL_MS, MAX_TTL_MS);
    if directives.iter().any(|d| d == "no-store" || d == "no-cache") {
        return MIN_TTL_MS;
    }
    if let Some(age) = directives.iter().find_map(|d| d.strip_prefix("max-age=")) {
        // A malformed max-age is stale at once (RFC 9111 section 4.2.1).
        let secs = age.trim_matches('"').parse::<i64>().unwrap_or(0);
        return clamp(secs.saturating_mul(1000));
    }
    let date = |name| {
        let text = headers.get(name)?.to_str().ok()?;
        let at = time::OffsetDateTime::parse(
            text.trim(),
            &time::format_description::well_known::Rfc2822,
        )
        .ok()?;
        Some(at.unix_timestamp().saturating_mul(1000))
    };
    if headers.contains_key(EXPIRES) {
        // An invalid Expires means already expired (RFC 9111 section 5.3).
        let Some(expires) = date(EXPIRES) else { return MIN_TTL_MS };
        return clamp(expires.saturating_sub(date(DATE).unwrap_or(now)));
    }
    DEFAULT_TTL_MS
}

/// A fetched document: its bytes and how long to keep it.
struct Fetched {
    body: Vec<u8>,
    ttl_ms: i64,
}

/// The client a document describes, checked. `Err`: why it is refused, for the page.
fn client_of(
    id: &str,
    host: &str,
    body: &[u8],
    now: i64,
) -> std::result::Result<OAuthClient, String> {
    let value: Value = serde_json::from_slice(body).map_err(|_| "it is not JSON".to_owned())?;
    let Some(doc) = value.as_object() else { return Err("it is not a JSON object".into()) };
    if doc.get("client_id").and_then(Value::as_str) != Some(id) {
        return Err("its client_id is not the URL it was fetched from".into());
    }
    if doc.contains_key("client_secret") || doc.contains_key("client_secret_expires_at") {
        return Err("it names a client secret, which a client known by its metadata document \
                    cannot have"
            .into());
    }
    if doc.contains_key("jwks_uri") || doc.contains_key("jwks") {
        return Err("it names keys (jwks_uri, jwks): private_key_jwt is not offered to clients \
                    known by their metadata document; use token_endpoint_auth_method none"
            .into());
    }
    match doc.get("token_endpoint_auth_method") {
        None => {}
        Some(Value::String(m)) if m == "none" => {}
        Some(_) => {
            return Err(
                "token_endpoint_auth_method must be none (a public client, with PKCE)".into()
            )
        }
    }
    // The rest is checked as a dynamic registration is (RFC 7591): redirect URIs, grants,
    // response types, scopes, the ID token's algorithm; nothing Portcullis would call.
    let (mut spec, _) = super::registration::spec_of(body).map_err(|e| e.description)?;
    spec.token_endpoint_auth_method = Some("none".into());
    // Its own name, or else its host; control characters dropped (they have no place on a
    // page, and PostgreSQL refuses NUL).
    let name: String = doc
        .get("client_name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    let name = name.trim();
    spec.name = Some(if name.is_empty() { host.to_owned() } else { name.to_owned() });
    // Checked under a stand-in id: a registered client's id may not be a URL, this one must.
    let base = defaults("metadata-document".into(), now, MANAGED_BY_METADATA_DOCUMENT);
    let mut client = apply(base, &spec).map_err(|e| e.public_message().into_owned())?;
    client.client_id = id.to_owned();
    Ok(client)
}

/// A refusal of the document at `id`, for the error page (a `400`, never a redirect: the
/// redirect URIs are not known to be the client's).
fn refused(id: &str, why: &str) -> AppError {
    AppError::bad_request(
        ErrorCode::InvalidAuthorizationRequest,
        format!("The application's client metadata document at {id} cannot be used: {why}."),
    )
}

impl OAuthError {
    /// A client lookup's failure at the token, introspection and revocation endpoints: a
    /// document that cannot be used is `invalid_client` (with why); others as usual.
    pub(crate) fn for_client(e: AppError) -> Self {
        match e {
            AppError::BadRequest { message, .. } => Self::invalid_client(message.into_owned()),
            other => other.into(),
        }
    }
}

impl Auth {
    /// The client `id` names: a registered one, or, for a URL with metadata documents on, the
    /// client its document describes (fetched when there is no fresh copy). `Ok(None)`: no
    /// such client. `Err` `400` `invalid_authorization_request`: the document cannot be used,
    /// and the message says why.
    pub(super) async fn find_client(&self, id: &str) -> Result<Option<StoredClient>> {
        if !is_url(id) {
            return Ok(self.store.client(id).await?);
        }
        let cfg = &self.settings.client_metadata;
        if !cfg.enabled {
            return Ok(None);
        }
        let url = document_url(id, cfg).map_err(|why| refused(id, &why))?;
        let now = now_ms();
        if let Some((stored, Some(expires_at))) = self.store.document_client(id).await? {
            if expires_at > now {
                return Ok(Some(stored));
            }
        }
        let host = url.host_str().unwrap_or_default().to_owned();
        let fetched = self.fetch_document(&url).await.map_err(|why| {
            tracing::info!(client_id = %id, %why, "client metadata document not fetched");
            refused(id, &why)
        })?;
        let client = client_of(id, &host, &fetched.body, now).map_err(|why| {
            tracing::info!(client_id = %id, %why, "client metadata document refused");
            refused(id, &why)
        })?;
        self.store.save_document_client(&client, now, now + fetched.ttl_ms).await?;
        Ok(self.store.client(id).await?)
    }

    /// Fetches the document at `url` (already checked by [`document_url`]) within the fences
    /// of the module's description. `Err`: why not, in words for the page; what the address
    /// was is not said (that would tell anyone how internal names resolve).
    async fn fetch_document(&self, url: &url::Url) -> std::result::Result<Fetched, String> {
        let cfg = &self.settings.client_metadata;
        let _slot = tokio::time::timeout(FETCH_TIMEOUT, self.metadata_fetches.slots.acquire())
            .await
            .ok()
            .and_then(|s| s.ok())
            .ok_or("too many documents are being fetched; try again shortly")?;
        let started = tokio::time::Instant::now();
        let port = url.port_or_known_default().unwrap_or(443);
        let no_public_address = || "its host has no public address".to_owned();
        let (addrs, name): (Vec<SocketAddr>, Option<&str>) = match url.host() {
            Some(url::Host::Ipv4(ip)) => (vec![SocketAddr::new(ip.into(), port)], None),
            Some(url::Host::Ipv6(ip)) => (vec![SocketAddr::new(ip.into(), port)], None),
            Some(url::Host::Domain(d)) => {
                let found = tokio::time::timeout(FETCH_TIMEOUT, tokio::net::lookup_host((d, port)))
                    .await
                    .map_err(|_| "its host name did not resolve in time".to_owned())?
                    .map_err(|_| no_public_address())?;
                (found.collect(), Some(d))
            }
            None => return Err(no_public_address()),
        };
        // Every address must pass, since the connection may use any of them.
        if addrs.is_empty() || !addrs.iter().all(|a| address_allowed(a.ip(), cfg.allow_loopback)) {
            return Err(no_public_address());
        }
        let mut builder = reqwest::ClientBuilder::new()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(FETCH_TIMEOUT.saturating_sub(started.elapsed()))
            .user_agent(crate::PRODUCT)
            .https_only(url.scheme() == "https");
        if let Some(name) = name {
            // The connection goes to the addresses just checked, never to a second answer.
            builder = builder.resolve_to_addrs(name, &addrs);
        }
        if let Some(path) = &cfg.ca_file {
            let pem = std::fs::read(path).map_err(|_| "the trusted CA file cannot be read")?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .map_err(|_| "the trusted CA file holds no certificate")?;
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        let http = builder.build().map_err(|_| "no HTTP client could be made")?;
        let failed = |e: reqwest::Error| {
            let timeout = e.is_timeout();
            tracing::info!(error = %e.without_url(), "client metadata document fetch failed");
            if timeout {
                format!("it did not answer within {} seconds", FETCH_TIMEOUT.as_secs())
            } else {
                "it could not be fetched".to_owned()
            }
        };
        let res = http
            .get(url.clone())
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(failed)?;
        let status = res.status();
        if status.is_redirection() {
            return Err("it answered with a redirect, and redirects are not followed".into());
        }
        if status != reqwest::StatusCode::OK {
            return Err(format!("it answered HTTP {}", status.as_u16()));
        }
        let json = res
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|t| t.trim().to_ascii_lowercase())
            .is_some_and(|t| t == "application/json" || t.ends_with("+json"));
        if !json {
            return Err("it is not served as JSON (Content-Type application/json)".into());
        }
        let too_large = || format!("it is larger than {} KiB", MAX_DOCUMENT / 1024);
        if res.content_length().is_some_and(|n| n > MAX_DOCUMENT as u64) {
            return Err(too_large());
        }
        let ttl_ms = cache_ttl_ms(res.headers(), now_ms());
        let mut res = res;
        let mut body = Vec::new();
        while let Some(chunk) = res.chunk().await.map_err(failed)? {
            if body.len() + chunk.len() > MAX_DOCUMENT {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Fetched { body, ttl_ms })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn only_public_unicast_addresses_are_fetched_from() {
        for public in [
            "93.184.215.14",
            "8.8.8.8",
            "1.1.1.1",
            "100.63.255.255",
            "100.128.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "192.169.0.1",
            "198.20.0.1",
            "223.255.255.254",
            "2606:4700:4700::1111",
            "2a00:1450:4001:80b::200e",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
        ] {
            assert!(address_allowed(ip(public), false), "{public}");
        }
        for private in [
            "0.0.0.0",
            "0.1.2.3",
            "10.0.0.1",
            "100.64.0.1",
            "100.127.255.255",
            "127.0.0.1",
            "127.255.0.1",
            "169.254.169.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.0.0.8",
            "192.0.2.1",
            "192.88.99.1",
            "192.168.1.1",
            "198.18.0.1",
            "198.51.100.7",
            "203.0.113.9",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "::2",
            "::127.0.0.1",
            "::ffff:127.0.0.1",
            "::ffff:10.1.2.3",
            "::ffff:169.254.169.254",
            "64:ff9b::a00:1",
            "64:ff9b::7f00:1",
            "100::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "fec0::1",
            "ff02::1",
            "ff0e::1",
            "2001::1",
            "2001:db8::1",
            "2001:10::1",
            "2002:c0a8:101::1",
            "3fff::1",
            "4000::1",
            "1000::1",
        ] {
            assert!(!address_allowed(ip(private), false), "{private}");
        }
    }

    #[test]
    fn loopback_passes_only_when_allowed_and_nothing_else_with_it() {
        for loopback in ["127.0.0.1", "127.3.2.1", "::1", "::ffff:127.0.0.1"] {
            assert!(address_allowed(ip(loopback), true), "{loopback}");
            assert!(!address_allowed(ip(loopback), false), "{loopback}");
        }
        for other in ["10.0.0.1", "192.168.0.1", "169.254.169.254", "fd00::1", "fe80::1", "::"] {
            assert!(!address_allowed(ip(other), true), "{other}");
        }
    }

    fn cfg() -> ClientMetadataDocuments {
        ClientMetadataDocuments { enabled: true, ..Default::default() }
    }

    #[test]
    fn a_client_id_url_is_https_with_a_path_and_in_its_plain_form() {
        assert!(document_url("https://app.example/client.json", &cfg()).is_ok());
        assert!(document_url("https://app.example:8443/a/b?x=1", &cfg()).is_ok());
        for bad in [
            "http://app.example/client.json",
            "https://app.example",
            "https://app.example/",
            "https://app.example/a#frag",
            "https://app.example/a#",
            "https://user@app.example/a",
            "https://user:pw@app.example/a",
            "https://app.example/a/../b",
            "https://app.example/a/./b",
            "https://app.example/a/%2e%2e/b",
            "https://APP.example/a",
            "https://app.example:443/a",
            "https://app.example/a b",
            "ftp://app.example/a",
            "http://127.0.0.1:8080/client.json",
        ] {
            assert!(document_url(bad, &cfg()).is_err(), "{bad}");
        }
        let long = format!("https://app.example/{}", "a".repeat(240));
        assert!(document_url(&long, &cfg()).is_err());
        // Plain http on loopback only with the development setting, and only there.
        let dev = ClientMetadataDocuments { allow_loopback: true, ..cfg() };
        assert!(document_url("http://127.0.0.1:8080/client.json", &dev).is_ok());
        assert!(document_url("http://localhost:8080/client.json", &dev).is_ok());
        assert!(document_url("http://app.example/client.json", &dev).is_err());
    }

    #[test]
    fn the_host_allow_list_is_matched_exactly() {
        let listed = ClientMetadataDocuments { hosts: vec!["app.example".into()], ..cfg() };
        assert!(document_url("https://app.example/c.json", &listed).is_ok());
        assert!(document_url("https://evil.app.example/c.json", &listed).is_err());
        assert!(document_url("https://app.example.evil/c.json", &listed).is_err());
    }

    #[test]
    fn caching_headers_are_honoured_within_bounds() {
        use reqwest::header::{HeaderMap, HeaderValue, CACHE_CONTROL, DATE, EXPIRES};
        let with = |pairs: &[(reqwest::header::HeaderName, &str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.append(k.clone(), HeaderValue::from_str(v).unwrap());
            }
            cache_ttl_ms(&h, 1_000_000_000_000)
        };
        assert_eq!(with(&[]), DEFAULT_TTL_MS);
        assert_eq!(with(&[(CACHE_CONTROL, "public, max-age=600")]), 600_000);
        assert_eq!(with(&[(CACHE_CONTROL, "max-age=5")]), MIN_TTL_MS);
        assert_eq!(with(&[(CACHE_CONTROL, "max-age=0")]), MIN_TTL_MS);
        assert_eq!(with(&[(CACHE_CONTROL, "max-age=99999999999")]), MAX_TTL_MS);
        assert_eq!(with(&[(CACHE_CONTROL, "max-age=nonsense")]), MIN_TTL_MS);
        assert_eq!(with(&[(CACHE_CONTROL, "no-store")]), MIN_TTL_MS);
        assert_eq!(
            with(&[(CACHE_CONTROL, "max-age=3600"), (CACHE_CONTROL, "no-cache")]),
            MIN_TTL_MS
        );
        let expires =
            [(DATE, "Sun, 06 Nov 1994 08:49:37 GMT"), (EXPIRES, "Sun, 06 Nov 1994 09:49:37 GMT")];
        assert_eq!(with(&expires), 3_600_000);
        assert_eq!(with(&[(EXPIRES, "0")]), MIN_TTL_MS);
        // max-age wins over Expires (RFC 9111 section 5.3).
        assert_eq!(
            with(&[expires[0].clone(), expires[1].clone(), (CACHE_CONTROL, "max-age=120")]),
            120_000
        );
    }

    #[test]
    fn a_document_must_name_itself_and_be_a_public_client() {
        let id = "https://app.example/client.json";
        let doc = |extra: Value| {
            let mut d = serde_json::json!({
                "client_id": id,
                "client_name": "App\u{0}",
                "redirect_uris": ["https://app.example/cb"],
                "grant_types": ["authorization_code", "refresh_token"],
            });
            for (k, v) in extra.as_object().unwrap() {
                d[k] = v.clone();
            }
            serde_json::to_vec(&d).unwrap()
        };
        let made = client_of(id, "app.example", &doc(serde_json::json!({})), 0).unwrap();
        assert_eq!(made.client_id, id);
        assert_eq!(made.name, "App");
        assert!(made.is_public() && !made.skip_consent);
        assert_eq!(made.managed_by, MANAGED_BY_METADATA_DOCUMENT);
        let unnamed =
            client_of(id, "app.example", &doc(serde_json::json!({"client_name": " "})), 0);
        assert_eq!(unnamed.unwrap().name, "app.example");
        for bad in [
            serde_json::json!({"client_id": "https://other.example/client.json"}),
            serde_json::json!({"client_id": "https://app.example/client.json/"}),
            serde_json::json!({"client_secret": "s"}),
            serde_json::json!({"client_secret_expires_at": 0}),
            serde_json::json!({"token_endpoint_auth_method": "client_secret_basic"}),
            serde_json::json!({"token_endpoint_auth_method": "private_key_jwt"}),
            serde_json::json!({"jwks_uri": "https://app.example/jwks"}),
            serde_json::json!({"redirect_uris": []}),
            serde_json::json!({"redirect_uris": ["http://app.example/cb"]}),
            serde_json::json!({"grant_types": ["client_credentials"]}),
            serde_json::json!({"backchannel_logout_uri": "https://app.example/bc"}),
        ] {
            assert!(client_of(id, "app.example", &doc(bad.clone()), 0).is_err(), "{bad}");
        }
        assert!(client_of(id, "app.example", b"[1]", 0).is_err());
        assert!(client_of(id, "app.example", b"not json", 0).is_err());
    }
}

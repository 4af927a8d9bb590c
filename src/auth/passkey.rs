//! The WebAuthn relying party (webauthn-rs), configured from `PORTCULLIS_PUBLIC_URL`: its host
//! is the relying-party id and its origin the only origin accepted.

use webauthn_rs::prelude::{Url, Webauthn, WebauthnBuilder};

/// How long a ceremony may take, in the browser and in the store.
pub const CEREMONY_TTL: std::time::Duration = std::time::Duration::from_secs(300);

/// The relying party for `public_url`, or why passkeys cannot work there: browsers refuse an
/// IP address as relying-party id, and plain `http://` anywhere but `localhost`.
pub fn relying_party(public_url: &str, rp_name: &str) -> Result<Webauthn, String> {
    let origin = Url::parse(public_url).map_err(|e| format!("not a URL ({e})"))?;
    let host = match origin.host() {
        Some(url::Host::Domain(d)) => d.to_ascii_lowercase(),
        Some(_) => {
            return Err("its host is an IP address; passkeys need a host name \
                        (for a local trial, http://localhost:PORT)"
                .into())
        }
        None => return Err("it has no host".into()),
    };
    let local = host == "localhost" || host.ends_with(".localhost");
    if origin.scheme() != "https" && !local {
        return Err("browsers allow passkeys only on https:// (or http://localhost)".into());
    }
    WebauthnBuilder::new(&host, &origin)
        .and_then(|b| b.rp_name(rp_name).timeout(CEREMONY_TTL).build())
        .map_err(|e| format!("webauthn-rs refuses it ({e})"))
}

#[cfg(test)]
mod tests {
    use super::relying_party;

    #[test]
    fn needs_a_host_name_and_https_except_on_localhost() {
        assert!(relying_party("https://auth.example.com", "P").is_ok());
        assert!(relying_party("http://localhost:8080", "P").is_ok());
        let ip = relying_party("http://127.0.0.1:8080", "P").unwrap_err();
        assert!(ip.contains("IP address"), "{ip}");
        let http = relying_party("http://auth.example.com", "P").unwrap_err();
        assert!(http.contains("https"), "{http}");
    }
}

//! Talking to external identity providers: OpenID Connect by discovery (openidconnect:
//! authorization code with PKCE, the ID token's signature checked against the provider's
//! JWKS, its issuer, audience, expiry and nonce; the address from the UserInfo endpoint when
//! the ID token does not carry it), and GitHub's OAuth 2.0 with its user API (oauth2). No SQL, no sessions: what comes back is who the provider says the user is.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use serde::Deserialize;

use crate::config::{ExposeSecret, Provider, ProviderKind};

/// A provider's discovery document (and its keys) is re-read this often, and at once when an
/// ID token names a key it does not hold.
const METADATA_TTL: Duration = Duration::from_secs(3600);
/// Bound on every request to a provider.
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// Who the provider says signed in.
#[derive(Debug, Clone)]
pub struct ExternalUser {
    /// The provider's stable id of the user (`sub`, or GitHub's numeric id).
    pub subject: String,
    pub email: Option<String>,
    /// The provider vouches for the address.
    pub email_verified: bool,
}

/// Why a sign-in at a provider did not give a user. The detail is for the log only.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ProviderError(pub String);

fn fail(what: &str, e: impl std::fmt::Display) -> ProviderError {
    ProviderError(format!("{what}: {e}"))
}

/// The configured providers and what is cached of them.
pub struct Providers {
    list: Vec<Provider>,
    http: openidconnect::reqwest::Client,
    metadata: Mutex<HashMap<String, (CoreProviderMetadata, Instant)>>,
}

impl std::fmt::Debug for Providers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Providers").field("list", &self.list).finish_non_exhaustive()
    }
}

/// What a sign-in needs kept until the provider sends the user back.
pub struct Begun {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

impl Providers {
    pub fn new(list: Vec<Provider>) -> anyhow::Result<Self> {
        // No redirects: a provider's endpoints answer directly (openidconnect's advice, so
        // that a redirect cannot point a request somewhere else).
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(HTTP_TIMEOUT)
            .user_agent(crate::PRODUCT)
            .build()?;
        Ok(Self { list, http, metadata: Mutex::new(HashMap::new()) })
    }

    pub fn get(&self, name: &str) -> Option<&Provider> {
        self.list.iter().find(|p| p.name == name)
    }

    async fn metadata(
        &self,
        issuer: &str,
        fresh: bool,
    ) -> Result<CoreProviderMetadata, ProviderError> {
        if !fresh {
            let cached =
                self.metadata.lock().unwrap_or_else(|e| e.into_inner()).get(issuer).cloned();
            if let Some((m, at)) = cached.filter(|(_, at)| at.elapsed() < METADATA_TTL) {
                let _ = at;
                return Ok(m);
            }
        }
        let url = IssuerUrl::new(issuer.to_owned()).map_err(|e| fail("issuer", e))?;
        let m = CoreProviderMetadata::discover_async(url, &self.http)
            .await
            .map_err(|e| fail("discovery", e))?;
        self.metadata
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(issuer.to_owned(), (m.clone(), Instant::now()));
        Ok(m)
    }

    fn oidc_client(
        p: &Provider,
        metadata: CoreProviderMetadata,
        redirect: &str,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        ProviderError,
    > {
        let redirect = RedirectUrl::new(redirect.to_owned()).map_err(|e| fail("redirect", e))?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(p.client_id.clone()),
            Some(ClientSecret::new(p.client_secret.expose_secret().to_owned())),
        )
        .set_redirect_uri(redirect))
    }

    /// Where to send the browser: the provider's authorization endpoint with a new `state`,
    /// `nonce` (OpenID Connect) and PKCE challenge.
    pub async fn begin(&self, p: &Provider, redirect: &str) -> Result<Begun, ProviderError> {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        match &p.kind {
            ProviderKind::Oidc { issuer } => {
                let client = Self::oidc_client(p, self.metadata(issuer, false).await?, redirect)?;
                let mut request = client.authorize_url(
                    CoreAuthenticationFlow::AuthorizationCode,
                    CsrfToken::new_random,
                    Nonce::new_random,
                );
                for scope in p.scopes.iter().filter(|s| *s != "openid") {
                    request = request.add_scope(Scope::new(scope.clone()));
                }
                let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
                Ok(Begun {
                    url: url.to_string(),
                    state: state.secret().clone(),
                    nonce: nonce.secret().clone(),
                    pkce_verifier: verifier.secret().clone(),
                })
            }
            ProviderKind::GitHub { .. } => {
                let client = github_client(p, redirect)?;
                let mut request = client.authorize_url(CsrfToken::new_random);
                for scope in &p.scopes {
                    request = request.add_scope(Scope::new(scope.clone()));
                }
                let (url, state) = request.set_pkce_challenge(challenge).url();
                Ok(Begun {
                    url: url.to_string(),
                    state: state.secret().clone(),
                    nonce: String::new(),
                    pkce_verifier: verifier.secret().clone(),
                })
            }
        }
    }

    /// Exchanges the code and finds out who signed in. For OpenID Connect the ID token must
    /// verify: signature (the provider's JWKS, re-read once if it fails), issuer, audience,
    /// expiry, and the `nonce` this sign-in began with. An ID token without `email` or
    /// `email_verified` is completed from the UserInfo endpoint, whose `sub` must be the ID
    /// token's.
    pub async fn finish(
        &self,
        p: &Provider,
        redirect: &str,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<ExternalUser, ProviderError> {
        match &p.kind {
            ProviderKind::Oidc { issuer } => {
                let client = Self::oidc_client(p, self.metadata(issuer, false).await?, redirect)?;
                let token = client
                    .exchange_code(AuthorizationCode::new(code.to_owned()))
                    .map_err(|e| fail("token endpoint", e))?
                    .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
                    .request_async(&self.http)
                    .await
                    .map_err(|e| fail("code exchange", e))?;
                let id_token =
                    token.id_token().ok_or_else(|| ProviderError("no ID token".into()))?;
                let nonce = Nonce::new(nonce.to_owned());
                let claims = match id_token.claims(&client.id_token_verifier(), &nonce) {
                    Ok(c) => c.clone(),
                    Err(e)
                        if !matches!(
                            e,
                            openidconnect::ClaimsVerificationError::SignatureVerification(_)
                        ) =>
                    {
                        return Err(fail("ID token", e));
                    }
                    Err(first) => {
                        // The provider may have rotated its keys: read them again, once.
                        let client =
                            Self::oidc_client(p, self.metadata(issuer, true).await?, redirect)?;
                        let verifier = client.id_token_verifier();
                        let claims = id_token
                            .claims(&verifier, &nonce)
                            .map_err(|e| fail("ID token", format!("{first}; again: {e}")))?
                            .clone();
                        claims
                    }
                };
                let mut user = ExternalUser {
                    subject: claims.subject().as_str().to_owned(),
                    email: claims.email().map(|e| e.as_str().to_owned()),
                    email_verified: claims.email_verified().unwrap_or(false),
                };
                if claims.email().is_none() || claims.email_verified().is_none() {
                    // OIDC Core 5.4: a provider may give the scope claims only at its UserInfo
                    // endpoint (oidc-provider's default). Its answer must be about the ID
                    // token's subject (5.3.2), or it is refused.
                    let request = client
                        .user_info(token.access_token().clone(), Some(claims.subject().clone()));
                    if let Ok(request) = request {
                        let info: CoreUserInfoClaims = request
                            .request_async(&self.http)
                            .await
                            .map_err(|e| fail("userinfo", e))?;
                        if let Some(email) = info.email() {
                            user.email = Some(email.as_str().to_owned());
                            user.email_verified = info.email_verified().unwrap_or(false);
                        }
                    }
                }
                Ok(user)
            }
            ProviderKind::GitHub { api_url, .. } => {
                let client = github_client(p, redirect)?;
                let token = client
                    .exchange_code(AuthorizationCode::new(code.to_owned()))
                    .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
                    .request_async(&self.http)
                    .await
                    .map_err(|e| fail("code exchange", e))?;
                let bearer = token.access_token().secret().clone();
                let user: GitHubUser = self.github_get(api_url, "/user", &bearer).await?;
                let emails: Vec<GitHubEmail> =
                    self.github_get(api_url, "/user/emails", &bearer).await?;
                // The primary address when it is verified, else none: GitHub's `email` field
                // is whatever the user made public, verified or not.
                let primary = emails.into_iter().find(|e| e.primary && e.verified);
                Ok(ExternalUser {
                    subject: user.id.to_string(),
                    email_verified: primary.is_some(),
                    email: primary.map(|e| e.email),
                })
            }
        }
    }

    async fn github_get<T: serde::de::DeserializeOwned>(
        &self,
        api_url: &str,
        path: &str,
        bearer: &str,
    ) -> Result<T, ProviderError> {
        let res = self
            .http
            .get(format!("{}{path}", api_url.trim_end_matches('/')))
            .bearer_auth(bearer)
            .header("accept", "application/vnd.github+json")
            .send()
            .await
            .map_err(|e| fail(path, e))?;
        if !res.status().is_success() {
            return Err(fail(path, res.status()));
        }
        let body = res.bytes().await.map_err(|e| fail(path, e))?;
        serde_json::from_slice(&body).map_err(|e| fail(path, e))
    }
}

#[derive(Deserialize)]
struct GitHubUser {
    id: u64,
}

#[derive(Deserialize)]
struct GitHubEmail {
    email: String,
    primary: bool,
    verified: bool,
}

fn github_client(
    p: &Provider,
    redirect: &str,
) -> Result<
    oauth2::basic::BasicClient<
        oauth2::EndpointSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointSet,
    >,
    ProviderError,
> {
    let ProviderKind::GitHub { authorize_url, token_url, .. } = &p.kind else {
        return Err(ProviderError("not a GitHub provider".into()));
    };
    Ok(oauth2::basic::BasicClient::new(oauth2::ClientId::new(p.client_id.clone()))
        .set_client_secret(oauth2::ClientSecret::new(p.client_secret.expose_secret().to_owned()))
        .set_auth_uri(
            oauth2::AuthUrl::new(authorize_url.clone()).map_err(|e| fail("authorize", e))?,
        )
        .set_token_uri(oauth2::TokenUrl::new(token_url.clone()).map_err(|e| fail("token", e))?)
        .set_redirect_uri(
            oauth2::RedirectUrl::new(redirect.to_owned()).map_err(|e| fail("redirect", e))?,
        ))
}

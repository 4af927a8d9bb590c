// A client that registers itself with `openid-client`'s dynamicClientRegistration (RFC 7591),
// as agents and MCP clients do, then signs a person in through Portcullis: registration
// refused without the initial access token, a public client registered with it (no secret,
// PKCE), the consent page shown to the person (a registered client is a third party), the
// code flow and a refresh checked by the library, and a registration Portcullis refuses.
// tests/api/provider_interop.rs runs it; it prints one JSON object.
import * as client from 'openid-client';
import { Browser } from './browser.mjs';
import { env, attempt, report } from './common.mjs';

const issuer = new URL(env('ISSUER'));
const redirect_uri = env('REDIRECT_URI');
const person = { email: env('EMAIL'), password: env('PASSWORD') };
const initialAccessToken = env('INITIAL_ACCESS_TOKEN');
// Plain http only because Portcullis runs on loopback in the tests.
const options = (extra = {}) => ({ execute: [client.allowInsecureRequests], ...extra });
const agent = {
  client_name: 'Agent',
  redirect_uris: [redirect_uri],
  grant_types: ['authorization_code', 'refresh_token'],
  token_endpoint_auth_method: 'none',
};

report(async () => {
  const out = {};
  out.without_token = await attempt(() =>
    client.dynamicClientRegistration(issuer, agent, client.None(), options()));
  const config = await client.dynamicClientRegistration(
    issuer, agent, client.None(), options({ initialAccessToken }));
  const meta = config.clientMetadata();
  out.registered = {
    client_id: meta.client_id,
    has_secret: typeof meta.client_secret === 'string',
    token_endpoint_auth_method: meta.token_endpoint_auth_method,
    scope: meta.scope,
    has_registration_access_token: typeof meta.registration_access_token === 'string',
    registration_client_uri: meta.registration_client_uri,
  };

  // The code flow as the registered public client: PKCE, state and nonce, checked by the
  // library; the browser reports the consent page it was shown.
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri,
    scope: 'openid email offline_access',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const browser = new Browser(issuer.href);
  const forms = {};
  const back = new URL(await browser.until(url.href, redirect_uri, person, forms));
  const tokens = await client.authorizationCodeGrant(config, back, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  out.signed_in = {
    consent: forms.consent ?? null,
    sub: tokens.claims()?.sub,
    aud: tokens.claims()?.aud,
    has_refresh_token: typeof tokens.refresh_token === 'string',
  };
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  out.refreshed = { rotated: refreshed.refresh_token !== tokens.refresh_token };
  const info = await client.fetchUserInfo(config, refreshed.access_token, tokens.claims().sub);
  out.userinfo = { sub: info.sub, email: info.email };

  // Portcullis refuses what a third party may not ask for; the library reports why.
  out.refused = await attempt(() => client.dynamicClientRegistration(
    issuer, { redirect_uris: ['http://agent.example/cb'] }, client.None(),
    options({ initialAccessToken })));
  return out;
});

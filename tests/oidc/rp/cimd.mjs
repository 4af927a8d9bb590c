// A client known by its client ID metadata document (draft-ietf-oauth-client-id-metadata-
// document, as MCP clients use it): `openid-client` is given the document's URL as its
// client_id, with no secret (`token_endpoint_auth_method` none), and nothing is registered.
// Portcullis fetches the document (the Rust test serves it), shows the person the consent
// page, and the library runs the code flow (PKCE, state, nonce, the ID token's signature),
// refreshes and reads userinfo; the same client presenting a secret is refused.
// tests/api/metadata_documents.rs runs it; it prints one JSON object.
import * as client from 'openid-client';
import { Browser } from './browser.mjs';
import { env, attempt, report } from './common.mjs';

const issuer = new URL(env('ISSUER'));
const client_id = env('CLIENT_ID');
const redirect_uri = env('REDIRECT_URI');
const person = { email: env('EMAIL'), password: env('PASSWORD') };
// Plain http only because Portcullis runs on loopback in the tests.
const options = { execute: [client.allowInsecureRequests] };

report(async () => {
  const out = {};
  const config = await client.discovery(
    issuer, client_id, { token_endpoint_auth_method: 'none' }, client.None(), options);
  client.enableNonRepudiationChecks(config);
  out.discovery = {
    client_id_metadata_document_supported:
      config.serverMetadata().client_id_metadata_document_supported ?? null,
  };

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
    forms,
    sub: tokens.claims()?.sub,
    aud: tokens.claims()?.aud,
    scope: tokens.scope,
    has_refresh_token: typeof tokens.refresh_token === 'string',
  };
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  out.refreshed = { rotated: refreshed.refresh_token !== tokens.refresh_token };
  const info = await client.fetchUserInfo(config, refreshed.access_token, tokens.claims().sub);
  out.userinfo = { sub: info.sub, email: info.email };

  // A client known by its document has no secret: presenting one is refused.
  const withSecret = await client.discovery(
    issuer, client_id, 'a-secret-it-does-not-have', client.ClientSecretPost(), options);
  out.with_secret = await attempt(() =>
    client.refreshTokenGrant(withSecret, refreshed.refresh_token));
  return out;
});

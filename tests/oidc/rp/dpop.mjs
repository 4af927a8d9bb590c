// A public client (a command-line tool or an agent) on `openid-client` that holds its tokens
// bound to a key (DPoP, RFC 9449) and pushes its authorization request (PAR, RFC 9126) with a
// DPoP proof, so its code is bound too: the library makes every proof (ES256, its own key),
// answers the server's nonce challenge, and checks the answers. The key's thumbprint is worked
// out with `jose`, not by Portcullis. tests/api/provider_interop.rs runs it; it prints one
// JSON object.
import * as client from 'openid-client';
import * as jose from 'jose';
import { Browser } from './browser.mjs';
import { env, attempt, report } from './common.mjs';

const issuer = new URL(env('ISSUER'));
const redirect_uri = env('REDIRECT_URI');
const clientId = env('CLIENT_ID');
const person = { email: env('EMAIL'), password: env('PASSWORD') };

function claimsOf(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
}

report(async () => {
  const out = {};
  // Plain http only because Portcullis runs on loopback in the tests.
  const config = await client.discovery(issuer, clientId, undefined, client.None(), {
    execute: [client.allowInsecureRequests],
  });
  const keyPair = await client.randomDPoPKeyPair('ES256');
  const DPoP = client.getDPoPHandle(config, keyPair);
  const jkt = await jose.calculateJwkThumbprint(await jose.exportJWK(keyPair.publicKey));

  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = await client.buildAuthorizationUrlWithPAR(config, {
    redirect_uri,
    scope: 'openid email offline_access',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }, { DPoP });
  out.pushed = {
    request_uri: url.searchParams.get('request_uri'),
    carries_state: url.searchParams.has('state'),
  };
  const browser = new Browser(issuer.href);
  const back = new URL(await browser.until(url.href, redirect_uri, person, {}));
  const tokens = await client.authorizationCodeGrant(config, back, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  }, undefined, { DPoP });
  out.tokens = {
    token_type: tokens.token_type,
    cnf_jkt: claimsOf(tokens.access_token).cnf?.jkt,
    expected_jkt: jkt,
    sub: tokens.claims()?.sub,
  };
  const sub = tokens.claims().sub;
  const info = await client.fetchUserInfo(config, tokens.access_token, sub, { DPoP });
  out.userinfo = { sub: info.sub, email: info.email };
  // The same token as a bearer token: refused.
  out.as_bearer = await attempt(() => client.fetchUserInfo(config, tokens.access_token, sub));

  // The refresh token is bound to the key: another key is refused, the right one rotates it.
  const otherKey = client.getDPoPHandle(config, await client.randomDPoPKeyPair('ES256'));
  out.other_key = await attempt(() =>
    client.refreshTokenGrant(config, tokens.refresh_token, undefined, { DPoP: otherKey }));
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token, undefined, { DPoP });
  out.refreshed = {
    token_type: refreshed.token_type,
    rotated: refreshed.refresh_token !== tokens.refresh_token,
    cnf_jkt: claimsOf(refreshed.access_token).cnf?.jkt,
  };
  return out;
});

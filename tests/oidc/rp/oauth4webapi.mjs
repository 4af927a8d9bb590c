// A relying party built on `oauth4webapi` (npm), the low-level library under openid-client,
// used directly: each request is the library's `…Request` and each answer goes through its
// `process…Response`, which validates it. It signs a person in through Portcullis (code flow
// with PKCE, state, nonce and the `iss` response parameter checked by the library; the ID
// token's signature checked with `validateApplicationLevelSignature` against the JWKS), and
// as a resource server checks the access token as an RFC 9068 JWT (`validateJwtAccessToken`).
// Then userinfo, introspection, refresh with rotation, revocation, client credentials and
// RP-initiated logout. The person's browser is `browser.mjs`. It prints one JSON object.
import * as oauth from 'oauth4webapi';
import * as jose from 'jose';
import { Browser } from './browser.mjs';
import { env, attempt, report } from './common.mjs';

const issuer = new URL(env('ISSUER'));
const redirect_uri = env('REDIRECT_URI');
const person = { email: env('EMAIL', ''), password: env('PASSWORD', ''), totp: env('TOTP_CODE', '') };
const scope = env('SCOPE', 'openid email profile offline_access');
const browser = new Browser(issuer.href);
// Plain http only because Portcullis runs on loopback in the tests.
const insecure = { [oauth.allowInsecureRequests]: true };

const as = await oauth
  .discoveryRequest(issuer, { algorithm: 'oidc', ...insecure })
  .then((res) => oauth.processDiscoveryResponse(issuer, res));
const c = { client_id: env('CLIENT_ID') };
const auth = oauth.ClientSecretBasic(env('CLIENT_SECRET'));

async function signIn(extra = {}) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const url = new URL(as.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: c.client_id,
    redirect_uri,
    response_type: 'code',
    scope,
    state,
    nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
  const forms = {};
  const back = new URL(await browser.until(url.href, redirect_uri, person, forms));
  // Checks `state` and `iss` (RFC 9207), and that it is not an error response.
  const params = oauth.validateAuthResponse(as, c, back, state);
  const res = await oauth.authorizationCodeGrantRequest(as, c, auth, params, redirect_uri, verifier, insecure);
  const tokens = await oauth.processAuthorizationCodeResponse(as, c, res, { expectedNonce: nonce, requireIdToken: true });
  await oauth.validateApplicationLevelSignature(as, res, insecure);
  return { tokens, forms, back };
}

function described(tokens) {
  return {
    token_type: tokens.token_type,
    scope: tokens.scope,
    has_refresh_token: typeof tokens.refresh_token === 'string',
    id_token_alg: tokens.id_token ? jose.decodeProtectedHeader(tokens.id_token).alg : null,
    id_token: oauth.getValidatedIdTokenClaims(tokens) ?? null,
  };
}

async function introspected(token) {
  const res = await oauth.introspectionRequest(as, c, auth, token, insecure);
  const r = await oauth.processIntrospectionResponse(as, c, res);
  return { active: r.active, sub: r.sub, client_id: r.client_id, scope: r.scope, token_type: r.token_type };
}

async function userinfo(access, sub) {
  const res = await oauth.userInfoRequest(as, c, access, insecure);
  return oauth.processUserInfoResponse(as, c, sub, res);
}

async function refresh(token) {
  const res = await oauth.refreshTokenGrantRequest(as, c, auth, token, insecure);
  const tokens = await oauth.processRefreshTokenResponse(as, c, res);
  if (tokens.id_token) await oauth.validateApplicationLevelSignature(as, res, insecure);
  return tokens;
}

async function revoke(token) {
  const res = await oauth.revocationRequest(as, c, auth, token, insecure);
  await oauth.processRevocationResponse(res);
}

// What a resource server does with the access token: checks it as an RFC 9068 JWT against
// the JWKS (`typ: at+jwt`, signature, issuer, audience, expiry, required claims).
async function resourceServer(access, audience) {
  const request = new Request('http://resource.example/', { headers: { authorization: `Bearer ${access}` } });
  const claims = await oauth.validateJwtAccessToken(as, request, audience, { ...insecure, signingAlgorithms: ['EdDSA', 'ES256', 'RS256'] });
  return { sub: claims.sub, client_id: claims.client_id, aud: claims.aud, scope: claims.scope, iss: claims.iss };
}

await report(async () => {
  const out = {
    discovery: {
      issuer: as.issuer,
      authorization_endpoint: as.authorization_endpoint,
      token_endpoint: as.token_endpoint,
      userinfo_endpoint: as.userinfo_endpoint,
      jwks_uri: as.jwks_uri,
      introspection_endpoint: as.introspection_endpoint,
      revocation_endpoint: as.revocation_endpoint,
      end_session_endpoint: as.end_session_endpoint,
      code_challenge_methods_supported: as.code_challenge_methods_supported,
    },
  };

  const first = await signIn();
  const claims = oauth.getValidatedIdTokenClaims(first.tokens);
  out.sign_in = { ...described(first.tokens), forms: first.forms, iss_in_response: first.back.searchParams.get('iss') };
  out.access_token_jwt = await resourceServer(first.tokens.access_token, c.client_id);
  // Another audience: the library refuses it (proof that the audience is compared).
  out.access_token_other_audience = await attempt(() => resourceServer(first.tokens.access_token, 'another-api'));
  out.userinfo = await userinfo(first.tokens.access_token, claims.sub);
  out.userinfo_wrong_subject = await attempt(() => userinfo(first.tokens.access_token, 'someone-else'));
  out.introspection = {
    access: await introspected(first.tokens.access_token),
    refresh: await introspected(first.tokens.refresh_token),
  };

  const second = await refresh(first.tokens.refresh_token);
  out.refresh = {
    ...described(second),
    rotated: second.refresh_token !== first.tokens.refresh_token,
    new_access_active: (await introspected(second.access_token)).active,
  };
  out.refresh.reused = await attempt(() => refresh(first.tokens.refresh_token));
  out.refresh.rotated_after_reuse = await attempt(() => refresh(second.refresh_token));
  out.refresh.access_after_reuse = await introspected(second.access_token);

  const again = await signIn();
  out.second_sign_in = { forms: again.forms, same_sub: oauth.getValidatedIdTokenClaims(again.tokens).sub === claims.sub };
  out.revocation = { before: await introspected(again.tokens.access_token) };
  await revoke(again.tokens.refresh_token);
  out.revocation.refresh_after = await introspected(again.tokens.refresh_token);
  out.revocation.access_after = await introspected(again.tokens.access_token);
  out.revocation.userinfo_after = await attempt(() => userinfo(again.tokens.access_token, claims.sub));

  if (process.env.CC_SCOPE) {
    const res = await oauth.clientCredentialsGrantRequest(as, c, auth, { scope: process.env.CC_SCOPE }, insecure);
    const cc = await oauth.processClientCredentialsResponse(as, c, res);
    out.client_credentials = {
      token_type: cc.token_type,
      scope: cc.scope,
      has_refresh_token: 'refresh_token' in cc,
      has_id_token: 'id_token' in cc,
      introspection: await introspected(cc.access_token),
      access_token_jwt: await resourceServer(cc.access_token, c.client_id),
    };
    await revoke(cc.access_token);
    out.client_credentials.after_revocation = await introspected(cc.access_token);
  }

  // RP-initiated logout 1.0: oauth4webapi has no helper for the end-session URL, so it is
  // built from the discovered `end_session_endpoint` as the specification says.
  const state = oauth.generateRandomState();
  const end = new URL(as.end_session_endpoint);
  end.search = new URLSearchParams({
    id_token_hint: first.tokens.id_token,
    post_logout_redirect_uri: env('POST_LOGOUT_REDIRECT_URI'),
    client_id: c.client_id,
    state,
  }).toString();
  const landed = new URL(await browser.until(end.href, env('POST_LOGOUT_REDIRECT_URI'), person));
  out.logout = {
    landed: `${landed.origin}${landed.pathname}`,
    state_back: landed.searchParams.get('state') === state,
  };
  out.logout.silent_sign_in_after = await attempt(() => signIn({ prompt: 'none' }));
  out.trail = browser.trail;
  return out;
});

// A relying party built on `openid-client` (npm), signing a person in through Portcullis and
// using every endpoint the library offers: discovery, the code flow with PKCE, state and
// nonce (the library makes and checks them), ID tokens whose signature the library checks
// against the JWKS (`enableNonRepudiationChecks`), userinfo, refresh, introspection,
// revocation, client credentials and the end-session URL. The person's browser is
// `browser.mjs`. It prints one JSON object: what the library returned and what it refused.
// tests/oidc/README.md lists the variables; tests/api/provider_interop.rs runs it.
import http from 'node:http';
import * as client from 'openid-client';
import * as jose from 'jose';
import { Browser } from './browser.mjs';
import { env, attempt, report } from './common.mjs';

const issuer = new URL(env('ISSUER'));
const redirect_uri = env('REDIRECT_URI');
const person = { email: env('EMAIL', ''), password: env('PASSWORD', ''), totp: env('TOTP_CODE', '') };
const scope = env('SCOPE', 'openid email profile offline_access');
const browser = new Browser(issuer.href);
if (process.env.SESSION_COOKIE) browser.setCookie('session_id', process.env.SESSION_COOKIE);

// Plain http only because Portcullis runs on loopback in the tests.
async function configure(clientId, metadata, auth) {
  const config = await client.discovery(issuer, clientId, metadata, auth, {
    execute: [client.allowInsecureRequests],
  });
  client.enableNonRepudiationChecks(config);
  return config;
}

// The code flow: the library builds the request (PKCE S256, state, nonce), the browser signs
// in, and the library checks the answer (state, `iss`, then the ID token: signature, issuer,
// audience, nonce, expiry) and redeems the code.
async function signIn(config, extra = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri,
    scope,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...extra,
  });
  const forms = {};
  const back = new URL(await browser.until(url.href, redirect_uri, person, forms));
  const tokens = await client.authorizationCodeGrant(config, back, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: scope.split(' ').includes('openid'),
  });
  return { tokens, forms, back };
}

function described(tokens) {
  return {
    token_type: tokens.token_type,
    scope: tokens.scope,
    expires_in: tokens.expiresIn(),
    has_refresh_token: typeof tokens.refresh_token === 'string',
    id_token_alg: tokens.id_token ? jose.decodeProtectedHeader(tokens.id_token).alg : null,
    id_token: tokens.claims() ?? null,
  };
}

async function introspected(config, token) {
  const r = await client.tokenIntrospection(config, token);
  return { active: r.active, sub: r.sub, client_id: r.client_id, scope: r.scope, token_type: r.token_type };
}

// The main client: the whole life of a grant, then RP-initiated logout.
async function mainFlow() {
  const out = {};
  const config = await configure(env('CLIENT_ID'), env('CLIENT_SECRET'), client.ClientSecretBasic(env('CLIENT_SECRET')));
  const meta = config.serverMetadata();
  out.discovery = {
    issuer: meta.issuer,
    authorization_endpoint: meta.authorization_endpoint,
    token_endpoint: meta.token_endpoint,
    userinfo_endpoint: meta.userinfo_endpoint,
    jwks_uri: meta.jwks_uri,
    introspection_endpoint: meta.introspection_endpoint,
    revocation_endpoint: meta.revocation_endpoint,
    end_session_endpoint: meta.end_session_endpoint,
    supports_pkce: meta.supportsPKCE(),
  };

  const first = await signIn(config);
  const claims = first.tokens.claims();
  out.sign_in = { ...described(first.tokens), forms: first.forms, iss_in_response: first.back.searchParams.get('iss') };
  out.userinfo = await client.fetchUserInfo(config, first.tokens.access_token, claims.sub);
  // A userinfo answer about someone else is refused by the library: proof it compares `sub`.
  out.userinfo_wrong_subject = await attempt(() => client.fetchUserInfo(config, first.tokens.access_token, 'someone-else'));
  out.introspection = {
    access: await introspected(config, first.tokens.access_token),
    refresh: await introspected(config, first.tokens.refresh_token),
  };

  // Refresh with rotation, then the rotated-away token presented again: refused, and (after
  // Portcullis's reuse grace) the whole grant ends.
  const second = await client.refreshTokenGrant(config, first.tokens.refresh_token);
  out.refresh = {
    ...described(second),
    rotated: second.refresh_token !== first.tokens.refresh_token,
    new_access_active: (await introspected(config, second.access_token)).active,
  };
  out.refresh.reused = await attempt(() => client.refreshTokenGrant(config, first.tokens.refresh_token));
  out.refresh.rotated_after_reuse = await attempt(() => client.refreshTokenGrant(config, second.refresh_token));
  out.refresh.access_after_reuse = await introspected(config, second.access_token);

  // A new grant (the browser is still signed in, and consent is remembered), revoked by the
  // client: its tokens are dead at introspection and userinfo.
  const again = await signIn(config);
  out.second_sign_in = { forms: again.forms, same_sub: again.tokens.claims().sub === claims.sub };
  out.revocation = { before: await introspected(config, again.tokens.access_token) };
  await client.tokenRevocation(config, again.tokens.refresh_token);
  out.revocation.refresh_after = await introspected(config, again.tokens.refresh_token);
  out.revocation.access_after = await introspected(config, again.tokens.access_token);
  out.revocation.userinfo_after = await attempt(() => client.fetchUserInfo(config, again.tokens.access_token, claims.sub));

  // Client credentials: a token for the client itself.
  if (process.env.CC_SCOPE) {
    const cc = await client.clientCredentialsGrant(config, { scope: process.env.CC_SCOPE });
    out.client_credentials = {
      token_type: cc.token_type,
      scope: cc.scope,
      has_refresh_token: 'refresh_token' in cc,
      has_id_token: 'id_token' in cc,
      introspection: await introspected(config, cc.access_token),
    };
    await client.tokenRevocation(config, cc.access_token);
    out.client_credentials.after_revocation = await introspected(config, cc.access_token);
  }

  Object.assign(out, await extras());

  // RP-initiated logout with the library's end-session URL; then a silent sign-in
  // (`prompt=none`), which the library reports as `login_required`.
  const state = client.randomState();
  const end = client.buildEndSessionUrl(config, {
    id_token_hint: first.tokens.id_token,
    post_logout_redirect_uri: env('POST_LOGOUT_REDIRECT_URI'),
    state,
  });
  const landed = new URL(await browser.until(end.href, env('POST_LOGOUT_REDIRECT_URI'), person));
  out.logout = {
    end_session_url: `${end.origin}${end.pathname}`,
    params: [...end.searchParams.keys()].sort(),
    landed: `${landed.origin}${landed.pathname}`,
    state_back: landed.searchParams.get('state') === state,
  };
  out.logout.silent_sign_in_after = await attempt(() => signIn(config, { prompt: 'none' }));
  out.trail = browser.trail;
  return out;
}

// What only this script covers: private_key_jwt, and ID tokens in ES256 and EdDSA.
async function extras() {
  const out = {};
  if (process.env.PKJWT_CLIENT_ID) out.private_key_jwt = await privateKeyJwt(process.env.PKJWT_CLIENT_ID);
  if (process.env.ALG_CLIENTS) {
    out.algorithms = {};
    // `[{"id", "secret", "alg"}]`: a client per ID-token algorithm.
    for (const c of JSON.parse(process.env.ALG_CLIENTS)) {
      const config = await configure(c.id, { client_secret: c.secret, id_token_signed_response_alg: c.alg }, client.ClientSecretBasic(c.secret));
      const { tokens } = await signIn(config);
      // The same client registered, as far as the library knows, for RS256: it must refuse
      // the token (proof that the algorithm is checked, not taken from the token).
      const wrong = await configure(c.id, { client_secret: c.secret, id_token_signed_response_alg: 'RS256' }, client.ClientSecretBasic(c.secret));
      const refused = await attempt(() => signIn(wrong));
      out.algorithms[c.alg] = { ...described(tokens), expecting_rs256: { refused: refused.refused, message: refused.message } };
    }
  }
  return out;
}

// RFC 7523 client authentication: the client's key pair is made here, its public half served
// at the `jwks_uri` Portcullis was given (`http://127.0.0.1:JWKS_PORT/jwks`), and the
// library signs each assertion.
async function privateKeyJwt(clientId) {
  const { publicKey, privateKey } = await jose.generateKeyPair('ES256', { extractable: true });
  const kid = 'rp-key-1';
  const jwk = { ...(await jose.exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(Number(env('JWKS_PORT')), '127.0.0.1', ok));
  try {
    const config = await configure(clientId, {}, client.PrivateKeyJwt({ key: privateKey, kid }));
    const { tokens } = await signIn(config);
    const out = { ...described(tokens) };
    out.introspection = await introspected(config, tokens.access_token);
    const next = await client.refreshTokenGrant(config, tokens.refresh_token);
    out.refreshed = next.refresh_token !== tokens.refresh_token;
    // Another key that is not in the client's JWKS: Portcullis must refuse the client.
    const stranger = await jose.generateKeyPair('ES256');
    const forged = await configure(clientId, {}, client.PrivateKeyJwt({ key: stranger.privateKey, kid }));
    out.unknown_key = await attempt(() => client.refreshTokenGrant(forged, next.refresh_token));
    return out;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

// `MODE=sign-in`: only the sign-in (for the back-channel logout test), reporting the ID
// token's claims as the library validated them.
await report(async () => {
  if (env('MODE', 'full') === 'sign-in') {
    const config = await configure(env('CLIENT_ID'), env('CLIENT_SECRET'), client.ClientSecretBasic(env('CLIENT_SECRET')));
    const { tokens, forms } = await signIn(config);
    // The ID token itself too: the test posts it to the back-channel receiver, which must
    // refuse it (it is not a logout token).
    return { sign_in: { ...described(tokens), forms, id_token_jwt: tokens.id_token } };
  }
  return mainFlow();
});

// A web application that signs its users in through Portcullis ("Sign in with Portcullis"),
// with the certified `openid-client` library and nothing of Portcullis's own.
//
//   portcullis client create --name "Example" --redirect-uri http://127.0.0.1:3000/callback \
//     --post-logout-redirect-uri http://127.0.0.1:3000/ --scope openid --scope profile \
//     --scope email --scope offline_access
//   ISSUER=http://127.0.0.1:8080 CLIENT_ID=... CLIENT_SECRET=... node app.mjs
//
// Then open http://127.0.0.1:3000/: it sends you to Portcullis to log in (and consent), comes
// back with a code, exchanges it (PKCE, nonce and the ID token's signature are checked by the
// library), and shows the ID token's claims and the userinfo answer. /logout signs you out of
// Portcullis too (RP-initiated logout) and comes back here.
import http from 'node:http';
import * as client from 'openid-client';

const { ISSUER = 'http://127.0.0.1:8080', CLIENT_ID, CLIENT_SECRET, PORT = '3000' } = process.env;
if (!CLIENT_ID || !CLIENT_SECRET) {
  console.error('set CLIENT_ID and CLIENT_SECRET (from `portcullis client create`)');
  process.exit(2);
}
const base = `http://127.0.0.1:${PORT}`;
const redirect_uri = `${base}/callback`;

// Discovery: every endpoint comes from /.well-known/openid-configuration. `allowInsecureRequests`
// only because this example talks to a local Portcullis over plain http.
const config = await client.discovery(new URL(ISSUER), CLIENT_ID, CLIENT_SECRET, undefined, {
  execute: ISSUER.startsWith('http://') ? [client.allowInsecureRequests] : [],
});

// One pending sign-in per browser would be kept in a session; one global is enough here.
let pending;
let signedIn;

const page = (res, body) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><meta charset="utf-8"><title>Example</title>${body}`);
};
const escape = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

http.createServer(async (req, res) => {
  const url = new URL(req.url, base);
  try {
    if (url.pathname === '/') {
      if (!signedIn) return page(res, '<a href="/login">Sign in with Portcullis</a>');
      return page(res, `<h1>Signed in</h1><pre>${escape(JSON.stringify(signedIn.claims, null, 2))}</pre>
        <h2>Userinfo</h2><pre>${escape(JSON.stringify(signedIn.userinfo, null, 2))}</pre>
        <a href="/logout">Sign out</a>`);
    }
    if (url.pathname === '/login') {
      const code_verifier = client.randomPKCECodeVerifier();
      pending = { code_verifier, state: client.randomState(), nonce: client.randomNonce() };
      const to = client.buildAuthorizationUrl(config, {
        redirect_uri,
        scope: 'openid profile email offline_access',
        code_challenge: await client.calculatePKCECodeChallenge(code_verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      res.writeHead(302, { location: to.href }).end();
      return;
    }
    if (url.pathname === '/callback' && pending) {
      const tokens = await client.authorizationCodeGrant(config, url, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
      });
      const claims = tokens.claims();
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      signedIn = { claims, userinfo, id_token: tokens.id_token };
      pending = undefined;
      res.writeHead(302, { location: '/' }).end();
      return;
    }
    if (url.pathname === '/logout' && signedIn) {
      const to = client.buildEndSessionUrl(config, {
        id_token_hint: signedIn.id_token,
        post_logout_redirect_uri: `${base}/`,
      });
      signedIn = undefined;
      res.writeHead(302, { location: to.href }).end();
      return;
    }
    res.writeHead(404).end('not found');
  } catch (e) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`sign-in failed: ${e.message}`);
  }
}).listen(Number(PORT), '127.0.0.1', () => console.log(`open ${base}/`));

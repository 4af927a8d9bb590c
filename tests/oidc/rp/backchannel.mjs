// A relying party's back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0),
// verifying each logout token with `jose` against Portcullis's JWKS (found by discovery).
//
//   PORT=… ISSUER=http://127.0.0.1:8080 AUDIENCE=client-id node backchannel.mjs
//
// It listens on 127.0.0.1:PORT, prints `{"ready":true}` once listening, then one JSON line per
// `POST /logout` it receives: `{"verified": true, "header": {...}, "claims": {...}}` for a
// token that passes every check of section 2.6, or `{"verified": false, "error": "..."}`. It
// answers 200 to a verified token and 400 otherwise, as the specification asks. SIGTERM ends it.
import http from 'node:http';
import * as jose from 'jose';

const { PORT, ISSUER, AUDIENCE } = process.env;
if (!PORT || !ISSUER || !AUDIENCE) {
  console.error('PORT, ISSUER and AUDIENCE are required');
  process.exit(2);
}
const EVENT = 'http://schemas.openid.net/event/backchannel-logout';

const discovery = await fetch(new URL('/.well-known/openid-configuration', ISSUER)).then((r) => r.json());
if (discovery.issuer !== ISSUER) throw new Error(`discovery names another issuer: ${discovery.issuer}`);
const jwks = jose.createRemoteJWKSet(new URL(discovery.jwks_uri));

const print = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);

// Section 2.6 of the specification, in its order.
async function verify(token) {
  const { payload, protectedHeader } = await jose.jwtVerify(token, jwks, {
    issuer: ISSUER,
    audience: AUDIENCE,
    // Portcullis sets the explicit type (section 2.4 recommends it); a token without it, or
    // with another, is refused here so a change would be seen.
    typ: 'logout+jwt',
    algorithms: discovery.id_token_signing_alg_values_supported,
    requiredClaims: ['iat', 'jti', 'events'],
    maxTokenAge: '2 minutes',
  });
  if (typeof payload.events !== 'object' || payload.events === null || typeof payload.events[EVENT] !== 'object') {
    throw new Error('no back-channel logout event');
  }
  if (!payload.sub && !payload.sid) throw new Error('neither sub nor sid');
  if ('nonce' in payload) throw new Error('a nonce in a logout token');
  return { header: protectedHeader, claims: payload };
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/logout') {
    res.writeHead(404).end();
    return;
  }
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', async () => {
    try {
      if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
        throw new Error(`content-type ${req.headers['content-type']}`);
      }
      const form = new URLSearchParams(body);
      const token = form.get('logout_token');
      if (!token) throw new Error('no logout_token');
      const got = await verify(token);
      print({ verified: true, ...got });
      res.writeHead(200, { 'cache-control': 'no-store' }).end();
    } catch (e) {
      print({ verified: false, error: `${e.code ?? e.name}: ${e.message}` });
      res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify({ error: 'invalid_request' }));
    }
  });
});

server.on('error', (e) => {
  console.error(e.message);
  process.exit(1);
});
server.listen(Number(PORT), '127.0.0.1', () => print({ ready: true }));
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

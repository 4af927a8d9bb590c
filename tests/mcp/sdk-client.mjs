// The official MCP TypeScript SDK's client authorization (`auth()` with an
// `OAuthClientProvider`, @modelcontextprotocol/sdk/client/auth.js) against Portcullis, as an
// MCP client meets it: a tiny MCP resource server in this process answers 401 with
// `WWW-Authenticate: Bearer resource_metadata=...` and serves its RFC 9728 protected-resource
// metadata naming Portcullis (ISSUER) as its authorization server; the SDK discovers that,
// then Portcullis's metadata, registers itself (RFC 7591), and sends the person to the
// authorization endpoint with PKCE and `resource`. This script does not play the person: it
// prints `{"authorize": URL}` and waits (at most a minute) for the browser to come back to its
// callback; tests/api/mcp.rs logs in and allows the consent page, then follows the redirect
// here. The SDK then exchanges the code, and the resource server checks the access token the
// way a resource server would (signature by Portcullis's JWKS, issuer, `typ: at+jwt`).
//
// Prints one JSON object last: what each side saw (no token, no secret), or `{"fatal"}`.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { auth, extractWWWAuthenticateParams } from '@modelcontextprotocol/sdk/client/auth.js';
import { createRemoteJWKSet, jwtVerify } from 'jose';

// ISSUER: Portcullis's issuer. PORT: the loopback port of the resource server and callback
// (the test picks it, so that it knows the resource before Portcullis starts).
const issuer = process.env.ISSUER;
const port = Number(process.env.PORT);
if (!issuer || !port) {
  console.error('ISSUER and PORT are required');
  process.exit(2);
}

// ---- the MCP resource server, and the client's callback, on one loopback port ----

const seen = { metadata_requests: [], callbacks: 0 };
let base;
let onCallback;
const callback = new Promise((resolve) => { onCallback = resolve; });
let verifyToken;

const server = createServer(async (req, res) => {
  const url = new URL(req.url, base);
  const json = (status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  if (url.pathname.startsWith('/.well-known/')) {
    seen.metadata_requests.push(url.pathname);
    // RFC 9728 section 3.1: the metadata of the resource `/mcp` is at the well-known path
    // with the resource's path appended; nothing is at the root.
    if (url.pathname === '/.well-known/oauth-protected-resource/mcp') {
      return json(200, {
        resource: `${base}/mcp`,
        authorization_servers: [issuer],
        bearer_methods_supported: ['header'],
      });
    }
    return json(404, { error: 'not_found' });
  }
  if (url.pathname === '/mcp') {
    const challenge = {
      'www-authenticate': `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`,
    };
    const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    if (!bearer) return json(401, { error: 'unauthorized' }, challenge);
    try {
      return json(200, { claims: await verifyToken(bearer) });
    } catch (e) {
      return json(401, { error: 'invalid_token', why: String(e?.code ?? e?.message) }, challenge);
    }
  }
  if (url.pathname === '/callback') {
    seen.callbacks += 1;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('You can close this page.');
    return onCallback(url);
  }
  json(404, { error: 'not_found' });
});
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, '127.0.0.1', resolve);
});
base = `http://127.0.0.1:${port}`;
const mcp = `${base}/mcp`;
const redirectUrl = `${base}/callback`;

// ---- the SDK's OAuthClientProvider, in memory ----

const store = {};
const provider = {
  get redirectUrl() { return redirectUrl; },
  get clientMetadata() {
    // A public client, as MCP clients are: PKCE, no secret, and no scope of its own.
    return {
      client_name: 'MCP SDK client (Portcullis tests)',
      redirect_uris: [redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  },
  state: () => { store.state = randomBytes(16).toString('base64url'); return store.state; },
  clientInformation: () => store.client,
  saveClientInformation: (info) => { store.client = info; },
  tokens: () => store.tokens,
  saveTokens: (tokens) => { store.tokens = tokens; },
  redirectToAuthorization: (url) => {
    store.authorize = url;
    process.stdout.write(`${JSON.stringify({ authorize: url.href })}\n`);
  },
  saveCodeVerifier: (v) => { store.verifier = v; },
  codeVerifier: () => store.verifier,
  saveDiscoveryState: (s) => { store.discovery = s; },
  discoveryState: () => store.discovery,
};

function fail(e) {
  return { name: e?.name, message: String(e?.message ?? e), error: e?.errorCode ?? e?.error };
}

async function main() {
  // What the resource server was asked for, filled in as it goes.
  const out = { seen };
  // An MCP client's first request has no token: the challenge names the metadata.
  const first = await fetch(mcp, { method: 'POST' });
  const { resourceMetadataUrl } = extractWWWAuthenticateParams(first);
  out.challenge = { status: first.status, resource_metadata: resourceMetadataUrl?.href ?? null };

  out.first = await auth(provider, { serverUrl: mcp, resourceMetadataUrl });
  const metadata = store.discovery?.authorizationServerMetadata;
  out.discovered = {
    authorization_server: store.discovery?.authorizationServerUrl ?? null,
    issuer: metadata?.issuer ?? null,
    registration_endpoint: metadata?.registration_endpoint ?? null,
  };
  out.registered = store.client && {
    client_id: store.client.client_id,
    has_secret: typeof store.client.client_secret === 'string',
    token_endpoint_auth_method: store.client.token_endpoint_auth_method,
    redirect_uris: store.client.redirect_uris,
  };
  if (out.first !== 'REDIRECT') return out;

  // The person, played by the Rust test, comes back here.
  const timer = setTimeout(() => onCallback(null), 60_000);
  const back = await callback;
  clearTimeout(timer);
  if (!back) throw new Error('nobody came back to the callback within a minute');
  const q = back.searchParams;
  out.callback = {
    error: q.get('error'),
    has_code: q.has('code'),
    state_matches: q.get('state') === store.state,
    iss: q.get('iss'),
  };
  if (!q.has('code')) return out;

  try {
    out.second = await auth(provider, {
      serverUrl: mcp,
      resourceMetadataUrl,
      authorizationCode: q.get('code'),
    });
  } catch (e) {
    out.second = { refused: fail(e) };
    return out;
  }
  const t = store.tokens ?? {};
  out.tokens = {
    token_type: t.token_type,
    has_access_token: typeof t.access_token === 'string' && t.access_token.length > 0,
    has_refresh_token: typeof t.refresh_token === 'string',
    has_id_token: typeof t.id_token === 'string',
    scope: t.scope ?? null,
    expires_in: t.expires_in ?? null,
  };

  // The resource server checks the token with Portcullis's published keys.
  const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri));
  verifyToken = async (token) => {
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer, typ: 'at+jwt' });
    const { iss, sub, aud, client_id, scope } = payload;
    return { typ: protectedHeader.typ, iss, sub, aud, client_id, scope: scope ?? null };
  };
  const used = await fetch(mcp, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.access_token}` },
  });
  out.resource_server = { status: used.status, ...(await used.json()) };
  return out;
}

try {
  const out = await main();
  process.stdout.write(`${JSON.stringify(out)}\n`);
} catch (e) {
  process.stdout.write(`${JSON.stringify({ fatal: fail(e), stack: String(e?.stack ?? '') })}\n`);
  process.exitCode = 1;
} finally {
  server.close();
  server.closeAllConnections?.();
}

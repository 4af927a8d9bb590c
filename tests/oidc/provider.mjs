// Loopback OpenID Connect provider for Portcullis integration tests.
//
// Runs the real `oidc-provider` package (panva) with one confidential client and
// fully automatic interactions. Configured only by environment variables; see
// README.md next to this file.
//
// stdout carries exactly one line, `ready`, once the server is listening.
// Everything else (including oidc-provider's own notices) goes to stderr.

import http from 'node:http';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';

// oidc-provider prints NOTICE lines with console.info; keep stdout for `ready` only.
console.info = console.error;
console.log = console.error;

const { default: Provider } = await import('oidc-provider');

function requiredEnv(name) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    console.error(`provider.mjs: environment variable ${name} is required`);
    process.exit(2);
  }
  return value;
}

const PORT = Number.parseInt(requiredEnv('PORT'), 10);
if (!Number.isInteger(PORT) || PORT <= 0 || PORT > 65535) {
  console.error(`provider.mjs: PORT must be a TCP port number, got ${process.env.PORT}`);
  process.exit(2);
}
const CLIENT_ID = requiredEnv('CLIENT_ID');
const CLIENT_SECRET = requiredEnv('CLIENT_SECRET');
const REDIRECT_URI = requiredEnv('REDIRECT_URI');
const ROGUE_KEYS = process.env.ROGUE_KEYS === '1';
// oidc-provider's default (OIDC Core 5.4): for response_type=code, the scope claims (email,
// email_verified, name) are only at the userinfo endpoint, not in the ID token.
const CLAIMS_IN_USERINFO = process.env.CLAIMS_IN_USERINFO === '1';
// When set, the userinfo endpoint answers this `sub` instead of the signed-in user's.
const USERINFO_SUB = process.env.USERINFO_SUB || '';

const ISSUER = `http://127.0.0.1:${PORT}`;
const SCOPES = ['openid', 'email', 'profile'];

// ---------------------------------------------------------------------------
// Accounts and the "next user"

const DEFAULT_USER = {
  sub: 'default-user',
  email: 'default@example.com',
  email_verified: true,
  name: 'Default',
};

const accounts = new Map([[DEFAULT_USER.sub, { ...DEFAULT_USER }]]);
let nextUserSub = DEFAULT_USER.sub;

async function findAccount(ctx, sub) {
  const account = accounts.get(sub);
  if (!account) return undefined;
  return {
    accountId: sub,
    async claims() {
      return { ...account };
    },
  };
}

// ---------------------------------------------------------------------------
// Keys

function rsaKeyPair() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

const signingKeyPair = rsaKeyPair();
const signingJwk = {
  ...signingKeyPair.privateKey.export({ format: 'jwk' }),
  kid: `portcullis-test-${randomUUID()}`,
  alg: 'RS256',
  use: 'sig',
};

let roguePublicJwk;
if (ROGUE_KEYS) {
  roguePublicJwk = rsaKeyPair().publicKey.export({ format: 'jwk' });
}

// ---------------------------------------------------------------------------
// Provider

const provider = new Provider(ISSUER, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // oidc-provider treats client_secret_basic and client_secret_post as
      // interchangeable for a client registered with either, so both work.
      token_endpoint_auth_method: 'client_secret_basic',
      scope: SCOPES.join(' '),
    },
  ],
  jwks: { keys: [signingJwk] },
  findAccount,
  scopes: SCOPES,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // Unless CLAIMS_IN_USERINFO=1: put the scope-derived claims (email,
  // email_verified, name) in the ID token even for response_type=code, not only
  // at the userinfo endpoint.
  conformIdTokenClaims: CLAIMS_IN_USERINFO,
  responseTypes: ['code'],
  pkce: {
    methods: ['S256'],
    required: () => true,
  },
  features: {
    devInteractions: { enabled: false },
  },
  interactions: {
    url: (ctx, interaction) => `/interaction/${interaction.uid}`,
  },
  cookies: {
    keys: [randomBytes(32).toString('base64url')],
    // Plain http on loopback: no `Secure` flag (oidc-provider only sets it on
    // https requests), and SameSite=Lax instead of the default None for the
    // long-lived session cookie, so no `.legacy` duplicate cookies are emitted.
    long: { signed: true, httpOnly: true, sameSite: 'lax' },
    short: { signed: true, httpOnly: true, sameSite: 'lax' },
  },
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    IdToken: 3600,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
  },
});

const jwksPath = new URL(provider.urlFor('jwks')).pathname;
const userinfoPath = new URL(provider.urlFor('userinfo')).pathname;

if (USERINFO_SUB) {
  // Answer userinfo for another subject than the ID token's.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === userinfoPath && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
      ctx.body = { ...ctx.body, sub: USERINFO_SUB };
    }
  });
}
const authorizationPath = new URL(provider.urlFor('authorization')).pathname;

if (ROGUE_KEYS) {
  // Publish an unrelated public key under the real signing key's `kid`, so a
  // relying party finds the key but the ID token signature does not verify.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === jwksPath && ctx.status === 200 && ctx.body && Array.isArray(ctx.body.keys)) {
      ctx.body = {
        keys: ctx.body.keys.map((key) => (key.kty === 'RSA'
          ? { ...key, n: roguePublicJwk.n, e: roguePublicJwk.e }
          : key)),
      };
    }
  });
}

// ---------------------------------------------------------------------------
// Automatic interactions

function requestedClaimNames(params) {
  if (!params.claims) return [];
  try {
    const parsed = JSON.parse(params.claims);
    return [
      ...Object.keys(parsed.id_token || {}),
      ...Object.keys(parsed.userinfo || {}),
    ];
  } catch {
    return [];
  }
}

async function handleInteraction(req, res) {
  const interaction = await provider.interactionDetails(req, res);
  const { prompt, params, session } = interaction;

  const accountId = prompt.name === 'login' || !session?.accountId
    ? nextUserSub
    : session.accountId;

  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({ accountId, clientId: params.client_id });

  const requestedScopes = String(params.scope || '').split(' ').filter((s) => SCOPES.includes(s));
  if (requestedScopes.length) grant.addOIDCScope(requestedScopes.join(' '));
  const claims = requestedClaimNames(params);
  if (claims.length) grant.addOIDCClaims(claims);

  const details = prompt.details || {};
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  if (details.missingResourceScopes) {
    for (const [indicator, scopes] of Object.entries(details.missingResourceScopes)) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
  }
  const grantId = await grant.save();

  const result = { consent: { grantId } };
  if (prompt.name === 'login' || !session?.accountId) {
    result.login = { accountId };
  }

  // Answers 303 with Location: the authorization resume URL (/auth/:uid).
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

// ---------------------------------------------------------------------------
// Test control endpoint

function readBody(req, limit = 64 * 1024) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function handleNextUser(req, res) {
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST', 'content-length': '0' });
    res.end();
    return;
  }
  let user;
  try {
    user = JSON.parse(await readBody(req));
  } catch (err) {
    sendJson(res, 400, { error: 'invalid_json', error_description: String(err.message || err) });
    return;
  }
  if (!user || typeof user !== 'object' || typeof user.sub !== 'string' || user.sub === '') {
    sendJson(res, 400, { error: 'invalid_user', error_description: '"sub" must be a non-empty string' });
    return;
  }
  for (const [field, type] of [['email', 'string'], ['email_verified', 'boolean'], ['name', 'string']]) {
    if (user[field] !== undefined && typeof user[field] !== type) {
      sendJson(res, 400, { error: 'invalid_user', error_description: `"${field}" must be a ${type}` });
      return;
    }
  }
  const account = { sub: user.sub };
  if (user.email !== undefined) account.email = user.email;
  if (user.email_verified !== undefined) account.email_verified = user.email_verified;
  if (user.name !== undefined) account.name = user.name;
  accounts.set(account.sub, account);
  nextUserSub = account.sub;
  res.writeHead(204);
  res.end();
}

// ---------------------------------------------------------------------------
// HTTP server

// Names of the session cookie and its signature companion (and the SameSite
// fallback variants oidc-provider may look at).
const sessionCookieNames = new Set([
  '_session', '_session.sig', '_session.legacy', '_session.legacy.sig',
]);

// The provider session cookie is hidden from the authorization endpoint and its
// resume route (/auth and /auth/:uid). So every sign-in starts from a fresh
// provider session and logs in whoever is the "next user" at that moment, even
// when the client's cookie jar still holds the session of an earlier sign-in
// (otherwise the provider would either reuse that earlier login, or answer the
// resume step with an HTML "sign out?" form when the user differs).
function dropSessionCookie(req) {
  const header = req.headers.cookie;
  if (!header) return;
  const kept = header.split(';')
    .map((part) => part.trim())
    .filter((part) => part && !sessionCookieNames.has(part.split('=')[0].trim()));
  if (kept.length) {
    req.headers.cookie = kept.join('; ');
  } else {
    delete req.headers.cookie;
  }
}

const providerCallback = provider.callback();

const server = http.createServer((req, res) => {
  const { pathname } = new URL(req.url, ISSUER);

  if (pathname === '/__test/next-user') {
    handleNextUser(req, res).catch((err) => {
      console.error('next-user error:', err);
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
      else res.end();
    });
    return;
  }

  if (pathname.startsWith('/interaction/')) {
    handleInteraction(req, res).catch((err) => {
      console.error('interaction error:', err);
      if (!res.headersSent) {
        sendJson(res, 400, {
          error: err.error || 'interaction_failed',
          error_description: err.error_description || String(err.message || err),
        });
      } else {
        res.end();
      }
    });
    return;
  }

  if (pathname === authorizationPath || pathname.startsWith(`${authorizationPath}/`)) {
    dropSessionCookie(req);
  }

  providerCallback(req, res);
});

server.on('error', (err) => {
  console.error('provider.mjs: server error:', err);
  process.exit(1);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

server.listen(PORT, '127.0.0.1', () => {
  process.stdout.write('ready\n');
});

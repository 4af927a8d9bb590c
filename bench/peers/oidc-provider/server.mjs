// oidc-provider (panva), as a peer for Portcullis's provider benchmark.
//
//   PORT=4003 node server.mjs
//   (CLIENT_ID, CLIENT_SECRET and REDIRECT_URI override the bench client's defaults)
//
// Configured as a production deployment of it would be, with the choices Portcullis makes
// wherever the two differ only by a setting, so that the benchmark compares the engines and
// not their configurations:
// - one confidential client allowed authorization_code, refresh_token and client_credentials,
//   authenticating with client_secret_basic;
// - opaque access tokens (oidc-provider's default format), introspection and revocation
//   enabled, introspection only of the calling client's own tokens (as Portcullis does);
// - refresh tokens rotate on every use (Portcullis always rotates; oidc-provider's default
//   rotates only public clients' tokens), with its reuse detection;
// - our own signing keys (RS256, ES256, EdDSA, as Portcullis publishes), cookie keys, and
//   lifetimes equal to Portcullis's defaults (access tokens 15 minutes, refresh tokens,
//   sessions and grants 30 days);
// - devInteractions off; the login and consent step is a scripted interaction (below) that
//   signs in the one bench account and grants what was asked. It is not timed by the
//   benchmark; a real deployment would show its own login and consent pages there.
// - the default adapter: oidc-provider's in-memory one (an LRU of 1,000 entries), which keeps
//   every token, grant and session in this process only. Portcullis writes each of them to
//   its database. See bench/peers/README.md.
import { createServer } from "node:http";
import { generateKeyPairSync, randomBytes } from "node:crypto";

// oidc-provider prints its notices on stdout; keep them with the other logs on stderr.
console.info = console.error;
console.log = console.error;

const { default: Provider } = await import("oidc-provider");

const port = Number(process.env.PORT || 4003);
const host = process.env.HOST || "127.0.0.1";
const issuer = `http://${host}:${port}`;
const clientId = process.env.CLIENT_ID || "bench";
// A fixed bench secret (32+ characters) unless one is given; never used outside the bench.
const clientSecret =
  process.env.CLIENT_SECRET || "portcullis-bench-oidc-provider-client-secret-0123456789";
const redirectUri = process.env.REDIRECT_URI || "http://127.0.0.1:9/cb";

// The one account the scripted interaction signs in; its claims are what Portcullis's
// userinfo answers for the same scopes.
const account = {
  sub: "bench-user",
  email: "bench@example.com",
  email_verified: true,
  preferred_username: "bench@example.com",
  name: "bench@example.com",
  updated_at: Math.floor(Date.now() / 1000),
};

async function findAccount(ctx, sub) {
  if (sub !== account.sub) return undefined;
  return { accountId: sub, claims: async () => ({ ...account }) };
}

function jwk(type, options, alg, kid) {
  const { privateKey } = generateKeyPairSync(type, options);
  return { ...privateKey.export({ format: "jwk" }), alg, use: "sig", kid };
}

const scopes = ["openid", "offline_access", "profile", "email", "api.read"];

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code", "refresh_token", "client_credentials"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
      scope: scopes.join(" "),
    },
  ],
  jwks: {
    keys: [
      jwk("rsa", { modulusLength: 2048 }, "RS256", "bench-rs256"),
      jwk("ec", { namedCurve: "P-256" }, "ES256", "bench-es256"),
      jwk("ed25519", {}, "EdDSA", "bench-eddsa"),
    ],
  },
  findAccount,
  scopes,
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["preferred_username", "name", "updated_at"],
  },
  responseTypes: ["code"],
  pkce: { methods: ["S256"] },
  rotateRefreshToken: true,
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: {
      enabled: true,
      // Only the client a token was issued to learns about it (Portcullis's rule).
      allowedPolicy: async (ctx, client, token) => token.clientId === client.clientId,
    },
    revocation: { enabled: true },
    userinfo: { enabled: true },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: [randomBytes(32).toString("base64url")] },
  ttl: {
    AccessToken: 15 * 60,
    AuthorizationCode: 60,
    ClientCredentials: 15 * 60,
    IdToken: 15 * 60,
    Interaction: 10 * 60,
    RefreshToken: 30 * 86400,
    Session: 30 * 86400,
    Grant: 30 * 86400,
  },
});

provider.on("server_error", (ctx, err) => console.error("server_error:", err));

// The scripted login and consent: signs in the bench account and grants every scope asked
// (prompt=consent is what oidc-provider requires before it grants offline_access).
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session, grantId } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: account.sub, clientId: params.client_id });
  const asked = String(params.scope || "").split(" ").filter((s) => scopes.includes(s));
  if (asked.length) grant.addOIDCScope(asked.join(" "));
  if (prompt.details?.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
  const result = { consent: { grantId: await grant.save() } };
  if (!session?.accountId) result.login = { accountId: account.sub };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

const callback = provider.callback();

const server = createServer((req, res) => {
  if (req.url === "/health") {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("ok\n");
    return;
  }
  if (req.method === "GET" && req.url.startsWith("/interaction/")) {
    interaction(req, res).catch((err) => {
      console.error("interaction:", err);
      if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" });
      res.end("interaction failed\n");
    });
    return;
  }
  callback(req, res);
});

server.listen(port, host, () => {
  console.error(`oidc-provider listening on ${issuer}`);
});

// Exit at once on a signal: everything is in memory, nothing to flush.
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => process.exit(0));

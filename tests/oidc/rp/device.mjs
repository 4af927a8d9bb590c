// The device flow (RFC 8628) with `openid-client`, as a command-line tool runs it: a public
// client (no secret) asks for a code with initiateDeviceAuthorization, shows it to the person,
// and polls with pollDeviceAuthorizationGrant, which waits `interval` seconds between polls,
// keeps waiting on authorization_pending, waits 5 seconds more after a slow_down, and
// validates the ID token it finally gets (signature against the JWKS too). The person is the
// Rust test, answering on Portcullis's page: the first request is denied, the second allowed.
//
// Unlike the other scripts it prints a line per request before polling it,
// `{"step": "deny" | "allow", ...the device authorization response}`, so the test knows what
// to answer; then the one JSON object of what the library returned and refused.
// tests/oidc/README.md lists the variables; tests/api/provider_interop.rs runs it.
import * as client from 'openid-client';
import { env, attempt, report } from './common.mjs';

const issuer = new URL(env('ISSUER'));
const scope = env('SCOPE', 'openid email offline_access');

function show(step, response) {
  process.stdout.write(`${JSON.stringify({ step, ...response })}\n`);
}

report(async () => {
  // Plain http only because Portcullis runs on loopback in the tests.
  const config = await client.discovery(issuer, env('CLIENT_ID'), undefined, client.None(), {
    execute: [client.allowInsecureRequests],
  });
  client.enableNonRepudiationChecks(config);
  const meta = config.serverMetadata();
  const out = {
    discovery: {
      device_authorization_endpoint: meta.device_authorization_endpoint,
      grant_types_supported: meta.grant_types_supported,
    },
  };

  const denied = await client.initiateDeviceAuthorization(config, { scope });
  show('deny', denied);
  out.denied = await attempt(() => client.pollDeviceAuthorizationGrant(config, denied));

  const allowed = await client.initiateDeviceAuthorization(config, { scope });
  show('allow', allowed);
  const tokens = await client.pollDeviceAuthorizationGrant(config, allowed);
  const claims = tokens.claims();
  out.tokens = {
    token_type: tokens.token_type,
    scope: tokens.scope,
    has_refresh_token: typeof tokens.refresh_token === 'string',
    id_token: {
      iss: claims?.iss, aud: claims?.aud, sub: claims?.sub, email: claims?.email, amr: claims?.amr,
    },
  };
  const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  out.userinfo = { sub: info.sub, email: info.email };
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  out.refreshed = {
    rotated: refreshed.refresh_token !== tokens.refresh_token,
    sub: refreshed.claims()?.sub,
  };
  return out;
});

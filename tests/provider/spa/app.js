// A single-page app as its authors would write it with oidc-client-ts: a public client
// (no secret; PKCE), the code flow by redirect, userinfo, and RP-initiated logout. Each page
// load ends by writing what it saw into #result as JSON (or {"error": ...}), which the Rust
// test (tests/api/provider_clients.rs) reads and checks. The settings come from /config.json,
// which the test serves with the provider's address and the client's id.
"use strict";

const show = (value) => {
  document.getElementById("result").textContent = JSON.stringify(value);
};

async function main() {
  const config = await (await fetch("/config.json")).json();
  const origin = window.location.origin;
  const manager = new oidc.UserManager({
    authority: config.authority,
    client_id: config.client_id,
    redirect_uri: origin + "/callback",
    post_logout_redirect_uri: origin + "/signed-out",
    response_type: "code",
    // offline_access: a refresh token, which a public client may hold (it rotates on use).
    scope: "openid profile email offline_access",
    // Userinfo is fetched after the code exchange and merged into the profile.
    loadUserInfo: true,
    userStore: new oidc.WebStorageStateStore({ store: window.sessionStorage }),
    // Signing out also revokes the tokens at the revocation endpoint (cross-origin, as a
    // public client: its client_id, no secret), so the grant ends with the sign-out.
    revokeTokensOnSignout: true,
    revokeTokenTypes: ["refresh_token"],
  });
  const path = window.location.pathname;

  if (path === "/callback") {
    // Back from Portcullis with ?code&state&iss: oidc-client-ts checks state, exchanges the
    // code with the PKCE verifier (a cross-origin fetch: CORS), checks the ID token's claims
    // (iss, aud, nonce, ...), then calls userinfo.
    const signedIn = await manager.signinRedirectCallback();
    const stored = await manager.getUser();
    // The app calling userinfo itself, as an app calls any API with the access token.
    const answer = await fetch(await manager.metadataService.getUserInfoEndpoint(), {
      headers: { Authorization: "Bearer " + stored.access_token },
    });
    const back = new URL(window.location.href);
    show({
      page: "callback",
      callback_had_iss: back.searchParams.get("iss"),
      user_state: signedIn.state ?? null,
      profile: signedIn.profile,
      id_token: signedIn.id_token,
      access_token: signedIn.access_token,
      token_type: signedIn.token_type,
      scope: signedIn.scope,
      refresh_token: signedIn.refresh_token ?? null,
      expired: signedIn.expired,
      stored_same_user: stored !== null && stored.profile.sub === signedIn.profile.sub,
      userinfo_status: answer.status,
      userinfo: await answer.json(),
    });
    const refresh = document.getElementById("refresh");
    refresh.hidden = false;
    refresh.addEventListener("click", async () => {
      // With a refresh token, signinSilent is the refresh_token grant (no iframe).
      const before = await manager.getUser();
      const after = await manager.signinSilent();
      show({
        page: "refreshed",
        same_sub: after.profile.sub === before.profile.sub,
        new_access_token: after.access_token !== before.access_token,
        rotated: Boolean(after.refresh_token) && after.refresh_token !== before.refresh_token,
        access_token: after.access_token,
        refresh_token: after.refresh_token ?? null,
      });
    });
    document.getElementById("signout").hidden = false;
    document.getElementById("signout").addEventListener("click", () => {
      // To Portcullis's end_session_endpoint with id_token_hint, post_logout_redirect_uri and
      // a state of oidc-client-ts's own.
      manager.signoutRedirect({ state: "spa-logout" }).catch((e) => show({ error: String(e) }));
    });
  } else if (path === "/signed-out") {
    // Back from the logout: oidc-client-ts finds the state it stored for the request (or
    // throws), and gives back the data it carried.
    const back = new URL(window.location.href);
    const response = await manager.signoutRedirectCallback();
    show({
      page: "signed-out",
      url_had_state: back.searchParams.has("state"),
      user_state: response.userState ?? null,
      error: response.error ?? null,
      user_after: await manager.getUser(),
    });
  } else {
    show({ page: "start", user: await manager.getUser() });
    const button = document.getElementById("signin");
    button.hidden = false;
    button.addEventListener("click", () => {
      manager.signinRedirect({ state: "spa-signin" }).catch((e) => show({ error: String(e) }));
    });
  }
}

main().catch((e) => show({ error: String(e), stack: e && e.stack }));

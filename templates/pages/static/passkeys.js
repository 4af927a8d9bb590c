// Portcullis passkeys: the one script of the hosted pages, for what needs the browser's
// WebAuthn API. Each form marked data-passkey-form ("login" or "register") stays hidden
// unless the browser has passkeys. On submit the script fetches the ceremony's options from
// the JSON API, asks the browser for the passkey, puts the ceremony and the browser's answer
// in the form's hidden fields and submits the form; the server finishes the ceremony like
// any other CSRF-checked form post.
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !navigator.credentials) {
    return;
  }

  function decode(text) {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const raw = atob(b64 + "===".slice((b64.length + 3) % 4));
    return Uint8Array.from(raw, (c) => c.charCodeAt(0)).buffer;
  }

  function encode(buffer) {
    let raw = "";
    new Uint8Array(buffer).forEach((b) => { raw += String.fromCharCode(b); });
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function withIds(list) {
    return (list || []).map((c) => Object.assign({}, c, { id: decode(c.id) }));
  }

  function creationOptions(pk) {
    return Object.assign({}, pk, {
      challenge: decode(pk.challenge),
      user: Object.assign({}, pk.user, { id: decode(pk.user.id) }),
      excludeCredentials: withIds(pk.excludeCredentials),
    });
  }

  function requestOptions(pk) {
    return Object.assign({}, pk, {
      challenge: decode(pk.challenge),
      allowCredentials: withIds(pk.allowCredentials),
    });
  }

  // The answer as PublicKeyCredential.toJSON() gives it, built by hand for older browsers.
  function answer(cred) {
    const r = cred.response;
    const response = { clientDataJSON: encode(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = encode(r.attestationObject);
      if (r.getTransports) {
        response.transports = r.getTransports();
      }
    } else {
      response.authenticatorData = encode(r.authenticatorData);
      response.signature = encode(r.signature);
      response.userHandle = r.userHandle ? encode(r.userHandle) : null;
    }
    return {
      id: cred.id,
      rawId: encode(cred.rawId),
      type: cred.type,
      response: response,
      clientExtensionResults: cred.getClientExtensionResults(),
    };
  }

  async function begin(url, body) {
    const res = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      throw Object.assign(new Error(json.code || "failed"), { code: json.code || "" });
    }
    return json;
  }

  async function run(form) {
    const f = form.elements;
    let begun;
    let cred;
    if (form.dataset.passkeyForm === "register") {
      const password = f.passkey_password.value;
      begun = await begin("/api/auth/passkeys/register/options", password ? { password } : {});
      cred = await navigator.credentials.create({ publicKey: creationOptions(begun.options.publicKey) });
      f.passkey_password.value = "";
    } else {
      const body = f.mfa_token ? { mfa_token: f.mfa_token.value } : {};
      begun = await begin("/api/auth/passkeys/login/options", body);
      cred = await navigator.credentials.get({ publicKey: requestOptions(begun.options.publicKey) });
    }
    f.ceremony.value = begun.ceremony;
    f.credential.value = JSON.stringify(answer(cred));
    form.submit();
  }

  document.querySelectorAll("form[data-passkey-form]").forEach((form) => {
    const error = form.querySelector("[data-passkey-error]");
    form.hidden = false;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      error.hidden = true;
      run(form).catch((e) => {
        // The page carries each text in its language (forms.passkey_error).
        const reason = e && e.name === "NotAllowedError"
          ? "closed"
          : ((e && e.code) || "").replace(/_([a-z])/g, (_, c) => c.toUpperCase());
        error.textContent = error.dataset[reason] || error.dataset.failed;
        error.hidden = false;
      });
    });
  });
}());

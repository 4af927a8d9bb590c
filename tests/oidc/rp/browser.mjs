// The person's browser, for the relying-party scripts: the only hand-written HTTP in them.
// It keeps a cookie jar, follows redirects one hop at a time (so it can stop at the relying
// party's redirect URI, which nothing listens on), and fills in Portcullis's hosted forms the
// way a person would: the login form, the second-factor form, the consent form and the
// logout confirmation, each with the CSRF token the page carries. Anything it does not
// recognise is an error, never a guess, so a changed page fails the test instead of passing
// it by accident.

// Decodes the HTML escapes minijinja writes in attribute values (`&amp;`, `&#x2f;`, ...).
export function unescapeHtml(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_, e) => {
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e.toLowerCase()];
    if (named) return named;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

// The forms of a page: each with its action and its fields (hidden inputs, named inputs and
// the value of each named submit button, listed apart).
export function forms(html) {
  const out = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attr = (tag, name) => {
      const a = tag.match(new RegExp(`\\b${name}="([^"]*)"`, 'i'));
      return a ? unescapeHtml(a[1]) : undefined;
    };
    const fields = {};
    const buttons = [];
    for (const i of m[2].matchAll(/<input\b([^>]*)>/gi)) {
      const name = attr(i[1], 'name');
      if (name) fields[name] = attr(i[1], 'value') ?? '';
    }
    for (const b of m[2].matchAll(/<button\b([^>]*)>/gi)) {
      const name = attr(b[1], 'name');
      if (name) buttons.push({ name, value: attr(b[1], 'value') ?? '' });
    }
    out.push({ action: attr(m[1], 'action'), method: attr(m[1], 'method'), fields, buttons });
  }
  return out;
}

// Where `until` ends when Portcullis shows "You are signed out" instead of redirecting.
export const SIGNED_OUT = 'about:signed-out';

function alertOf(html) {
  const m = html.match(/<div class="alert" role="alert">([^<]*)<\/div>/);
  return m ? unescapeHtml(m[1]) : '(no message)';
}

export class Browser {
  constructor(origin) {
    // Portcullis's origin: cookies are kept for it only (the relying party's redirect URI is
    // never fetched), and forms are posted with it as `Origin`, as a browser does.
    this.origin = new URL(origin).origin;
    this.jar = new Map();
    // Every page seen, in order, for the script's report (paths only: no tokens).
    this.trail = [];
  }

  setCookie(name, value) {
    this.jar.set(name, value);
  }

  keep(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(url, init = {}) {
    const u = new URL(url, this.origin);
    if (u.origin !== this.origin) throw new Error(`the browser was sent off Portcullis: ${u.origin}`);
    const headers = new Headers(init.headers);
    if (this.jar.size) headers.set('cookie', this.cookieHeader());
    const res = await fetch(u, { ...init, headers, redirect: 'manual' });
    this.keep(res);
    this.trail.push(`${init.method ?? 'GET'} ${u.pathname} ${res.status}`);
    return res;
  }

  async post(action, fields) {
    return this.request(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.origin },
      body: new URLSearchParams(fields).toString(),
    });
  }

  // Follows `url` until the browser is sent to a URL starting with `stopAt` (on another
  // origin: the relying party), filling in the forms on the way with `person`
  // ({ email, password, totp }). Answers that URL. `seen` collects which forms were filled.
  async until(url, stopAt, person = {}, seen = {}) {
    let next = new URL(url, this.origin).href;
    for (let hop = 0; hop < 20; hop += 1) {
      if (next.startsWith(stopAt) || next === SIGNED_OUT) return next;
      const res = await this.request(next);
      next = await this.onward(res, person, seen);
    }
    throw new Error('more than 20 hops');
  }

  // Where a response sends the browser: its `Location`, a page that goes on by itself
  // (Portcullis's "Continue" page, after a form post), or a form a person fills in.
  async onward(res, person, seen) {
    if ([301, 302, 303, 307, 308].includes(res.status)) {
      return new URL(res.headers.get('location'), this.origin).href;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${html.slice(0, 300)}`);
    const refresh = html.match(/<meta http-equiv="refresh" content="0; url=([^"]*)">/i);
    if (refresh) return new URL(unescapeHtml(refresh[1]), this.origin).href;
    // The end of a logout without a post-logout URI: nowhere further to go.
    if (html.includes('You are signed out')) return SIGNED_OUT;
    const [form, ...others] = forms(html).filter((f) => f.method?.toLowerCase() === 'post');
    const by = (action) => forms(html).find((f) => f.action === action);
    const login = by('/account/login');
    const mfa = by('/account/mfa/verify');
    const consent = by('/oauth2/consent');
    const logout = by('/oauth2/logout/confirm');
    let posted;
    if (login) {
      if (!person.email) throw new Error('the login form, and no person to log in');
      // Shown again after a post, it carries an error: stop rather than loop.
      if (seen.login) throw new Error(`the login form again: ${alertOf(html)}`);
      seen.login = true;
      posted = await this.post(login.action, { ...login.fields, email: person.email, password: person.password });
    } else if (mfa) {
      if (!person.totp) throw new Error('the second-factor form, and no code');
      if (seen.second_factor) throw new Error(`the second-factor form again: ${alertOf(html)}`);
      seen.second_factor = true;
      posted = await this.post(mfa.action, { ...mfa.fields, code: person.totp });
    } else if (consent) {
      if (seen.consent) throw new Error('the consent form again');
      // The scopes the page asks the person about, as the report's proof it was shown.
      seen.consent = [...html.matchAll(/data-scope="([^"]*)"/g)].map((s) => unescapeHtml(s[1]));
      const allow = consent.buttons.find((b) => b.name === 'decision' && b.value === 'allow');
      if (!allow) throw new Error('a consent form without Allow');
      posted = await this.post(consent.action, { ...consent.fields, decision: 'allow' });
    } else if (logout) {
      seen.logout_confirmation = true;
      posted = await this.post(logout.action, logout.fields);
    } else {
      const what = form ? form.action : 'no form';
      throw new Error(`a page the browser does not know (${what}, ${others.length} more): ${html.slice(0, 300)}`);
    }
    return this.onward(posted, person, seen);
  }

  // A page's text, for the "You are signed out" kind of ending.
  async text(url) {
    const res = await this.request(url);
    return { status: res.status, html: await res.text() };
  }
}

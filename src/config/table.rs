//! Every setting, once: its name, its default, how its value is read and what it does. The
//! unknown-name check, the defaults the loader applies, `portcullis config --explain` and the
//! README's table all come from [`SETTINGS`].

/// How a setting's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Bool,
    /// A whole number.
    Number,
    /// `10s`, `15m`, `24h`, `30d`, `500ms`.
    Duration,
    /// `HOST:PORT`.
    Address,
    /// Never shown: `--explain` prints `[redacted]`.
    Secret,
    /// A URL that may hold a password: `--explain` masks it.
    Url,
    /// Comma-separated.
    List,
}

/// Where a setting's value comes from when no layer sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// This text, read like any other value.
    Fixed(&'static str),
    /// Worked out from other settings when loading; the text says how.
    Derived(&'static str),
    /// No value: the feature is off.
    Unset,
}

/// One setting.
#[derive(Debug)]
pub struct Setting {
    pub name: &'static str,
    pub default: Fallback,
    pub kind: Kind,
    pub doc: &'static str,
}

macro_rules! settings {
    ($($name:literal, $default:expr, $kind:ident, $doc:literal;)*) => {
        /// Every setting Portcullis reads, in the order the README lists them.
        pub const SETTINGS: &[Setting] = &[
            $(Setting { name: $name, default: $default, kind: Kind::$kind, doc: $doc },)*
        ];
    };
}

use Fallback::{Derived, Fixed, Unset};

settings! {
    "PORTCULLIS_BIND", Fixed("127.0.0.1:8080"), Address, "listen address: `IP:PORT`, or `localhost:PORT` for `127.0.0.1:PORT`";
    "PORTCULLIS_DATABASE_URL", Fixed("sqlite://portcullis.db"), Url, "`sqlite://…`, `postgres://…`, `mysql://…` (also read from `DATABASE_URL`)";
    "PORTCULLIS_PUBLIC_URL", Derived("`http://<bind>`"), Text, "base of mailed links; `https://` makes cookies `Secure`; its host is the passkeys' relying party (passkeys are off on an IP address or plain `http://` other than `localhost`)";
    "PORTCULLIS_DEV", Fixed("false"), Bool, "dev mailbox at `/dev/mail`; refused unless bound to loopback with an `http://` public URL";
    "PORTCULLIS_DEV_ALLOW_PUBLIC", Fixed("false"), Bool, "lift that refusal (the dev mailbox then faces whoever reaches the port)";
    "PORTCULLIS_SMTP_URL", Unset, Url, "`smtp://user:pass@host[:587]` (STARTTLS when offered: `?tls=opportunistic`, the default; `?tls=required` insists), `smtps://…[:465]` (TLS), `?tls=none` plain (port 25)";
    "PORTCULLIS_MAIL_FROM", Fixed("Portcullis <no-reply@localhost>"), Text, "sender";
    "PORTCULLIS_SMTP_TIMEOUT", Fixed("30s"), Duration, "bound on one delivery, connection included";
    "PORTCULLIS_MAIL_POLL_INTERVAL", Fixed("2s"), Duration, "how often each node looks for due mail";
    "PORTCULLIS_MAIL_RETRY_BASE", Fixed("30s"), Duration, "first retry delay (doubling, at most 1 h, jittered)";
    "PORTCULLIS_MAIL_MAX_ATTEMPTS", Fixed("10"), Number, "attempts before a message is marked `failed`";
    "PORTCULLIS_JWT_SECRET", Unset, Secret, "HS256 with this secret (32 bytes or more); unset: EdDSA keys in the database";
    "PORTCULLIS_KEY_ENCRYPTION_KEY", Unset, Secret, "32 bytes (64 hex digits or base64): private signing keys and TOTP secrets are stored sealed with AES-256-GCM; every node needs it; unset outside dev mode, startup warns";
    "PORTCULLIS_ACCESS_TOKEN_TTL", Fixed("15m"), Duration, "access-token lifetime (at most 24h)";
    "PORTCULLIS_DYNAMIC_REGISTRATION", Fixed("off"), Text, "dynamic client registration (RFC 7591) at `/oauth2/register`: `off`, `open` (anyone may register a client), or `token` (with an initial access token from `portcullis client registration-token create`)";
    "PORTCULLIS_DYNAMIC_REGISTRATION_PER_IP_PER_HOUR", Fixed("20"), Number, "registrations per client IP per hour (a burst as large); `0` off";
    "PORTCULLIS_DYNAMIC_REGISTRATION_UNUSED_TTL", Fixed("24h"), Duration, "a dynamically registered client that no one has signed in to within this is deleted by housekeeping";
    "PORTCULLIS_RESOURCES", Unset, List, "resource indicators (RFC 8707) every client may ask tokens for (each client may be allowed more): absolute URIs, or prefixes written `https://api.example.com/*`; the token's `aud` is the resource";
    "PORTCULLIS_REQUIRE_PAR", Fixed("false"), Bool, "every authorization request must be pushed first (RFC 9126, `/oauth2/par`); a client can also be required to alone";
    "PORTCULLIS_DPOP_NONCE", Fixed("false"), Bool, "DPoP proofs (RFC 9449) at the token endpoint must carry a nonce this server issued (`DPoP-Nonce`), so a proof made ahead of time is refused";
    "PORTCULLIS_CLIENT_METADATA_DOCUMENTS", Fixed("false"), Bool, "an https URL as `client_id` names the client by its metadata document (draft-ietf-oauth-client-id-metadata-document, as MCP uses it), fetched from that URL: a public client that is always asked for consent";
    "PORTCULLIS_CLIENT_METADATA_HOSTS", Fixed(""), List, "the hosts whose metadata documents are fetched; empty: any host with a public address";
    "PORTCULLIS_CLIENT_METADATA_CA_FILE", Unset, Text, "a PEM file of certificates trusted besides the usual roots when fetching metadata documents (tests, a private CA)";
    "PORTCULLIS_CLIENT_METADATA_ALLOW_LOOPBACK", Fixed("false"), Bool, "for tests and local development only (refused outside dev mode): metadata documents may also be fetched from loopback addresses, over plain `http://` too";
    "PORTCULLIS_ORG_ROLES", Unset, Text, "organisations' roles besides `owner`, `admin` and `member`: comma-separated `name=permission permission…` (each also has a member's reads); tokens carry the active organisation's role and permissions";
    "PORTCULLIS_SESSION_TTL", Fixed("30d"), Duration, "absolute lifetime of a session and its refresh tokens";
    "PORTCULLIS_SESSION_COOKIE", Derived("`session_id`, `__Host-session_id` on https"), Text, "a name set explicitly is used as it is";
    "PORTCULLIS_REAUTH_WINDOW", Fixed("10m"), Duration, "changing a second factor needs an authentication this recent, or a fresh password or code";
    "PORTCULLIS_REQUIRE_MFA", Fixed("false"), Bool, "every account needs a second factor; one without is asked to enrol at its next login";
    "PORTCULLIS_REFRESH_REUSE_GRACE", Fixed("10s"), Duration, "a spent refresh token seen again within this is refused without revoking";
    "PORTCULLIS_REQUIRE_VERIFIED_EMAIL", Fixed("false"), Bool, "refuse login until the email is verified";
    "PORTCULLIS_PASSWORD_POLICY", Fixed("default"), Text, "`default`: the rules below as set (the seed APIs' clients expect them); `nist-800-63b-4`: NIST SP 800-63B-4's, 15 characters at least for an account without a second factor and 8 with one, no composition rules, up to 1,024, Unicode-normalised, breached passwords refused (docs/breached-passwords.md says which to choose)";
    "PORTCULLIS_PASSWORD_MIN_LENGTH", Derived("`8`; `15` with `nist-800-63b-4`"), Number, "in code points";
    "PORTCULLIS_PASSWORD_REQUIRE_LETTER_AND_DIGIT", Fixed("false"), Bool, "seed 003's rule";
    "PORTCULLIS_PASSWORD_BLOCK_COMMON", Fixed("true"), Bool, "19,640 common passwords refused";
    "PORTCULLIS_BREACHED_PASSWORDS", Fixed("true"), Bool, "new passwords found in the breached-password filter are refused (`password_breached`); checked offline, in the process: no network call ever";
    "PORTCULLIS_BREACHED_PASSWORDS_FILE", Unset, Text, "a filter made by `portcullis passwords build-filter` (e.g. from the full Have I Been Pwned list), memory-mapped, instead of the built-in one (5.1 million passwords)";
    "PORTCULLIS_BREACHED_PASSWORDS_AT_LOGIN", Fixed("mail"), Text, "a correct login with a password on the list (never refused for it): `mail` flags the account, audits it and mails the person once asking for a change; `flag` the same without the mail; `off` nothing";
    "PORTCULLIS_VERIFY_EMAIL_URL", Derived("`<public>/account/verify-email?token={token}`"), Text, "link template of verification mail";
    "PORTCULLIS_RESET_PASSWORD_URL", Derived("`<public>/account/reset-password?token={token}`"), Text, "link template of reset mail";
    "PORTCULLIS_EMAIL_LOGIN", Fixed("false"), Bool, "sign in by a link or a 6-digit code mailed to the address (`POST /api/auth/email-login`)";
    "PORTCULLIS_EMAIL_LOGIN_SIGNUP", Fixed("false"), Bool, "an email sign-in to an address with no account creates one (with no password)";
    "PORTCULLIS_EMAIL_LOGIN_URL", Derived("`<public>/account/email-login/verify?token={token}`"), Text, "link template of the sign-in mail";
    "PORTCULLIS_OAUTH_SIGNUP", Fixed("true"), Bool, "a first sign-in with an external identity whose address has no account creates one; `false`: only linked identities sign in";
    "PORTCULLIS_ADMIN_BIND", Fixed("main"), Text, "the admin API (`/api/admin`, API keys only): `main` on the main listener (a warning at startup outside dev mode once a key exists), `HOST:PORT` on its own listener only, `off` for none";
    "PORTCULLIS_ADMIN_CONSOLE", Fixed("true"), Bool, "the administration console under `/admin/` (on the admin API's listener; none when `PORTCULLIS_ADMIN_BIND=off`), for accounts made administrators with `portcullis user make-admin` that have a second factor";
    "PORTCULLIS_ADMIN_SESSION_TTL", Fixed("30m"), Duration, "absolute lifetime of a console session (from its sign-in with a second factor)";
    "PORTCULLIS_ADMIN_STEP_UP_WINDOW", Fixed("5m"), Duration, "each change in the console needs the second factor proven this recently (at sign-in or at a step-up)";
    "PORTCULLIS_WEBHOOK_POLL_INTERVAL", Fixed("1s"), Duration, "how often each node looks for due webhook deliveries";
    "PORTCULLIS_WEBHOOK_RETRY_BASE", Fixed("10s"), Duration, "first retry delay of a failed delivery (doubling, at most 1 h, jittered)";
    "PORTCULLIS_WEBHOOK_MAX_ATTEMPTS", Fixed("15"), Number, "attempts before a delivery is marked `failed` (retried for 6.4 to 7.7 hours in all at the default base)";
    "PORTCULLIS_PAGES", Fixed("true"), Bool, "the hosted pages under `/account/`; `false`: none (`404`)";
    "PORTCULLIS_DEFAULT_LOCALE", Fixed("en"), Text, "the language of pages and mails when neither the account, the application (`ui_locales`), the language switcher nor `Accept-Language` decides (docs/languages.md)";
    "PORTCULLIS_LOCALES_DIR", Unset, Text, "a folder of `<tag>/*.ftl` catalogues that override messages or add a language, checked at startup (docs/languages.md)";
    "PORTCULLIS_ARGON2_MEMORY_KIB", Fixed("19456"), Number, "Argon2id memory cost";
    "PORTCULLIS_ARGON2_ITERATIONS", Fixed("2"), Number, "Argon2id passes";
    "PORTCULLIS_ARGON2_PARALLELISM", Fixed("1"), Number, "Argon2id lanes";
    "PORTCULLIS_HASH_CONCURRENCY", Derived("the number of cores"), Number, "password hashes at once";
    "PORTCULLIS_HASH_QUEUE", Fixed("64"), Number, "hashes that may wait before `503`";
    "PORTCULLIS_REVEAL_UNKNOWN_EMAILS", Fixed("false"), Bool, "legacy route sets answer unknown emails as their seeds did (404/403)";
    "PORTCULLIS_DIALECTS", Fixed("root,alx,api-v1"), List, "legacy route sets to serve (`none` for none)";
    "PORTCULLIS_COMPAT", Fixed("none"), List, "compatibility profiles, `seed000` to `seed004`: each serves its seed's route set with the seed's own password rule and the opt-ins its clients need, on that route set only (see [Legacy route sets](#legacy-route-sets)); all but `seed003` weaken that route set, and startup warns what each weakens";
    "PORTCULLIS_LEGACY_RESET_KEEPS_SESSIONS", Fixed("false"), Bool, "the legacy reset routes (`alx`, `api-v1`) keep the user's sessions; weaker, for seed clients that log out with their pre-reset session";
    "PORTCULLIS_RATE_LIMIT_PER_MINUTE", Fixed("60"), Number, "per client IP, shared by every unauthenticated route; `0` off";
    "PORTCULLIS_WRITE_LIMIT_PER_MINUTE", Fixed("60"), Number, "per signed-in user: requests that change something (every method but `GET`, `HEAD`, `OPTIONS`; never a logout), on every route set; `0` off";
    "PORTCULLIS_WRITE_LIMIT_PER_IP_PER_MINUTE", Fixed("600"), Number, "per client IP: the same signed-in writes, whoever is signed in; `0` off";
    "PORTCULLIS_LOGIN_FAILURES_PER_HOUR", Fixed("20"), Number, "per account (or unknown identifier), password re-checks included, and per client address for failed admin API key checks; `0` off";
    "PORTCULLIS_LOGIN_FAILURE_WINDOW", Fixed("1h"), Duration, "how long failures count, and the longest lock";
    "PORTCULLIS_TRUST_PROXY", Fixed("false"), Bool, "client IP from the rightmost `X-Forwarded-For` entry (the one your proxy adds)";
    "PORTCULLIS_REDIS_URL", Unset, Url, "share rate limits and login throttling across nodes";
    "PORTCULLIS_REDIS_PREFIX", Fixed("portcullis"), Text, "prefix of every Redis key";
    "PORTCULLIS_CORS_ORIGINS", Fixed(""), List, "browser origins allowed, with credentials (`*` is refused)";
    "PORTCULLIS_HEADER_TIMEOUT", Fixed("10s"), Duration, "a client must send a request's headers within this";
    "PORTCULLIS_BODY_TIMEOUT", Fixed("10s"), Duration, "a client must send a request's body within this (`408`)";
    "PORTCULLIS_REQUEST_TIMEOUT", Fixed("30s"), Duration, "no request runs longer (`503` with `Retry-After`)";
    "PORTCULLIS_MAX_CONNECTIONS", Fixed("1024"), Number, "open connections at most";
    "PORTCULLIS_MAX_CONNECTIONS_PER_IP", Derived("`128`, `0` with `PORTCULLIS_TRUST_PROXY`"), Number, "open connections from one client address (IPv6: one /64); more are closed at once; `0` off";
    "PORTCULLIS_SHUTDOWN_TIMEOUT", Fixed("30s"), Duration, "in-flight requests may finish this long after SIGTERM";
    "PORTCULLIS_METRICS_BIND", Fixed("127.0.0.1:9464"), Text, "the private listener that serves `/metrics`; `off` for none";
    "PORTCULLIS_METRICS_TOKEN", Unset, Secret, "also serve `/metrics` on the main port, to `Authorization: Bearer <this>` only (16 bytes or more)";
    "PORTCULLIS_HOUSEKEEPING_INTERVAL", Fixed("15m"), Duration, "how often each node deletes ended sessions, dead tokens and week-old delivered mail, and expires undelivered mail whose link has expired";
    "PORTCULLIS_KEY_RELOAD_INTERVAL", Fixed("60s"), Duration, "how often each node re-reads the signing keys (a rotation elsewhere reaches its JWKS within this)";
    "PORTCULLIS_LOG", Fixed("info"), Text, "log filter";
    "PORTCULLIS_LOG_FORMAT", Fixed("text"), Text, "`text` or `json`";
}

/// The setting named `name`, if there is one.
pub fn setting(name: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.name == name)
}

/// The known name closest to `name` (a typo's likely intent), if one is close enough.
pub fn nearest(name: &str) -> Option<&'static str> {
    let strip = |n: &str| n.strip_prefix("PORTCULLIS_").unwrap_or(n).to_owned();
    let typed = strip(name);
    // One edit per six characters, at least one and at most three: `DEVV` is `DEV`, while
    // `QUUX` is nothing in particular.
    let allowed = (1 + typed.chars().count() / 6).min(3);
    SETTINGS
        .iter()
        .map(|s| (edit_distance(&typed, &strip(s.name)), s.name))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// Levenshtein distance: insertions, deletions and substitutions of characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// The README's table of settings (between its `settings` markers), made from [`SETTINGS`].
pub fn markdown() -> String {
    let mut out = String::from("| Variable | Default | |\n|---|---|---|\n");
    for s in SETTINGS {
        let default = match s.default {
            Fixed("") => "empty".to_owned(),
            Fixed(v) => format!("`{v}`"),
            Derived(how) => how.to_owned(),
            Unset => "unset".to_owned(),
        };
        out.push_str(&format!("| `{}` | {default} | {} |\n", s.name, s.doc));
    }
    out
}

//! `portcullis provision plan|apply FILE.toml` (docs/provisioning.md): a deployment's first
//! administrator, clients, organisations, admin API keys, webhooks and settings, written down
//! once and applied idempotently. The whole file is read and checked first (every value by
//! the rules the other commands and the configuration apply), then applied; a second apply of
//! the same file changes nothing. Secrets go to files (mode 0600), never to the output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::Deserialize;

use crate::config::stored::{self, NOT_FROM_DATABASE, ORIGIN};
use crate::config::{webhook_setting, Settings, WEBHOOK_EVENTS};
use crate::error::AppError;
use crate::service::{operator, Auth, ClientSpec, OrgInput, UserRef};

/// A provisioning file. Unknown keys are errors.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    admin: Option<AdminEntry>,
    #[serde(default)]
    client: Vec<ClientEntry>,
    #[serde(default)]
    organization: Vec<OrgEntry>,
    #[serde(default)]
    api_key: Vec<ApiKeyEntry>,
    #[serde(default)]
    webhook: Vec<WebhookEntry>,
    #[serde(default)]
    settings: toml::Table,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AdminEntry {
    email: String,
    setup_link_file: Option<PathBuf>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClientEntry {
    /// The client_id: the key.
    id: String,
    name: Option<String>,
    redirect_uris: Option<Vec<String>>,
    post_logout_redirect_uris: Option<Vec<String>>,
    grant_types: Option<Vec<String>>,
    scopes: Option<Vec<String>>,
    backchannel_logout_uri: Option<String>,
    skip_consent: Option<bool>,
    token_endpoint_auth_method: Option<String>,
    public: Option<bool>,
    jwks_uri: Option<String>,
    id_token_signed_response_alg: Option<String>,
    resources: Option<Vec<String>>,
    require_pushed_authorization_requests: Option<bool>,
    secret_file: Option<PathBuf>,
    #[serde(default)]
    rotate_secret: bool,
}

impl ClientEntry {
    fn spec(&self) -> ClientSpec {
        ClientSpec {
            client_id: Some(self.id.clone()),
            name: self.name.clone(),
            redirect_uris: self.redirect_uris.clone(),
            post_logout_redirect_uris: self.post_logout_redirect_uris.clone(),
            grant_types: self.grant_types.clone(),
            scopes: self.scopes.clone(),
            backchannel_logout_uri: self.backchannel_logout_uri.clone(),
            skip_consent: self.skip_consent,
            token_endpoint_auth_method: self.token_endpoint_auth_method.clone(),
            public: self.public,
            jwks_uri: self.jwks_uri.clone(),
            id_token_signed_response_alg: self.id_token_signed_response_alg.clone(),
            resources: self.resources.clone(),
            require_pushed_authorization_requests: self.require_pushed_authorization_requests,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgEntry {
    /// The key.
    slug: String,
    name: String,
    metadata: Option<toml::Table>,
    #[serde(default)]
    members: Vec<MemberEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberEntry {
    email: String,
    #[serde(default = "member_role")]
    role: String,
}

fn member_role() -> String {
    "member".to_owned()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiKeyEntry {
    /// The key.
    name: String,
    scopes: Vec<String>,
    secret_file: PathBuf,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WebhookEntry {
    /// The key: `PORTCULLIS_WEBHOOK_<NAME>_*`.
    name: String,
    url: String,
    events: Option<Vec<String>>,
    secret_file: PathBuf,
}

/// Reads a provisioning file. Errors name the line.
pub fn read(path: &Path) -> anyhow::Result<File> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// One line of what a plan or an apply says.
struct Line {
    /// `+` made, `~` changed, `=` unchanged, `!` needs the operator.
    mark: char,
    text: String,
}

/// One change to make, checked already.
enum Step {
    /// A generated webhook secret, written before the settings that name it.
    WebhookSecret {
        path: PathBuf,
        secret: String,
    },
    Settings(Vec<(String, String)>),
    CreateAdmin {
        email: String,
        link_file: Option<PathBuf>,
    },
    MakeAdmin {
        email: String,
    },
    CreateClient {
        spec: ClientSpec,
        secret_file: Option<PathBuf>,
    },
    UpdateClient {
        id: String,
        spec: ClientSpec,
        secret_file: Option<PathBuf>,
    },
    RotateSecret {
        id: String,
        secret_file: PathBuf,
    },
    CreateApiKey {
        name: String,
        scopes: Vec<String>,
        secret_file: PathBuf,
    },
    CreateOrg {
        input: OrgInput,
        owner: String,
    },
    UpdateOrg {
        slug: String,
        input: OrgInput,
    },
    SetMember {
        slug: String,
        email: String,
        role: String,
    },
}

/// A checked file: what it would change, and how.
pub struct Plan {
    lines: Vec<Line>,
    steps: Vec<Step>,
}

impl Plan {
    /// How many things it changes.
    pub fn changes(&self) -> usize {
        self.lines.iter().filter(|l| l.mark == '+' || l.mark == '~').count()
    }

    /// The plan's lines, one per thing in the file.
    pub fn print(&self) {
        for l in &self.lines {
            println!("{} {}", l.mark, l.text);
        }
    }
}

/// `secret_file` of the file at `base`: relative paths are the file's directory's.
fn resolve(base: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    }
}

/// A file a new secret will be written to: it must not exist (a secret in it would be lost),
/// and its directory must.
fn check_new_secret_file(what: &str, path: &Path) -> anyhow::Result<()> {
    if path.exists() {
        bail!(
            "{what}: {} exists; refusing to overwrite it with a new secret (move it away, or \
             remove it if the secret it holds is no longer used)",
            path.display()
        );
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !dir.is_dir() {
        bail!("{what}: the directory of {} does not exist", path.display());
    }
    Ok(())
}

/// A secret file's content, without the line end.
fn read_secret(path: &Path) -> anyhow::Result<String> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(text.trim_end_matches(['\r', '\n']).to_owned())
}

/// Creates `path` (mode 0600; refused when it exists) and writes `secret` and a line end.
fn write_secret(path: &Path, secret: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options
        .open(path)
        .with_context(|| format!("cannot create {} (mode 0600)", path.display()))?;
    f.write_all(secret.as_bytes())
        .and_then(|()| f.write_all(b"\n"))
        .and_then(|()| f.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// A new webhook signing key: `whsec_` and base64 of 32 random bytes.
fn new_webhook_secret() -> anyhow::Result<String> {
    use base64::Engine as _;
    use ring::rand::{SecureRandom, SystemRandom};
    let mut bytes = [0u8; 32];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| anyhow::anyhow!("the operating system's random number generator failed"))?;
    Ok(format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(bytes)))
}

/// A `[[webhook]]` as settings.
struct WantedHook {
    name: String,
    /// `_URL`, `_SECRET`, `_EVENTS`.
    settings: Vec<(String, String)>,
    /// Where its new signing key goes (`None`: read from its file).
    generated: Option<PathBuf>,
}

/// The settings of the file's `[settings]` and `[[webhook]]`s, by environment name, with the
/// lines that describe the webhooks and the secrets to generate.
struct Wanted {
    settings: Vec<(String, String)>,
    webhooks: Vec<WantedHook>,
    secrets: Vec<Step>,
}

fn wanted_settings(file: &File, base: &Path) -> anyhow::Result<Wanted> {
    let mut settings = Vec::new();
    for (key, value) in &file.settings {
        let name = stored::setting_name(key);
        if name == "DATABASE_URL" || NOT_FROM_DATABASE.contains(&name.as_str()) {
            bail!(
                "settings.{key}: {name} cannot be set from the database (it is read before the \
                 database, or protects what the database holds); set it in portcullis.toml or \
                 the environment"
            );
        }
        if !stored::is_known_setting(&name) {
            bail!(
                "settings.{key}: {name} is not a setting (check the spelling against the README)"
            );
        }
        if webhook_setting(&name).is_some() {
            bail!("settings.{key}: write webhooks as [[webhook]] tables");
        }
        let text = crate::config::toml_value(value).ok_or_else(|| {
            anyhow::anyhow!("settings.{key}: expected a string, number, boolean or list of those")
        })?;
        if settings.iter().any(|(n, _)| *n == name) {
            bail!("settings.{key}: {name} is set twice");
        }
        settings.push((name, text));
    }
    let mut webhooks = Vec::new();
    let mut secrets = Vec::new();
    let mut seen = BTreeMap::new();
    for w in &file.webhook {
        let upper = w.name.to_ascii_uppercase().replace('-', "_");
        let url_name = format!("PORTCULLIS_WEBHOOK_{upper}_URL");
        if w.name.is_empty() || webhook_setting(&url_name).is_none() {
            bail!("webhook {:?}: a name is letters, digits, '-' and '_'", w.name);
        }
        if seen.insert(upper.clone(), ()).is_some() {
            bail!("webhook {:?} appears twice", w.name);
        }
        let events = match &w.events {
            Some(list) => {
                if let Some(bad) = list.iter().find(|e| !WEBHOOK_EVENTS.contains(&e.as_str())) {
                    bail!(
                        "webhook {:?}: unknown event {bad:?}; known: {}",
                        w.name,
                        WEBHOOK_EVENTS.join(", ")
                    );
                }
                list.join(",")
            }
            None => WEBHOOK_EVENTS.join(","),
        };
        let path = resolve(base, &w.secret_file);
        let (secret, generated) = if path.exists() {
            (read_secret(&path)?, None)
        } else {
            check_new_secret_file(&format!("webhook {:?}", w.name), &path)?;
            let secret = new_webhook_secret()?;
            secrets.push(Step::WebhookSecret { path: path.clone(), secret: secret.clone() });
            (secret, Some(path))
        };
        let three = vec![
            (url_name, w.url.trim().to_owned()),
            (format!("PORTCULLIS_WEBHOOK_{upper}_SECRET"), secret),
            (format!("PORTCULLIS_WEBHOOK_{upper}_EVENTS"), events),
        ];
        webhooks.push(WantedHook { name: w.name.clone(), settings: three, generated });
    }
    Ok(Wanted { settings, webhooks, secrets })
}

/// Checks the file's settings against what is stored (`stored`) and the layers above: the
/// settings the next start will run with, the overrides to write, and the lines.
pub fn plan_settings(
    file: &File,
    base: &Path,
    config_file: Option<&Path>,
    stored: &[(String, String)],
) -> anyhow::Result<(Settings, Plan)> {
    let wanted = wanted_settings(file, base)?;
    let now: BTreeMap<&str, &str> = stored.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut next: BTreeMap<String, String> = stored.iter().cloned().collect();
    for (k, v) in
        wanted.settings.iter().chain(wanted.webhooks.iter().flat_map(|w| w.settings.iter()))
    {
        next.insert(k.clone(), v.clone());
    }
    let next_list: Vec<(String, String)> = next.into_iter().collect();
    let settings =
        Settings::check_stored(config_file, &[], &next_list).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut lines = Vec::new();
    let mut writes = Vec::new();
    for (name, value) in &wanted.settings {
        let shown = stored::shown_value(name, value);
        let winner = settings
            .effective
            .iter()
            .find(|e| e.name == name.as_str() && e.origin != ORIGIN)
            .map(|e| format!(" ({} sets it too, and wins)", e.origin))
            .unwrap_or_default();
        let (mark, text) = match now.get(name.as_str()) {
            None => ('+', format!("setting {name} = {shown}{winner}")),
            Some(v) if v == value => ('=', format!("setting {name}{winner}")),
            Some(_) => ('~', format!("setting {name} = {shown}{winner}")),
        };
        if mark != '=' {
            writes.push((name.clone(), value.clone()));
        }
        lines.push(Line { mark, text });
    }
    for WantedHook { name: hook, settings: three, generated } in &wanted.webhooks {
        let differing: Vec<&(String, String)> =
            three.iter().filter(|(k, v)| now.get(k.as_str()) != Some(&v.as_str())).collect();
        let fields = |d: &[&(String, String)]| {
            d.iter()
                .filter_map(|(k, _)| webhook_setting(k).map(|(_, f)| f.to_ascii_lowercase()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let secret_note = generated
            .as_ref()
            .map(|p| format!(" (a new signing secret is written to {})", p.display()))
            .unwrap_or_default();
        let (mark, text) = if differing.is_empty() {
            ('=', format!("webhook {hook:?}"))
        } else if !now.contains_key(three[0].0.as_str()) {
            ('+', format!("webhook {hook:?}{secret_note}"))
        } else {
            ('~', format!("webhook {hook:?}: {}{secret_note}", fields(&differing)))
        };
        writes.extend(differing.into_iter().cloned());
        lines.push(Line { mark, text });
    }
    let mut steps = wanted.secrets;
    if !writes.is_empty() {
        steps.push(Step::Settings(writes));
    }
    Ok((settings, Plan { lines, steps }))
}

/// Checks the rest of the file against the database: `plan` gets its lines and steps.
pub async fn plan_rest(
    auth: &Auth,
    file: &File,
    base: &Path,
    plan: &mut Plan,
) -> anyhow::Result<()> {
    let e = AppError::into_anyhow;
    // The administrator.
    let mut new_admin: Option<String> = None;
    if let Some(admin) = &file.admin {
        let email = admin.email.trim().to_owned();
        let link_file = admin.setup_link_file.as_ref().map(|p| resolve(base, p));
        Auth::check_email(&email).map_err(|e| anyhow::anyhow!("admin.email: {e}"))?;
        match auth.user_with_email(&email).await.map_err(e)? {
            None => {
                if let Some(p) = &link_file {
                    check_new_secret_file("admin.setup_link_file", p)?;
                }
                let to = match &link_file {
                    Some(p) => format!("written to {}", p.display()),
                    None => "printed once".to_owned(),
                };
                plan.lines.push(Line {
                    mark: '+',
                    text: format!(
                        "admin {email:?}: a verified account without a password, made an \
                         administrator; a one-time setup link to set its password is {to}"
                    ),
                });
                plan.steps.push(Step::CreateAdmin { email: email.clone(), link_file });
                new_admin = Some(email);
            }
            Some(user) if !user.is_admin => {
                plan.lines.push(Line {
                    mark: '~',
                    text: format!(
                        "admin {email:?}: made an administrator (the account exists: no setup \
                         link)"
                    ),
                });
                plan.steps.push(Step::MakeAdmin { email });
            }
            Some(_) => plan.lines.push(Line {
                mark: '=',
                text: format!("admin {email:?} (the account exists: no setup link)"),
            }),
        }
    }
    plan_clients(auth, file, base, plan).await?;
    plan_api_keys(auth, file, base, plan).await?;
    plan_orgs(auth, file, new_admin.as_deref(), plan).await?;
    Ok(())
}

/// The fields of a client that differ.
fn client_changes(
    a: &crate::domain::OAuthClient,
    b: &crate::domain::OAuthClient,
) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut differs = |same: bool, name: &'static str| {
        if !same {
            out.push(name);
        }
    };
    differs(a.name == b.name, "name");
    differs(a.auth_method == b.auth_method, "token_endpoint_auth_method");
    differs(a.redirect_uris == b.redirect_uris, "redirect_uris");
    differs(
        a.post_logout_redirect_uris == b.post_logout_redirect_uris,
        "post_logout_redirect_uris",
    );
    differs(a.grant_types == b.grant_types, "grant_types");
    differs(a.scopes == b.scopes, "scopes");
    differs(a.backchannel_logout_uri == b.backchannel_logout_uri, "backchannel_logout_uri");
    differs(a.skip_consent == b.skip_consent, "skip_consent");
    differs(a.jwks_uri == b.jwks_uri, "jwks_uri");
    differs(a.id_token_alg == b.id_token_alg, "id_token_signed_response_alg");
    differs(a.resources == b.resources, "resources");
    differs(a.require_par == b.require_par, "require_pushed_authorization_requests");
    out
}

async fn plan_clients(
    auth: &Auth,
    file: &File,
    base: &Path,
    plan: &mut Plan,
) -> anyhow::Result<()> {
    let mut seen = BTreeMap::new();
    for c in &file.client {
        if seen.insert(c.id.clone(), ()).is_some() {
            bail!("client {:?} appears twice", c.id);
        }
        let what = format!("client {:?}", c.id);
        let spec = c.spec();
        let preview =
            auth.preview_client(&c.id, &spec).await.map_err(|e| anyhow::anyhow!("{what}: {e}"))?;
        let secret_file = c.secret_file.as_ref().map(|p| resolve(base, p));
        let needs = Auth::needs_secret(&preview.next);
        if needs && secret_file.is_none() {
            bail!("{what}: a confidential client needs secret_file (its secret is never printed)");
        }
        if !needs && secret_file.is_some() {
            bail!("{what}: a public client (or one with private_key_jwt) has no secret: remove secret_file");
        }
        match &preview.stored {
            None => {
                if let Some(p) = &secret_file {
                    check_new_secret_file(&what, p)?;
                }
                let note = secret_file
                    .as_ref()
                    .map(|p| format!(" (its secret is written to {})", p.display()))
                    .unwrap_or_default();
                plan.lines.push(Line { mark: '+', text: format!("{what}{note}") });
                plan.steps.push(Step::CreateClient { spec, secret_file });
            }
            Some(stored) => {
                let changed = client_changes(stored, &preview.next);
                let had_secret = Auth::needs_secret(stored);
                // A client that starts needing a secret gets one from the update.
                let gets_secret = needs && !had_secret;
                if gets_secret {
                    if let Some(p) = &secret_file {
                        check_new_secret_file(&what, p)?;
                    }
                }
                if !changed.is_empty() {
                    plan.lines
                        .push(Line { mark: '~', text: format!("{what}: {}", changed.join(", ")) });
                    let secret_file = if gets_secret { secret_file.clone() } else { None };
                    plan.steps.push(Step::UpdateClient { id: c.id.clone(), spec, secret_file });
                } else {
                    plan.lines.push(Line { mark: '=', text: what.clone() });
                }
                if let (Some(p), true, false) = (&secret_file, needs, gets_secret) {
                    if !p.exists() {
                        if c.rotate_secret {
                            plan.lines.push(Line {
                                mark: '~',
                                text: format!(
                                    "{what}: secret (a new one is written to {}; the old one \
                                     stops working)",
                                    p.display()
                                ),
                            });
                            plan.steps.push(Step::RotateSecret {
                                id: c.id.clone(),
                                secret_file: p.clone(),
                            });
                        } else {
                            plan.lines.push(Line {
                                mark: '!',
                                text: format!(
                                    "{what}: {} is missing, and a secret is never shown again; \
                                     set rotate_secret = true to make a new one there",
                                    p.display()
                                ),
                            });
                        }
                    } else if !auth
                        .client_secret_is(&c.id, &read_secret(p)?)
                        .await
                        .map_err(AppError::into_anyhow)?
                    {
                        plan.lines.push(Line {
                            mark: '!',
                            text: format!(
                                "{what}: {} does not hold the client's current secret (left \
                                 alone; move it away and set rotate_secret = true for a new one)",
                                p.display()
                            ),
                        });
                    }
                }
            }
        }
    }
    Ok(())
}

async fn plan_api_keys(
    auth: &Auth,
    file: &File,
    base: &Path,
    plan: &mut Plan,
) -> anyhow::Result<()> {
    let keys = auth.api_keys().await.map_err(AppError::into_anyhow)?;
    let mut seen = BTreeMap::new();
    for k in &file.api_key {
        let name = k.name.trim();
        if seen.insert(name.to_owned(), ()).is_some() {
            bail!("api_key {name:?} appears twice");
        }
        let what = format!("api_key {name:?}");
        if name.is_empty() || name.chars().count() > 100 {
            bail!("{what}: a key's name is 1 to 100 characters");
        }
        if k.scopes.is_empty() {
            bail!("{what}: a key needs at least one scope");
        }
        let known = crate::service::admin_api::SCOPES;
        if let Some(bad) = k.scopes.iter().find(|s| !known.contains(&s.as_str())) {
            bail!("{what}: unknown scope {bad:?}; known: {}", known.join(", "));
        }
        let path = resolve(base, &k.secret_file);
        // The newest live key of that name.
        let live = keys.iter().rev().find(|x| x.name == name && x.revoked_at.is_none());
        match live {
            None => {
                check_new_secret_file(&what, &path)?;
                plan.lines.push(Line {
                    mark: '+',
                    text: format!("{what} (its secret is written to {})", path.display()),
                });
                plan.steps.push(Step::CreateApiKey {
                    name: name.to_owned(),
                    scopes: k.scopes.clone(),
                    secret_file: path,
                });
            }
            Some(key) => {
                let mut want = k.scopes.clone();
                want.sort();
                want.dedup();
                let mut have = key.scopes.clone();
                have.sort();
                if want != have {
                    plan.lines.push(Line {
                        mark: '!',
                        text: format!(
                            "{what}: scopes differ (the key has {}; the file says {}); a key's \
                             scopes cannot change: revoke it (portcullis api-key revoke {}), \
                             move {} away, and apply again",
                            have.join(", "),
                            want.join(", "),
                            key.id,
                            path.display()
                        ),
                    });
                } else {
                    plan.lines.push(Line { mark: '=', text: what.clone() });
                }
                let holds = match path.exists() {
                    true => {
                        let plain = read_secret(&path)?;
                        let id = auth
                            .api_key_with_secret(&plain)
                            .await
                            .map_err(AppError::into_anyhow)?;
                        id.as_deref() == Some(key.id.as_str())
                    }
                    false => false,
                };
                if !holds {
                    plan.lines.push(Line {
                        mark: '!',
                        text: format!(
                            "{what}: {} does not hold the key (a key is never shown again: \
                             revoke it and apply again for a new one)",
                            path.display()
                        ),
                    });
                }
            }
        }
    }
    Ok(())
}

async fn plan_orgs(
    auth: &Auth,
    file: &File,
    new_admin: Option<&str>,
    plan: &mut Plan,
) -> anyhow::Result<()> {
    let email_key = crate::domain::email_key;
    let mut seen = BTreeMap::new();
    for o in &file.organization {
        if seen.insert(o.slug.clone(), ()).is_some() {
            bail!("organization {:?} appears twice", o.slug);
        }
        let what = format!("organization {:?}", o.slug);
        let metadata = match &o.metadata {
            Some(t) => Some(serde_json::to_value(t).context("organization metadata")?),
            None => None,
        };
        let input = || OrgInput {
            name: Some(o.name.clone()),
            slug: Some(o.slug.clone()),
            metadata: metadata.clone(),
        };
        for m in &o.members {
            if !auth.org_role_exists(&m.role) {
                bail!(
                    "{what}: member {}: role {:?} is not one of this deployment's roles",
                    m.email,
                    m.role
                );
            }
            let is_new_admin = new_admin.is_some_and(|a| email_key(a) == email_key(&m.email));
            if !is_new_admin
                && auth.user_with_email(&m.email).await.map_err(AppError::into_anyhow)?.is_none()
            {
                bail!(
                    "{what}: member {} has no account (make it first, e.g. with `portcullis user \
                     add`, or name it in [admin])",
                    m.email
                );
            }
        }
        let existing = auth.organization_with_slug(&o.slug).await.map_err(AppError::into_anyhow)?;
        let next = Auth::preview_org(existing.clone(), input())
            .map_err(|e| anyhow::anyhow!("{what}: {e}"))?;
        match existing {
            None => {
                let owner = o
                    .members
                    .iter()
                    .find(|m| m.role == "owner")
                    .map(|m| m.email.clone())
                    .or_else(|| file.admin.as_ref().map(|a| a.email.trim().to_owned()))
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "{what}: a new organisation needs an owner: a member with role \
                             \"owner\", or an [admin]"
                        )
                    })?;
                plan.lines.push(Line { mark: '+', text: format!("{what} (owner {owner})") });
                plan.steps.push(Step::CreateOrg { input: input(), owner: owner.clone() });
                for m in o.members.iter().filter(|m| email_key(&m.email) != email_key(&owner)) {
                    plan.lines.push(Line {
                        mark: '+',
                        text: format!("{what}: member {} as {}", m.email, m.role),
                    });
                    plan.steps.push(Step::SetMember {
                        slug: o.slug.clone(),
                        email: m.email.clone(),
                        role: m.role.clone(),
                    });
                }
            }
            Some(org) => {
                let mut changed = Vec::new();
                if org.name != next.name {
                    changed.push("name");
                }
                if org.metadata != next.metadata {
                    changed.push("metadata");
                }
                if changed.is_empty() {
                    plan.lines.push(Line { mark: '=', text: what.clone() });
                } else {
                    plan.lines
                        .push(Line { mark: '~', text: format!("{what}: {}", changed.join(", ")) });
                    plan.steps.push(Step::UpdateOrg { slug: o.slug.clone(), input: input() });
                }
                let members =
                    auth.organization_members(&org.id).await.map_err(AppError::into_anyhow)?;
                // The last owner stays one (the store refuses it too, but only once others are
                // applied): refused here, before anything is.
                let owner_after = |x: &crate::store::OrgMember| {
                    let named =
                        o.members.iter().find(|m| email_key(&m.email) == email_key(&x.email));
                    named.map_or(x.role == "owner", |m| m.role == "owner")
                };
                let added_owner = o.members.iter().any(|m| m.role == "owner");
                if !added_owner && !members.iter().any(owner_after) {
                    bail!("{what}: the file takes the role of its last owner; name another owner");
                }
                for m in &o.members {
                    let have = members.iter().find(|x| email_key(&x.email) == email_key(&m.email));
                    let mark = match have {
                        None => '+',
                        Some(x) if x.role != m.role => '~',
                        Some(_) => continue,
                    };
                    plan.lines.push(Line {
                        mark,
                        text: format!("{what}: member {} as {}", m.email, m.role),
                    });
                    plan.steps.push(Step::SetMember {
                        slug: o.slug.clone(),
                        email: m.email.clone(),
                        role: m.role.clone(),
                    });
                }
            }
        }
    }
    Ok(())
}

/// Makes the plan so, in order; prints the setup link (unless it goes to a file) and what the
/// administrator still needs.
pub async fn apply(auth: &Auth, plan: Plan) -> anyhow::Result<()> {
    let e = AppError::into_anyhow;
    let by = operator();
    for step in plan.steps {
        match step {
            Step::WebhookSecret { path, secret } => write_secret(&path, &secret)?,
            Step::Settings(values) => auth
                .store()
                .put_settings_overrides(&values, crate::clock::now_ms())
                .await
                .context("storing the settings")?,
            Step::CreateAdmin { email, link_file } => {
                if let Some(p) = &link_file {
                    check_new_secret_file("admin.setup_link_file", p)?;
                }
                let (user, link) = auth.provision_admin(&email).await.map_err(e)?;
                let valid = crate::domain::mail::RESET_LINK_TTL_MS / 60_000;
                match link_file {
                    Some(p) => {
                        write_secret(&p, &link)?;
                        println!(
                            "setup link for {} written to {} (works once, for {valid} minutes)",
                            user.email,
                            p.display()
                        );
                    }
                    None => println!(
                        "setup link for {} (works once, for {valid} minutes; shown this once): {link}",
                        user.email
                    ),
                }
                println!(
                    "the administration console also needs a second factor: enrol one (TOTP or \
                     a passkey) after setting the password"
                );
            }
            Step::MakeAdmin { email } => {
                auth.admin_set_role(&email, true).await.map_err(e)?;
                println!(
                    "the administration console also needs a second factor on {email}'s account"
                );
            }
            Step::CreateClient { spec, secret_file } => {
                if let Some(p) = &secret_file {
                    check_new_secret_file("client", p)?;
                }
                let made = auth.create_client(&spec, &by).await.map_err(e)?;
                if let (Some(p), Some(s)) = (&secret_file, &made.client_secret) {
                    write_secret(p, s)?;
                }
            }
            Step::UpdateClient { id, spec, secret_file } => {
                let made = auth.update_client(&id, &spec, &by).await.map_err(e)?;
                if let (Some(p), Some(s)) = (&secret_file, &made.client_secret) {
                    write_secret(p, s)?;
                }
            }
            Step::RotateSecret { id, secret_file } => {
                check_new_secret_file("client", &secret_file)?;
                let made = auth.rotate_client_secret(&id, &by).await.map_err(e)?;
                if let Some(s) = &made.client_secret {
                    write_secret(&secret_file, s)?;
                }
            }
            Step::CreateApiKey { name, scopes, secret_file } => {
                check_new_secret_file("api_key", &secret_file)?;
                let (_, plain) = auth.create_api_key(&name, &scopes).await.map_err(e)?;
                write_secret(&secret_file, &plain)?;
            }
            Step::CreateOrg { input, owner } => {
                auth.operator_create_org(input, UserRef::Email(&owner), &by, None)
                    .await
                    .map_err(e)?;
            }
            Step::UpdateOrg { slug, input } => {
                let org = org_id(auth, &slug).await?;
                auth.operator_update_org(&org, input, &by, None).await.map_err(e)?;
            }
            Step::SetMember { slug, email, role } => {
                let org = org_id(auth, &slug).await?;
                auth.operator_set_member(&org, UserRef::Email(&email), &role, &by, None)
                    .await
                    .map_err(e)?;
            }
        }
    }
    Ok(())
}

async fn org_id(auth: &Auth, slug: &str) -> anyhow::Result<String> {
    let org = auth.organization_with_slug(slug).await.map_err(AppError::into_anyhow)?;
    Ok(org.ok_or_else(|| anyhow::anyhow!("organization {slug:?} is gone"))?.id)
}

/// `portcullis provision plan|apply FILE`: `settings` are the process's (for the database),
/// `config_file` the `--config` given.
pub async fn run(
    settings: Settings,
    config_file: Option<&Path>,
    path: &Path,
    apply_it: bool,
) -> anyhow::Result<()> {
    let file = read(path)?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let base = if base.as_os_str().is_empty() { PathBuf::from(".") } else { base };
    let store = std::sync::Arc::new(crate::store::Store::connect(&settings.database_url).await?);
    store.migrate().await?;
    let stored = store.settings_overrides().await.context("reading the stored settings")?;
    let (next, mut plan) = plan_settings(&file, &base, config_file, &stored)?;
    let auth = Auth::new(std::sync::Arc::new(next), store).await?;
    plan_rest(&auth, &file, &base, &mut plan).await?;
    plan.print();
    let changes = plan.changes();
    if changes == 0 {
        println!("nothing to change");
    } else if apply_it {
        apply(&auth, plan).await?;
        println!("applied {changes} change{}", if changes == 1 { "" } else { "s" });
    } else {
        println!("{changes} change{} to apply", if changes == 1 { "" } else { "s" });
    }
    auth.close().await;
    Ok(())
}

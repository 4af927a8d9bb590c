//! The command line: its arguments, and what each command prints. `main.rs` parses and
//! calls [`main`]; the output and the exit codes are promised (CONTRACTS section 6).

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::domain::AuditEvent;
use crate::error::AppError;
use crate::{config::Settings, service::Auth, store::Store, App};

mod db;
mod org;

#[derive(Parser)]
#[command(name = "portcullis", version, about = "A user-authentication server")]
pub struct Cli {
    /// Configuration file (default: ./portcullis.toml when present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (migrates the database first). The default command.
    Serve {
        /// Dev mode: dev mailbox at /dev/mail, tokens in legacy reset responses.
        #[arg(long)]
        dev: bool,
        /// Listen address, IP:PORT or localhost:PORT, e.g. 127.0.0.1:8080.
        #[arg(long)]
        bind: Option<String>,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Print the OpenAPI document.
    Openapi,
    /// Show the configuration.
    Config {
        /// Every setting: its effective value (secrets masked) and where it came from.
        #[arg(long)]
        explain: bool,
        /// The README's table of every setting, with defaults and what each does.
        #[arg(long, conflicts_with = "explain")]
        markdown: bool,
    },
    /// Signing keys.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Import users with their password hashes from a seed service's database or a CSV file.
    Import {
        /// `sqlite://…`, `mysql://…`, or a CSV file path.
        #[arg(long)]
        from: String,
        #[arg(long, value_enum)]
        format: crate::import::Format,
        /// Mark every imported address as verified.
        #[arg(long)]
        verified: bool,
    },
    /// Print the audit log, oldest first.
    Audit {
        /// Only entries about this account or login identifier.
        #[arg(long)]
        user: Option<String>,
        /// How far back, e.g. 1h, 7d.
        #[arg(long, default_value = "24h")]
        since: String,
    },
    /// Administer users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Mail delivery.
    Mail {
        #[command(subcommand)]
        command: MailCommand,
    },
    /// The breached-password filter (docs/breached-passwords.md).
    Passwords {
        #[command(subcommand)]
        command: PasswordsCommand,
    },
    /// Keys of the admin API (`/api/admin`).
    ApiKey {
        #[command(subcommand)]
        command: ApiKeyCommand,
    },
    /// Applications that sign their users in through Portcullis (OpenID Connect clients).
    Client {
        #[command(subcommand)]
        command: Box<ClientCommand>,
    },
    /// Organisations and their members (docs/organizations.md), as the operator.
    Org {
        #[command(subcommand)]
        command: org::OrgCommand,
    },
    /// Provisioning as code (docs/provisioning.md): the first administrator, clients,
    /// organisations, API keys, webhooks and settings from a TOML file.
    Provision {
        #[command(subcommand)]
        command: ProvisionCommand,
    },
    /// Copy the database to another one, or back it up to an SQLite file
    /// (docs/backup-and-moving.md).
    Db {
        #[command(subcommand)]
        command: db::DbCommand,
    },
}

#[derive(Subcommand)]
enum ProvisionCommand {
    /// Print what applying FILE would change; changes nothing.
    Plan { file: PathBuf },
    /// Make FILE so (idempotent: a second apply changes nothing). Secrets go to the files the
    /// file names, never to the output.
    Apply { file: PathBuf },
}

/// A client's registration, as options (each may be repeated where it is a list).
#[derive(clap::Args)]
struct ClientArgs {
    /// What people see on the consent page.
    #[arg(long)]
    name: Option<String>,
    /// Where codes may be sent, matched exactly (repeat for more).
    #[arg(long = "redirect-uri")]
    redirect_uris: Vec<String>,
    /// Where the browser may be sent after an RP-initiated logout (repeat for more).
    #[arg(long = "post-logout-redirect-uri")]
    post_logout_redirect_uris: Vec<String>,
    /// authorization_code, refresh_token, client_credentials,
    /// urn:ietf:params:oauth:grant-type:device_code (repeat; default: the first two).
    #[arg(long = "grant")]
    grants: Vec<String>,
    /// Scopes it may ask for (repeat; default: openid profile email offline_access).
    #[arg(long = "scope")]
    scopes: Vec<String>,
    /// Receives a signed logout token when a session it holds a grant from ends.
    #[arg(long)]
    backchannel_logout_uri: Option<String>,
    /// A first-party application: no consent page.
    #[arg(long)]
    skip_consent: bool,
    /// client_secret_basic (default), client_secret_post, private_key_jwt or none.
    #[arg(long)]
    token_endpoint_auth_method: Option<String>,
    /// Where a private_key_jwt client publishes its keys.
    #[arg(long)]
    jwks_uri: Option<String>,
    /// RS256 (default), ES256 or EdDSA.
    #[arg(long)]
    id_token_signed_response_alg: Option<String>,
    /// A resource indicator (RFC 8707) it may ask tokens for, or a prefix written
    /// https://api.example.com/* (repeat for more).
    #[arg(long = "resource")]
    resources: Vec<String>,
    /// It must push its authorization requests (RFC 9126).
    #[arg(long)]
    require_par: bool,
}

impl ClientArgs {
    /// As a registration: only what was given (an update keeps the rest).
    fn spec(self, public: Option<bool>) -> crate::service::ClientSpec {
        let list = |v: Vec<String>| (!v.is_empty()).then_some(v);
        crate::service::ClientSpec {
            client_id: None,
            name: self.name,
            redirect_uris: list(self.redirect_uris),
            post_logout_redirect_uris: list(self.post_logout_redirect_uris),
            grant_types: list(self.grants),
            scopes: list(self.scopes),
            backchannel_logout_uri: self.backchannel_logout_uri,
            skip_consent: self.skip_consent.then_some(true),
            token_endpoint_auth_method: self.token_endpoint_auth_method,
            public,
            jwks_uri: self.jwks_uri,
            id_token_signed_response_alg: self.id_token_signed_response_alg,
            resources: list(self.resources),
            require_pushed_authorization_requests: self.require_par.then_some(true),
        }
    }
}

#[derive(Subcommand)]
enum ClientCommand {
    /// Register a client; prints it as JSON, with its secret (shown this once) if it has one.
    Create {
        #[command(flatten)]
        args: ClientArgs,
        /// A public client (a single-page or native app): no secret, PKCE required.
        #[arg(long)]
        public: bool,
        /// Choose the client_id (default: a random one).
        #[arg(long)]
        client_id: Option<String>,
    },
    /// Every client, as JSON lines.
    List,
    /// One client, as JSON.
    Show { client_id: String },
    /// Change a client: what is given replaces what was registered; the rest is kept.
    Update {
        client_id: String,
        #[command(flatten)]
        args: ClientArgs,
        /// Needs consent again (undoes --skip-consent).
        #[arg(long, conflicts_with = "skip_consent")]
        require_consent: bool,
    },
    /// A new secret; the old one stops working at once. Printed as JSON, shown this once.
    RotateSecret { client_id: String },
    /// Delete a client with every grant and token it holds.
    Delete { client_id: String },
    /// Initial access tokens for dynamic client registration
    /// (`PORTCULLIS_DYNAMIC_REGISTRATION=token`).
    #[command(subcommand)]
    RegistrationToken(RegistrationTokenCommand),
}

#[derive(Subcommand)]
enum RegistrationTokenCommand {
    /// Make a token; prints it as JSON with `token` (shown this once).
    Create {
        /// What it is for (shown in lists and the audit log).
        #[arg(long)]
        label: String,
        /// How long it works, e.g. `1h`, `7d`.
        #[arg(long, default_value = "7d", value_parser = crate::config::parse_duration)]
        expires_in: std::time::Duration,
        /// How many registrations it allows (default: any number until it expires).
        #[arg(long)]
        uses: Option<u32>,
    },
    /// Every token (never the tokens themselves), as JSON lines.
    List,
    /// Revoke a token by its id.
    Revoke { id: String },
}

#[derive(Subcommand)]
enum PasswordsCommand {
    /// Build a filter from FILE (`-`: standard input): one password per line, or one SHA-1 in
    /// hex per line (`HASH` or `HASH:COUNT`, as Have I Been Pwned publishes them). Memory stays
    /// bounded whatever the input's size (it is sharded on disk by the digest's first byte).
    /// Load it with PORTCULLIS_BREACHED_PASSWORDS_FILE.
    BuildFilter {
        file: String,
        /// Where to write the filter.
        #[arg(long, default_value = "breached-passwords.pcbf")]
        out: std::path::PathBuf,
        /// `auto`: a line of 40 hex digits is a SHA-1, any other a password; `passwords`: every
        /// line is a password; `sha1`: every line is a SHA-1 (others skipped).
        #[arg(long, default_value = "auto")]
        format: String,
    },
    /// Say whether the password on standard input is on the configured list (for checking a
    /// filter; nothing is sent anywhere). With `--file`, count how many of FILE's passwords (one
    /// per line) are on it, and how long a check takes.
    Check {
        #[arg(long)]
        file: Option<String>,
    },
}

#[derive(Subcommand)]
enum ApiKeyCommand {
    /// Make a key; it is printed this once (only its hash is kept).
    Create {
        /// What the key is for, e.g. "billing service".
        #[arg(long)]
        name: String,
        /// Comma-separated: users:read, users:write, sessions:write, audit:read, clients:read,
        /// clients:write, organizations:read, organizations:write.
        #[arg(long, value_delimiter = ',', required = true)]
        scopes: Vec<String>,
    },
    /// Every key: id, name, scopes, created, last used, revoked.
    List,
    /// Revoke a key: refused from the next call on, on every node.
    Revoke { id: String },
}

#[derive(Subcommand)]
enum MailCommand {
    /// Send a test message straight over SMTP and print the outcome in one line.
    Test { address: String },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Add a new EdDSA signing key; older keys stay in the JWKS until their last token has
    /// expired, then are retired.
    Rotate,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user; the password is read from standard input.
    Add {
        email: String,
        #[arg(long)]
        username: Option<String>,
        #[arg(long)]
        verified: bool,
    },
    /// List users.
    List,
    /// Disable an account: it can no longer log in, and its sessions end at once.
    Disable { email: String },
    /// Enable a disabled account.
    Enable { email: String },
    /// Delete an account with its sessions and tokens.
    Delete { email: String },
    /// End every session of an account (cookies and access tokens, on every node).
    RevokeSessions { email: String },
    /// Remove an account's second factors (TOTP, recovery codes and passkeys), e.g. after a lost phone.
    MfaReset { email: String },
    /// Let an account enter the administration console (`/admin/`; it also needs a second
    /// factor).
    MakeAdmin { email: String },
    /// Take the administration console's role from an account (its console sessions stop at
    /// their next request).
    RevokeAdmin { email: String },
}

/// Runs the parsed command on its own runtime; prints an error as one line.
pub fn main(cli: Cli) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(run(cli));
    // What still runs on the blocking pool now has no one to answer (a password hash whose
    // client went away): the server has drained, closed the pool and logged "stopped", so
    // the process ends now instead of when that work does (dropping the runtime waits for it).
    runtime.shutdown_background();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", crate::error::report(&e));
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let command = cli.command.unwrap_or(Command::Serve { dev: false, bind: None });
    let mut flags: Vec<(&str, String)> = Vec::new();
    if let Command::Serve { dev, bind } = &command {
        if *dev {
            flags.push(("PORTCULLIS_DEV", "true".into()));
        }
        if let Some(bind) = bind {
            flags.push(("PORTCULLIS_BIND", bind.clone()));
        }
    }
    if let Command::Openapi = command {
        println!("{}", serde_json::to_string_pretty(&crate::http::document())?);
        return Ok(());
    }
    if let Command::Passwords { command: PasswordsCommand::BuildFilter { file, out, format } } =
        &command
    {
        return build_filter(file, out, format);
    }
    // `db copy` and `db backup --from` name their databases: no configuration needed.
    let command = match command {
        Command::Db { command } if !command.needs_settings() => {
            return db::run(command, None).await
        }
        other => other,
    };
    if let Command::Config { markdown: true, .. } = command {
        print!("{}", crate::config::table::markdown());
        return Ok(());
    }
    let settings = Settings::load(cli.config.as_deref(), &flags)?;
    if let Command::Config { .. } = command {
        let settings = read_only_with_stored(cli.config.as_deref(), &flags, settings).await?;
        print!("{}", settings.explain());
        return Ok(());
    }
    // The check works where the database does not answer (docs/breached-passwords.md: with no
    // network at all): the stored settings are read when they can be, as for `config`.
    let settings = match command {
        Command::Passwords { command: PasswordsCommand::Check { .. } } => {
            read_only_with_stored(cli.config.as_deref(), &flags, settings).await?
        }
        _ => settings,
    };
    crate::telemetry::init(&settings);
    if let Command::Provision { command } = command {
        let (file, apply) = match command {
            ProvisionCommand::Plan { file } => (file, false),
            ProvisionCommand::Apply { file } => (file, true),
        };
        return crate::provision::run(settings, cli.config.as_deref(), &file, apply).await;
    }
    let settings = match command {
        Command::Passwords { command: PasswordsCommand::Check { .. } } => settings,
        _ => with_stored(cli.config.as_deref(), &flags, settings).await?,
    };
    for warning in &settings.warnings {
        tracing::warn!("{warning}");
    }
    match command {
        Command::Serve { .. } => App::build(settings).await?.run().await,
        Command::Migrate => {
            let store = Store::connect(&settings.database_url).await?;
            store.migrate().await?;
            let event = AuditEvent::AdminMigrate;
            crate::service::audit::record(&store, &crate::service::operator(), event).await;
            store.close().await;
            println!("migrations applied to {}", settings.database_url);
            Ok(())
        }
        Command::Openapi | Command::Config { .. } | Command::Provision { .. } => Ok(()),
        Command::Keys { command: KeysCommand::Rotate } => {
            let auth = auth(settings).await?;
            let rotation = auth.admin_rotate_keys().await.map_err(AppError::into_anyhow)?;
            println!("new signing key {}", rotation.kid);
            for kid in &rotation.retired {
                println!("retired key {kid}: every token it signed has expired");
            }
            println!("published keys: {}", rotation.kept.join(" "));
            Ok(())
        }
        Command::User { command } => user(settings, command).await,
        Command::ApiKey { command } => {
            let auth = auth(settings).await?;
            match command {
                ApiKeyCommand::Create { name, scopes } => {
                    let (key, plain) =
                        auth.create_api_key(&name, &scopes).await.map_err(AppError::into_anyhow)?;
                    eprintln!(
                        "created API key {} ({}) with {}; shown this once:",
                        key.id,
                        key.name,
                        key.scopes.join(", ")
                    );
                    println!("{plain}");
                }
                ApiKeyCommand::List => {
                    for k in auth.api_keys().await.map_err(AppError::into_anyhow)? {
                        let when = |t: Option<i64>| t.map_or("-".to_owned(), crate::clock::rfc3339);
                        println!(
                            "{}\t{}\t{}\tcreated {}\tlast used {}\trevoked {}",
                            k.id,
                            k.name,
                            k.scopes.join(","),
                            crate::clock::rfc3339(k.created_at),
                            when(k.last_used_at),
                            when(k.revoked_at),
                        );
                    }
                }
                ApiKeyCommand::Revoke { id } => {
                    auth.revoke_api_key(&id).await.map_err(AppError::into_anyhow)?;
                    println!("revoked API key {id}");
                }
            }
            Ok(())
        }
        Command::Client { command } => client(settings, *command).await,
        Command::Org { command } => org::run(&auth(settings).await?, command).await,
        Command::Db { command } => db::run(command, Some(settings.database_url.clone())).await,
        Command::Audit { user, since } => {
            let since = crate::config::parse_duration(&since)
                .map_err(|e| anyhow::anyhow!("--since: {e}"))?;
            let auth = auth(settings).await?;
            let from = crate::clock::now_ms() - since.as_millis() as i64;
            for e in auth.audit_log(from, user.as_deref()).await? {
                println!(
                    "{}\t{}\t{}\tuser={}\tid={}\tip={}\tua={:?}{}",
                    crate::clock::rfc3339(e.at),
                    e.event,
                    e.outcome,
                    e.user_id.as_deref().unwrap_or("-"),
                    e.identifier_hash.as_deref().map_or("-", |h| &h[..12.min(h.len())]),
                    e.ip.as_deref().unwrap_or("-"),
                    e.user_agent.as_deref().unwrap_or(""),
                    e.detail.map(|d| format!("\t{d}")).unwrap_or_default(),
                );
            }
            Ok(())
        }
        Command::Passwords { command: PasswordsCommand::BuildFilter { .. } } => Ok(()),
        Command::Passwords { command: PasswordsCommand::Check { file } } => {
            let list = &settings.password_policy.breached;
            if !list.is_on() {
                anyhow::bail!("breached-password screening is off (PORTCULLIS_BREACHED_PASSWORDS)")
            }
            match file {
                Some(file) => check_file(list, &file),
                None => {
                    let mut password = String::new();
                    std::io::stdin().read_to_string(&mut password)?;
                    let password = password.trim_end_matches(['\r', '\n']);
                    let normal = crate::domain::Password::normalize(password)
                        .ok_or_else(|| anyhow::anyhow!("over the hard bound"))?;
                    let found = list.contains(&normal);
                    println!("{}", if found { "breached" } else { "not on the list" });
                    Ok(())
                }
            }
        }
        Command::Mail { command: MailCommand::Test { address } } => {
            mail_test(&settings, &address).await
        }
        Command::Import { from, format, verified } => {
            let store = Store::connect(&settings.database_url).await?;
            store.migrate().await?;
            let report = crate::import::run(&store, &from, format, verified).await?;
            println!("{report}");
            Ok(())
        }
    }
}

/// `settings` with the database's stored settings (`provision apply`'s) as the layer above the
/// defaults (docs/provisioning.md). Migrates first, as every command that opens the database.
async fn with_stored(
    config_file: Option<&std::path::Path>,
    flags: &[(&str, String)],
    settings: Settings,
) -> anyhow::Result<Settings> {
    let store = Store::connect(&settings.database_url).await?;
    store.migrate().await?;
    let stored = store.settings_overrides().await;
    store.close().await;
    let stored = stored.map_err(|e| anyhow::anyhow!("reading the stored settings: {e}"))?;
    if stored.is_empty() {
        return Ok(settings);
    }
    Ok(Settings::load_with_stored(config_file, flags, &stored)?)
}

/// [`with_stored`] for `config` and `passwords check`, which change nothing: no SQLite file is
/// made, no migration run; a database they cannot read is said on standard error, and they go
/// on without its settings.
async fn read_only_with_stored(
    config_file: Option<&std::path::Path>,
    flags: &[(&str, String)],
    settings: Settings,
) -> anyhow::Result<Settings> {
    let url = settings.database_url.expose();
    if let Some(rest) = url.strip_prefix("sqlite:") {
        let path = rest.trim_start_matches("//").split('?').next().unwrap_or_default();
        if path.is_empty() || path.contains(":memory:") || !std::path::Path::new(path).exists() {
            return Ok(settings);
        }
    }
    let stored = match Store::connect(&settings.database_url).await {
        Ok(store) => {
            let stored = store.settings_overrides().await.map_err(anyhow::Error::from);
            store.close().await;
            stored
        }
        Err(e) => Err(e),
    };
    match stored {
        Ok(stored) if !stored.is_empty() => {
            Ok(Settings::load_with_stored(config_file, flags, &stored)?)
        }
        Ok(_) => Ok(settings),
        Err(e) => {
            eprintln!(
                "warning: the settings stored in the database (provision apply) are not read: {}",
                crate::error::report(&e)
            );
            Ok(settings)
        }
    }
}

async fn mail_test(settings: &Settings, address: &str) -> anyhow::Result<()> {
    let smtp = crate::mail::Smtp::from_settings(settings)?.ok_or_else(|| {
        anyhow::anyhow!("PORTCULLIS_SMTP_URL is not set: there is no SMTP server to test")
    })?;
    match smtp.send_test(address).await {
        Ok(answer) => {
            println!("ok: {address} accepted by {}: {answer}", smtp.endpoint());
            Ok(())
        }
        Err(e) => anyhow::bail!("sending to {address} through {} failed: {e}", smtp.endpoint()),
    }
}

async fn auth(settings: Settings) -> anyhow::Result<Auth> {
    let store = Arc::new(Store::connect(&settings.database_url).await?);
    store.migrate().await?;
    Auth::new(Arc::new(settings), store).await
}

async fn user(settings: Settings, command: UserCommand) -> anyhow::Result<()> {
    let auth = auth(settings).await?;
    match command {
        UserCommand::Add { email, username, verified } => {
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']);
            let user = auth
                .admin_add_user(&email, username.as_deref(), password, verified)
                .await
                .map_err(AppError::into_anyhow)?;
            println!("created user {} <{}>", user.id, user.email);
        }
        UserCommand::List => {
            for u in auth.users().await.map_err(AppError::into_anyhow)? {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    u.id,
                    u.email,
                    u.username.as_deref().unwrap_or("-"),
                    if u.is_active { "active" } else { "disabled" },
                    if u.email_verified { "verified" } else { "unverified" },
                );
            }
        }
        UserCommand::Disable { email } => {
            let (user, ended) =
                auth.admin_set_active(&email, false).await.map_err(AppError::into_anyhow)?;
            println!("disabled user {} <{}>; {ended} sessions ended", user.id, user.email);
        }
        UserCommand::Enable { email } => {
            let (user, _) =
                auth.admin_set_active(&email, true).await.map_err(AppError::into_anyhow)?;
            println!("enabled user {} <{}>", user.id, user.email);
        }
        UserCommand::Delete { email } => {
            let user = auth.admin_delete_user(&email).await.map_err(AppError::into_anyhow)?;
            println!("deleted user {} <{}> with its sessions", user.id, user.email);
        }
        UserCommand::MfaReset { email } => {
            let (user, removed) =
                auth.admin_reset_mfa(&email).await.map_err(AppError::into_anyhow)?;
            let what =
                if removed { "removed the second factors of" } else { "no second factor on" };
            println!("{what} user {} <{}>", user.id, user.email);
        }
        UserCommand::MakeAdmin { email } => {
            let (user, changed) =
                auth.admin_set_role(&email, true).await.map_err(AppError::into_anyhow)?;
            let what =
                if changed { "is now an administrator" } else { "already was an administrator" };
            println!("user {} <{}> {what}", user.id, user.email);
        }
        UserCommand::RevokeAdmin { email } => {
            let (user, changed) =
                auth.admin_set_role(&email, false).await.map_err(AppError::into_anyhow)?;
            let what =
                if changed { "is no longer an administrator" } else { "was not an administrator" };
            println!("user {} <{}> {what}", user.id, user.email);
        }
        UserCommand::RevokeSessions { email } => {
            let (user, n) =
                auth.admin_revoke_sessions(&email).await.map_err(AppError::into_anyhow)?;
            println!("revoked {n} sessions of user {} <{}>", user.id, user.email);
        }
    }
    auth.close().await;
    Ok(())
}

/// `portcullis client ...`: JSON on standard output, one object (or one per line for `list`).
async fn client(settings: Settings, command: ClientCommand) -> anyhow::Result<()> {
    use crate::service::ClientView;
    let auth = auth(settings).await?;
    let by = crate::service::operator();
    let print = |v: &ClientView| -> anyhow::Result<()> {
        println!("{}", serde_json::to_string(v)?);
        Ok(())
    };
    match command {
        ClientCommand::Create { args, public, client_id } => {
            let mut spec = args.spec(public.then_some(true));
            spec.client_id = client_id;
            let made = auth.create_client(&spec, &by).await.map_err(AppError::into_anyhow)?;
            print(&made.into())?;
        }
        ClientCommand::List => {
            for c in auth.clients().await.map_err(AppError::into_anyhow)? {
                print(&ClientView::new(&c, None))?;
            }
        }
        ClientCommand::Show { client_id } => {
            let c = auth.client(&client_id).await.map_err(AppError::into_anyhow)?;
            print(&ClientView::new(&c, None))?;
        }
        ClientCommand::Update { client_id, args, require_consent } => {
            let mut spec = args.spec(None);
            if require_consent {
                spec.skip_consent = Some(false);
            }
            let changed =
                auth.update_client(&client_id, &spec, &by).await.map_err(AppError::into_anyhow)?;
            print(&changed.into())?;
        }
        ClientCommand::RotateSecret { client_id } => {
            let rotated =
                auth.rotate_client_secret(&client_id, &by).await.map_err(AppError::into_anyhow)?;
            print(&rotated.into())?;
        }
        ClientCommand::Delete { client_id } => {
            auth.delete_client(&client_id, &by).await.map_err(AppError::into_anyhow)?;
            eprintln!("deleted client {client_id}");
        }
        ClientCommand::RegistrationToken(command) => registration_token(&auth, command).await?,
    }
    Ok(())
}

/// `portcullis client registration-token ...`.
async fn registration_token(
    auth: &crate::service::Auth,
    command: RegistrationTokenCommand,
) -> anyhow::Result<()> {
    let by = crate::service::operator();
    let view = |t: &crate::store::InitialToken| {
        serde_json::json!({
            "id": t.id,
            "label": t.label,
            "created_at": crate::clock::rfc3339(t.created_at),
            "expires_at": crate::clock::rfc3339(t.expires_at),
            "uses_left": t.uses_left,
        })
    };
    match command {
        RegistrationTokenCommand::Create { label, expires_in, uses } => {
            let (made, token) = auth
                .create_initial_token(&label, expires_in, uses, &by)
                .await
                .map_err(AppError::into_anyhow)?;
            let mut out = view(&made);
            out["token"] = token.into();
            println!("{out}");
        }
        RegistrationTokenCommand::List => {
            for t in auth.initial_tokens().await.map_err(AppError::into_anyhow)? {
                println!("{}", view(&t));
            }
        }
        RegistrationTokenCommand::Revoke { id } => {
            auth.revoke_initial_token(&id, &by).await.map_err(AppError::into_anyhow)?;
            eprintln!("revoked registration token {id}");
        }
    }
    Ok(())
}

/// `portcullis passwords build-filter`: reads the input once, prints what it built and the
/// process's peak memory.
fn build_filter(file: &str, out: &std::path::Path, format: &str) -> anyhow::Result<()> {
    use crate::auth::breached::InputFormat;
    use std::io::BufRead;
    let format = match format {
        "auto" => InputFormat::Auto,
        "passwords" => InputFormat::Passwords,
        "sha1" => InputFormat::Sha1,
        _ => anyhow::bail!("--format is auto, passwords or sha1"),
    };
    let input: Box<dyn BufRead> = if file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let f =
            std::fs::File::open(file).map_err(|e| anyhow::anyhow!("cannot open {file}: {e}"))?;
        Box::new(std::io::BufReader::with_capacity(1 << 20, f))
    };
    let started = std::time::Instant::now();
    let scratch = crate::auth::breached::scratch_for(out);
    let report = crate::auth::breached::build(input, format, out, &scratch)?;
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l[6..].trim().to_owned()))
        .unwrap_or_else(|| "unknown".into());
    println!(
        "{}: {} lines, {} distinct passwords, {} bytes ({:.1} bits each), largest shard {} keys, \
         {:.1} s, peak memory {peak}",
        out.display(),
        report.lines,
        report.keys,
        report.bytes,
        report.bytes as f64 * 8.0 / report.keys.max(1) as f64,
        report.largest_shard,
        started.elapsed().as_secs_f64(),
    );
    Ok(())
}

/// `portcullis passwords check --file`: how many of the file's passwords the list holds, and
/// the time a check takes (normalising, SHA-1 and the lookup).
fn check_file(list: &crate::domain::Blocklist, file: &str) -> anyhow::Result<()> {
    let text = std::fs::read(file).map_err(|e| anyhow::anyhow!("cannot read {file}: {e}"))?;
    let lines: Vec<String> = text
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| match std::str::from_utf8(l) {
            Ok(s) => s.to_owned(),
            Err(_) => l.iter().map(|&c| char::from(c)).collect(),
        })
        .collect();
    let started = std::time::Instant::now();
    let (mut found, mut checked) = (0u64, 0u64);
    for line in &lines {
        let Some(p) = crate::domain::Password::normalize(line) else { continue };
        checked += 1;
        found += u64::from(list.contains(&p));
    }
    let took = started.elapsed();
    println!(
        "{found} of {checked} passwords on the list ({} missing); {:.0} ns a check",
        checked - found,
        took.as_nanos() as f64 / checked.max(1) as f64
    );
    Ok(())
}

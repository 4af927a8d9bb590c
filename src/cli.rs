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
    /// Keys of the admin API (`/api/admin`).
    ApiKey {
        #[command(subcommand)]
        command: ApiKeyCommand,
    },
}

#[derive(Subcommand)]
enum ApiKeyCommand {
    /// Make a key; it is printed this once (only its hash is kept).
    Create {
        /// What the key is for, e.g. "billing service".
        #[arg(long)]
        name: String,
        /// Comma-separated: users:read, users:write, sessions:write, audit:read.
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
    if let Command::Config { markdown: true, .. } = command {
        print!("{}", crate::config::table::markdown());
        return Ok(());
    }
    let settings = Settings::load(cli.config.as_deref(), &flags)?;
    if let Command::Config { .. } = command {
        print!("{}", settings.explain());
        return Ok(());
    }
    crate::telemetry::init(&settings);
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
        Command::Openapi | Command::Config { .. } => Ok(()),
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
        UserCommand::RevokeSessions { email } => {
            let (user, n) =
                auth.admin_revoke_sessions(&email).await.map_err(AppError::into_anyhow)?;
            println!("revoked {n} sessions of user {} <{}>", user.id, user.email);
        }
    }
    auth.close().await;
    Ok(())
}

//! Portcullis: a user-authentication server.
//!
//! Dependencies point one way: `http -> service -> {auth, store, mail} -> domain`.

pub mod app;
pub mod auth;
pub mod backchannel;
pub mod cli;
pub mod clock;
pub mod config;
pub mod delivery;
pub mod domain;
pub mod error;
pub mod housekeeping;
pub mod http;
pub mod i18n;
pub mod import;
pub mod limit;
pub mod mail;
pub mod metrics;
pub mod notify;
pub mod provision;
pub mod service;
pub mod store;
pub mod telemetry;
pub mod webhooks;

/// The product's name, as mail subjects, authenticator apps, passkey prompts and outgoing
/// requests' `User-Agent` show it.
pub const PRODUCT: &str = "Portcullis";

pub use app::App;
pub use config::Settings;

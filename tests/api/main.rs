//! HTTP tests: a real server on port 0 per test, on every database backend.

#![allow(clippy::unwrap_used)]

mod helpers;

mod admin;
mod admin_api;
mod agents;
mod breached;
mod browser;
mod cli;
mod compat;
mod console;
mod console_screens_a;
mod console_screens_b;
mod console_twins;
mod device;
mod docs;
mod email_login;
mod errors;
mod factor_fences;
mod hardening;
mod import;
mod keys;
mod languages;
mod legacy_alx;
mod legacy_api_v1;
mod legacy_root;
mod limits;
mod login;
mod mail;
mod mcp;
mod metadata_documents;
mod mfa;
mod nodes;
mod notify;
mod oauth;
mod ops;
mod org_admin;
mod orgs;
mod passkeys;
mod profile;
mod provider;
mod provider_admin;
mod provider_clients;
mod provider_interop;
mod register;
mod registration;
mod schema;
mod security;
mod sessions;
mod tokens;
mod unproven;
mod webhooks;
mod write_budget;

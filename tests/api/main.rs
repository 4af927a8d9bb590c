//! HTTP tests: a real server on port 0 per test, on every database backend.

#![allow(clippy::unwrap_used)]

mod helpers;

mod errors;
mod keys;
mod login;
mod profile;
mod register;
mod sessions;
mod tokens;

//! Dynamic client registration's rows (RFC 7591, RFC 7592): which clients registered
//! themselves, the hash of each one's registration access token, and the initial access
//! tokens an operator hands out when registration needs one.

use super::row::Text;
use super::{Audit, Result, Store};
use crate::domain::OAuthClient;

/// An initial access token as the command line lists it (never the token itself).
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct InitialToken {
    #[sqlx(try_from = "Text")]
    pub id: String,
    #[sqlx(try_from = "Text")]
    pub label: String,
    pub created_at: i64,
    pub expires_at: i64,
    /// Registrations it may still make; `None`: any number until it expires.
    pub uses_left: Option<i64>,
}

impl Store {
    /// Writes a client that registered itself, with the hash of its registration access token.
    pub async fn insert_registered_client(
        &self,
        c: &OAuthClient,
        secret_hash: Option<&str>,
        registration_hash: &str,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        self.insert_client_in(&mut tx, c, secret_hash).await?;
        self.q("INSERT INTO oauth_client_registrations (client_id, token_hash, created_at) \
                VALUES ($1, $2, $3)")
            .bind(c.client_id.clone())
            .bind(registration_hash.to_owned())
            .bind(c.created_at)
            .execute(self.on(&mut *tx))
            .await?;
        self.commit(tx).await?;
        Ok(())
    }

    /// Whether `token_hash` is the registration access token of `client_id`.
    pub async fn registration_token_matches(
        &self,
        client_id: &str,
        token_hash: &str,
    ) -> Result<bool> {
        let found: Option<i64> = self
            .q_scalar(
                "SELECT created_at FROM oauth_client_registrations \
                   WHERE client_id = $1 AND token_hash = $2",
            )
            .bind(client_id.to_owned())
            .bind(token_hash.to_owned())
            .fetch_optional(self.db())
            .await?;
        Ok(found.is_some())
    }

    /// Stores an initial access token (its hash).
    pub async fn insert_initial_token(&self, t: &InitialToken, token_hash: &str) -> Result<()> {
        self.q("INSERT INTO oauth_initial_tokens (id, token_hash, label, created_at, expires_at, \
                uses_left) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(t.id.clone())
            .bind(token_hash.to_owned())
            .bind(t.label.clone())
            .bind(t.created_at)
            .bind(t.expires_at)
            .bind(t.uses_left)
            .execute(self.db())
            .await?;
        Ok(())
    }

    pub async fn initial_tokens(&self) -> Result<Vec<InitialToken>> {
        Ok(self
            .q_as(
                "SELECT id, label, created_at, expires_at, uses_left FROM oauth_initial_tokens \
                   ORDER BY created_at, id",
            )
            .fetch_all(self.db())
            .await?)
    }

    /// Spends one use of the initial access token `token_hash`: `false` when it is unknown,
    /// expired or used up. One statement, so two registrations cannot share the last use.
    pub async fn spend_initial_token(&self, token_hash: &str, now: i64) -> Result<bool> {
        let n = self
            .q("UPDATE oauth_initial_tokens SET uses_left = uses_left - 1 \
                WHERE token_hash = $1 AND expires_at > $2 \
                AND (uses_left IS NULL OR uses_left > 0)")
            .bind(token_hash.to_owned())
            .bind(now)
            .execute(self.db())
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Deletes an initial access token. `false`: no such token.
    pub async fn delete_initial_token(&self, id: &str, audit: &mut Audit) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = self
            .q("DELETE FROM oauth_initial_tokens WHERE id = $1")
            .bind(id.to_owned())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        self.commit_change(tx, None, audit).await?;
        Ok(true)
    }
}

//! Clients known by their metadata document (draft-ietf-oauth-client-id-metadata-document):
//! the `oauth_clients` row written from the document (`managed_by` `document`; grants
//! and consents reference it like any client's) and, in `oauth_client_documents`, when the copy
//! was fetched and when it goes stale. Every node reads the same copy; whichever finds it stale
//! fetches it again and rewrites both rows.

use super::provider::StoredClient;
use super::{is_unique_violation, Result, Store};
use crate::domain::client::MANAGED_BY_METADATA_DOCUMENT;
use crate::domain::OAuthClient;

/// Clients known by a metadata document that went stale before `$1`, with no grant or consent
/// left: nobody uses them, and the next use fetches the document again (the document row goes
/// with its client: its foreign key cascades). Run by housekeeping, so the clients of URLs
/// that were tried once (anyone can make up such URLs) do not pile up.
pub(super) const STALE_DOCUMENT_CLIENTS: &str = "DELETE FROM oauth_clients WHERE client_id IN \
    (SELECT client_id FROM (SELECT d.client_id FROM oauth_client_documents d \
    WHERE d.expires_at < $1 \
    AND NOT EXISTS (SELECT 1 FROM oauth_grants g WHERE g.client_id = d.client_id) \
    AND NOT EXISTS (SELECT 1 FROM oauth_consents c WHERE c.client_id = d.client_id) \
    LIMIT 500) AS batch)";

impl Store {
    /// The client known by the metadata document at `client_id`, with when its copy goes stale
    /// (`None`: the time is unknown, so it is stale). `Ok(None)`: never fetched, or forgotten.
    pub async fn document_client(
        &self,
        client_id: &str,
    ) -> Result<Option<(StoredClient, Option<i64>)>> {
        let Some(stored) = self.client(client_id).await? else { return Ok(None) };
        if stored.client.managed_by != MANAGED_BY_METADATA_DOCUMENT {
            return Ok(None);
        }
        let expires_at: Option<i64> = self
            .q_scalar("SELECT expires_at FROM oauth_client_documents WHERE client_id = $1")
            .bind(client_id.to_owned())
            .fetch_optional(self.db())
            .await?;
        Ok(Some((stored, expires_at)))
    }

    /// Writes the client a metadata document describes (created, or rewritten in place with
    /// its grants and consents kept) and when the copy was fetched and goes stale. Two nodes
    /// writing the same new client at once: the second rewrites what the first made.
    pub async fn save_document_client(
        &self,
        c: &OAuthClient,
        fetched_at: i64,
        expires_at: i64,
    ) -> Result<()> {
        match self.try_save_document_client(c, fetched_at, expires_at).await {
            Err(super::StoreError::Database(e)) if is_unique_violation(&e) => {
                self.try_save_document_client(c, fetched_at, expires_at).await
            }
            other => other,
        }
    }

    async fn try_save_document_client(
        &self,
        c: &OAuthClient,
        fetched_at: i64,
        expires_at: i64,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        // `created_at` is kept; a document client never has a secret.
        let n = self
            .q("UPDATE oauth_clients SET name = $1, secret_hash = NULL, auth_method = $2, \
                redirect_uris = $3, post_logout_redirect_uris = $4, grant_types = $5, \
                scopes = $6, backchannel_logout_uri = NULL, skip_consent = 0, jwks_uri = NULL, \
                id_token_alg = $7, updated_at = $8 WHERE client_id = $9 AND managed_by = $10")
            .bind(c.name.clone())
            .bind(c.auth_method.as_str())
            .bind(c.redirect_uris.join(" "))
            .bind(c.post_logout_redirect_uris.join(" "))
            .bind(c.grant_types.join(" "))
            .bind(c.scopes.join(" "))
            .bind(c.id_token_alg.clone())
            .bind(c.updated_at)
            .bind(c.client_id.clone())
            .bind(MANAGED_BY_METADATA_DOCUMENT)
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n == 0 {
            self.insert_client_in(&mut tx, c, None).await?;
        }
        let n = self
            .q("UPDATE oauth_client_documents SET fetched_at = $1, expires_at = $2 \
                WHERE client_id = $3")
            .bind(fetched_at)
            .bind(expires_at)
            .bind(c.client_id.clone())
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n == 0 {
            self.q("INSERT INTO oauth_client_documents (client_id, fetched_at, expires_at) \
                    VALUES ($1, $2, $3)")
                .bind(c.client_id.clone())
                .bind(fetched_at)
                .bind(expires_at)
                .execute(self.on(&mut *tx))
                .await?;
        }
        self.commit(tx).await?;
        Ok(())
    }
}

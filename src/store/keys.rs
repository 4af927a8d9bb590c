//! Access-token signing keys, shared by every node through the database.

use super::Result;
use super::{text, Store};
use crate::domain::SigningKeyRecord;
use sqlx::Row;

impl Store {
    pub async fn signing_keys(&self) -> Result<Vec<SigningKeyRecord>> {
        let rows = self
            .q("SELECT kid, private_pkcs8, created_at FROM signing_keys WHERE algorithm = 'EdDSA' \
                ORDER BY created_at, kid")
            .fetch_all(self.db())
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(SigningKeyRecord {
                kid: text(&row, "kid")?,
                private_pkcs8: text(&row, "private_pkcs8")?,
                created_at: row.try_get("created_at")?,
            });
        }
        Ok(out)
    }

    pub async fn insert_signing_key(&self, key: &SigningKeyRecord) -> Result<()> {
        self.q("INSERT INTO signing_keys (kid, algorithm, private_pkcs8, created_at) \
                VALUES ($1, 'EdDSA', $2, $3)")
            .bind(key.kid.clone())
            .bind(key.private_pkcs8.clone())
            .bind(key.created_at)
            .execute(self.db())
            .await?;
        Ok(())
    }

    /// Replaces a key's stored private half by its sealed form (same key, encrypted at rest).
    pub async fn seal_signing_key(&self, kid: &str, sealed: &str) -> Result<()> {
        self.q("UPDATE signing_keys SET private_pkcs8 = $1 WHERE kid = $2")
            .bind(sealed.to_owned())
            .bind(kid.to_owned())
            .execute(self.db())
            .await?;
        Ok(())
    }
}

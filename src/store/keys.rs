//! Access-token signing keys, shared by every node through the database.

use super::row::Text;
use super::Result;
use super::Store;
use crate::domain::SigningKeyRecord;

/// A row of `signing_keys` (no `Debug`: it holds the private half, sealed or not).
#[derive(sqlx::FromRow)]
struct SigningKeyRow {
    #[sqlx(try_from = "Text")]
    kid: String,
    #[sqlx(try_from = "Text")]
    private_pkcs8: String,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct AlgorithmKeyRow {
    #[sqlx(try_from = "Text")]
    algorithm: String,
    #[sqlx(flatten)]
    key: SigningKeyRow,
}

impl From<SigningKeyRow> for SigningKeyRecord {
    fn from(r: SigningKeyRow) -> Self {
        Self { kid: r.kid, private_pkcs8: r.private_pkcs8, created_at: r.created_at }
    }
}

impl Store {
    pub async fn signing_keys(&self) -> Result<Vec<SigningKeyRecord>> {
        let rows: Vec<SigningKeyRow> = self
            .q_as(
                "SELECT kid, private_pkcs8, created_at FROM signing_keys \
                 WHERE algorithm = 'EdDSA' ORDER BY created_at, kid",
            )
            .fetch_all(self.db())
            .await?;
        Ok(rows.into_iter().map(SigningKeyRecord::from).collect())
    }

    /// Every signing key with its algorithm (`EdDSA`, `RS256`, `ES256`): the provider's set.
    pub async fn all_signing_keys(&self) -> Result<Vec<(String, SigningKeyRecord)>> {
        let rows: Vec<AlgorithmKeyRow> = self
            .q_as(
                "SELECT algorithm, kid, private_pkcs8, created_at FROM signing_keys \
                 ORDER BY created_at, kid",
            )
            .fetch_all(self.db())
            .await?;
        Ok(rows.into_iter().map(|r| (r.algorithm, SigningKeyRecord::from(r.key))).collect())
    }

    /// Stores a key of the provider's (`RS256`, `ES256`; `EdDSA` keys are [`Self::insert_signing_key`]).
    pub async fn insert_signing_key_for(
        &self,
        algorithm: &str,
        key: &SigningKeyRecord,
    ) -> Result<()> {
        self.q("INSERT INTO signing_keys (kid, algorithm, private_pkcs8, created_at) \
                VALUES ($1, $2, $3, $4)")
            .bind(key.kid.clone())
            .bind(algorithm.to_owned())
            .bind(key.private_pkcs8.clone())
            .bind(key.created_at)
            .execute(self.db())
            .await?;
        Ok(())
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

//! Settings overrides (`settings_overrides`, migration 0029): written by
//! `portcullis provision apply`, read at start as the layer above the defaults and below
//! `portcullis.toml`, `.env` and the environment (docs/provisioning.md).

use super::row::Text;
use super::{Result, Store};

#[derive(sqlx::FromRow)]
struct OverrideRow {
    #[sqlx(try_from = "Text")]
    name: String,
    #[sqlx(try_from = "Text")]
    value: String,
}

impl Store {
    /// Every stored override, `(name, value)` by name.
    pub async fn settings_overrides(&self) -> Result<Vec<(String, String)>> {
        let rows: Vec<OverrideRow> = self
            .q_as("SELECT name, value FROM settings_overrides ORDER BY name")
            .fetch_all(self.db())
            .await?;
        Ok(rows.into_iter().map(|r| (r.name, r.value)).collect())
    }

    /// Sets each `(name, value)`, replacing a stored one, in one transaction.
    pub async fn put_settings_overrides(
        &self,
        values: &[(String, String)],
        now: i64,
    ) -> Result<()> {
        if values.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin().await?;
        for (name, value) in values {
            self.q("DELETE FROM settings_overrides WHERE name = $1")
                .bind(name.clone())
                .execute(self.on(&mut *tx))
                .await?;
            self.q("INSERT INTO settings_overrides (name, value, updated_at) VALUES ($1, $2, $3)")
                .bind(name.clone())
                .bind(value.clone())
                .bind(now)
                .execute(self.on(&mut *tx))
                .await?;
        }
        self.commit(tx).await?;
        Ok(())
    }

    /// Stores a one-time token that no mail carries (the setup link `provision apply` prints).
    pub async fn insert_unmailed_token(&self, token: &super::NewToken) -> Result<()> {
        let mut tx = self.begin().await?;
        self.insert_token(&mut tx, token).await?;
        self.commit(tx).await?;
        Ok(())
    }
}

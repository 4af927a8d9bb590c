//! Re-keying: when the normalisation behind email and username keys changes
//! ([`crate::domain::KEY_VERSION`]), rows keyed by the older one are brought up to date at
//! start, in batches of 500 by id (so a large table costs one index range per batch). Rows
//! whose keys come out the same (most of them: plain ASCII addresses) only get the new
//! version, one statement per batch.

use super::row::{NullableText, Text};
use super::{is_unique_violation, Result, Store};

const BATCH: i64 = 500;

/// A user's address and username with the keys stored for them.
#[derive(sqlx::FromRow)]
struct KeyedUser {
    #[sqlx(try_from = "Text")]
    id: String,
    #[sqlx(try_from = "Text")]
    email: String,
    #[sqlx(try_from = "Text")]
    email_key: String,
    #[sqlx(try_from = "NullableText")]
    username: Option<String>,
    #[sqlx(try_from = "NullableText")]
    username_key: Option<String>,
    #[sqlx(try_from = "NullableText")]
    username_skeleton: Option<String>,
}

impl Store {
    /// Re-keys users whose keys an older normalisation made: email and username keys, and
    /// the username skeleton. A row whose new key collides with another account's keeps its
    /// old key (and no skeleton), with a warning. Returns how many rows changed keys.
    pub async fn rekey_users(&self) -> Result<u64> {
        use crate::domain::{email_key, username_key, Username, KEY_VERSION};
        let mut changed = 0;
        let mut after = String::new();
        loop {
            let rows: Vec<KeyedUser> = self
                .q_as(
                    "SELECT id, email, email_key, username, username_key, username_skeleton \
                     FROM users WHERE key_version < $1 AND id > $2 ORDER BY id LIMIT $3",
                )
                .bind(KEY_VERSION)
                .bind(after.clone())
                .bind(BATCH)
                .fetch_all(self.db())
                .await?;
            let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
                return Ok(changed);
            };
            let (first, last) = (first.id.clone(), last.id.clone());
            for row in rows {
                let username = row.username.as_deref();
                let keys = (
                    email_key(&row.email),
                    username.map(username_key),
                    username.and_then(|u| Username::parse(u).ok()).map(|u| u.skeleton()),
                );
                let stored = (row.email_key, row.username_key, row.username_skeleton);
                if keys != stored {
                    self.rekey_one(&row.id, keys).await?;
                    changed += 1;
                }
            }
            self.q("UPDATE users SET key_version = $1 WHERE key_version < $2 AND id >= $3 \
                    AND id <= $4")
                .bind(KEY_VERSION)
                .bind(KEY_VERSION)
                .bind(first)
                .bind(last.clone())
                .execute(self.db())
                .await?;
            after = last;
        }
    }

    /// Writes one row's new keys; without the skeleton if only that collides, and not at all
    /// if the keys themselves collide with another account's.
    async fn rekey_one(
        &self,
        id: &str,
        (email_key, username_key, skeleton): (String, Option<String>, Option<String>),
    ) -> Result<()> {
        for skeleton in [skeleton, None] {
            let result = self
                .q("UPDATE users SET email_key = $1, username_key = $2, username_skeleton = $3 \
                    WHERE id = $4")
                .bind(email_key.clone())
                .bind(username_key.clone())
                .bind(skeleton)
                .bind(id.to_owned())
                .execute(self.db())
                .await;
            match result {
                Ok(_) => return Ok(()),
                Err(e) if is_unique_violation(&e) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        tracing::warn!(user_id = %id, "re-keying would collide with another account; old keys kept");
        Ok(())
    }
}

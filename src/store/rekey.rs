//! Re-keying: when the normalisation behind email and username keys changes
//! ([`crate::domain::KEY_VERSION`]), rows keyed by the older one are brought up to date at
//! start.

use super::{is_unique_violation, opt_text, text, Result, Store};

impl Store {
    /// Re-keys users whose keys an older normalisation made ([`crate::domain::KEY_VERSION`]):
    /// email and username keys, and the username skeleton. A row whose new key collides with
    /// another account's keeps its old key (and no skeleton), with a warning. Runs at start;
    /// returns how many rows it re-keyed.
    pub async fn rekey_users(&self) -> Result<u64> {
        use crate::domain::{email_key, username_key, Username, KEY_VERSION};
        let mut done = 0;
        loop {
            let rows = self
                .q("SELECT id, email, username FROM users WHERE key_version < $1 LIMIT 500")
                .bind(KEY_VERSION)
                .fetch_all(self.db())
                .await?;
            if rows.is_empty() {
                return Ok(done);
            }
            for row in rows {
                let id = text(&row, "id")?;
                let email = text(&row, "email")?;
                let username = opt_text(&row, "username")?;
                let skeleton =
                    username.as_deref().and_then(|u| Username::parse(u).ok()).map(|u| u.skeleton());
                let keys = (email_key(&email), username.as_deref().map(username_key));
                let attempts = [(Some(&keys), skeleton.clone()), (Some(&keys), None), (None, None)];
                for (new_keys, skeleton) in attempts {
                    let result = match new_keys {
                        Some((ek, uk)) => {
                            self.q("UPDATE users SET email_key = $1, username_key = $2, \
                                    username_skeleton = $3, key_version = $4 WHERE id = $5")
                                .bind(ek.clone())
                                .bind(uk.clone())
                                .bind(skeleton)
                                .bind(KEY_VERSION)
                                .bind(id.clone())
                                .execute(self.db())
                                .await
                        }
                        None => {
                            tracing::warn!(user_id = %id, "re-keying would collide with another account; old keys kept");
                            self.q("UPDATE users SET username_skeleton = NULL, key_version = $1 \
                                    WHERE id = $2")
                                .bind(KEY_VERSION)
                                .bind(id.clone())
                                .execute(self.db())
                                .await
                        }
                    };
                    match result {
                        Ok(_) => break,
                        Err(e) if is_unique_violation(&e) => continue,
                        Err(e) => return Err(e.into()),
                    }
                }
                done += 1;
            }
        }
    }
}

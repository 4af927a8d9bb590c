//! The device authorization grant's rows (RFC 8628, docs/provider.md): one per device
//! authorization request, found by the hash of its device code (the device polling) or of its
//! user code (the person on the verification page). Every change is one conditional `UPDATE`,
//! so two nodes, or a poll racing the person's decision, can never both act on one request.

use super::row::{NullableText, Text};
use super::{Audit, Grant, LiveGrant, Result, Store};

/// A device authorization request to write.
pub struct NewDeviceCode {
    pub device_hash: String,
    pub user_code_hash: String,
    pub client_id: String,
    pub scope: String,
    pub now: i64,
    pub expires_at: i64,
    /// Seconds the device must wait between two polls.
    pub interval: i64,
}

/// A request still waiting for the person's decision, as the verification page shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingDevice {
    #[sqlx(try_from = "Text")]
    pub client_id: String,
    #[sqlx(try_from = "Text")]
    pub scope: String,
}

/// What a poll of the token endpoint found.
#[derive(Debug)]
pub enum DevicePoll {
    /// Not decided yet, and polled no sooner than the interval (`authorization_pending`).
    Pending,
    /// Not decided yet, and polled too soon: the interval has grown (`slow_down`).
    SlowDown,
    /// The person allowed it: the device code is spent now, and this is its grant (still in
    /// force: not revoked, its user active).
    Approved(Box<LiveGrant>),
    /// The person denied it (`access_denied`).
    Denied,
    /// It has expired undecided or unexchanged (`expired_token`).
    Expired,
    /// Unknown, another client's, exchanged already, or its grant has ended (`invalid_grant`).
    Invalid,
}

#[derive(sqlx::FromRow)]
struct DeviceRow {
    #[sqlx(try_from = "Text")]
    client_id: String,
    expires_at: i64,
    #[sqlx(try_from = "NullableText")]
    grant_id: Option<String>,
    denied_at: Option<i64>,
    used_at: Option<i64>,
}

impl Store {
    /// Writes a device authorization request. `false`: its user code is taken (a request not
    /// yet swept has it); nothing is written, and the caller draws another.
    pub async fn insert_device_code(&self, c: &NewDeviceCode) -> Result<bool> {
        let inserted = self
            .q("INSERT INTO oauth_device_codes (device_hash, user_code_hash, client_id, scope, \
                created_at, expires_at, poll_interval) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(c.device_hash.clone())
            .bind(c.user_code_hash.clone())
            .bind(c.client_id.clone())
            .bind(c.scope.clone())
            .bind(c.now)
            .bind(c.expires_at)
            .bind(c.interval)
            .execute(self.db())
            .await;
        match inserted {
            Ok(_) => Ok(true),
            Err(e) if super::is_unique_violation(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// The undecided, unexpired request whose user code hashes to `user_code_hash`, if any.
    pub async fn pending_device_code(
        &self,
        user_code_hash: &str,
        now: i64,
    ) -> Result<Option<PendingDevice>> {
        Ok(self
            .q_as(
                "SELECT client_id, scope FROM oauth_device_codes WHERE user_code_hash = $1 \
                   AND expires_at > $2 AND grant_id IS NULL AND denied_at IS NULL \
                   AND used_at IS NULL",
            )
            .bind(user_code_hash.to_owned())
            .bind(now)
            .fetch_optional(self.db())
            .await?)
    }

    /// The person allowed the request: writes `grant` (made in their session) and remembers
    /// their consent to `consent`, with `audit`, in one transaction. `false`: the request is
    /// no longer pending (decided meanwhile, expired, or not `grant`'s client's), and nothing
    /// is written.
    pub async fn approve_device_code(
        &self,
        user_code_hash: &str,
        grant: &Grant,
        consent: &str,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = self
            .q("UPDATE oauth_device_codes SET grant_id = $1 WHERE user_code_hash = $2 \
                AND client_id = $3 AND expires_at > $4 AND grant_id IS NULL \
                AND denied_at IS NULL AND used_at IS NULL")
            .bind(grant.id.clone())
            .bind(user_code_hash.to_owned())
            .bind(grant.client_id.clone())
            .bind(now)
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(false);
        }
        self.insert_grant_in(&mut tx, grant, now).await?;
        self.set_consent_in(&mut tx, &grant.user_id, &grant.client_id, consent, now).await?;
        self.commit_change(tx, Some(&grant.user_id), audit).await?;
        Ok(true)
    }

    /// The person `user_id` denied the request of `client_id`, with `audit`. `false`: it is no
    /// longer pending, and nothing is written.
    pub async fn deny_device_code(
        &self,
        user_code_hash: &str,
        client_id: &str,
        user_id: &str,
        now: i64,
        audit: &mut Audit,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = self
            .q("UPDATE oauth_device_codes SET denied_at = $1 WHERE user_code_hash = $2 \
                AND client_id = $3 AND expires_at > $4 AND grant_id IS NULL \
                AND denied_at IS NULL AND used_at IS NULL")
            .bind(now)
            .bind(user_code_hash.to_owned())
            .bind(client_id.to_owned())
            .bind(now)
            .execute(self.on(&mut *tx))
            .await?
            .rows_affected();
        if n != 1 {
            return Ok(false);
        }
        self.commit_change(tx, Some(user_id), audit).await?;
        Ok(true)
    }

    /// A poll by `client_id` with the device code hashing to `device_hash`, at `now`. An
    /// undecided request polled sooner than its interval after the last poll has its interval
    /// grown by `slow_down_step` seconds (kept here, so every node holds the device to it). An
    /// allowed one is spent by this poll and no other.
    pub async fn poll_device_code(
        &self,
        device_hash: &str,
        client_id: &str,
        now: i64,
        slow_down_step: i64,
    ) -> Result<DevicePoll> {
        let row: Option<DeviceRow> = self
            .q_as(
                "SELECT client_id, expires_at, grant_id, denied_at, used_at \
                   FROM oauth_device_codes WHERE device_hash = $1",
            )
            .bind(device_hash.to_owned())
            .fetch_optional(self.db())
            .await?;
        let Some(row) = row.filter(|r| r.client_id == client_id) else {
            return Ok(DevicePoll::Invalid);
        };
        if row.used_at.is_some() {
            return Ok(DevicePoll::Invalid);
        }
        if row.expires_at <= now {
            return Ok(DevicePoll::Expired);
        }
        if row.denied_at.is_some() {
            return Ok(DevicePoll::Denied);
        }
        if let Some(grant_id) = row.grant_id {
            let spent = self
                .q("UPDATE oauth_device_codes SET used_at = $1 WHERE device_hash = $2 \
                    AND used_at IS NULL AND expires_at > $3")
                .bind(now)
                .bind(device_hash.to_owned())
                .bind(now)
                .execute(self.db())
                .await?
                .rows_affected();
            if spent != 1 {
                // Another poll spent it first (or it expired in between).
                return Ok(DevicePoll::Invalid);
            }
            let Some(grant) = self.live_grant(&grant_id, now).await? else {
                return Ok(DevicePoll::Invalid);
            };
            self.q("UPDATE oauth_grants SET used_at = $1 WHERE id = $2")
                .bind(now)
                .bind(grant_id)
                .execute(self.db())
                .await?;
            return Ok(DevicePoll::Approved(Box::new(grant)));
        }
        let on_time = self
            .q("UPDATE oauth_device_codes SET last_polled_at = $1 WHERE device_hash = $2 \
                AND grant_id IS NULL AND denied_at IS NULL \
                AND (last_polled_at IS NULL OR last_polled_at + poll_interval * 1000 <= $3)")
            .bind(now)
            .bind(device_hash.to_owned())
            .bind(now)
            .execute(self.db())
            .await?
            .rows_affected();
        if on_time == 1 {
            return Ok(DevicePoll::Pending);
        }
        let slowed = self
            .q("UPDATE oauth_device_codes SET poll_interval = poll_interval + $1, \
                last_polled_at = $2 WHERE device_hash = $3 AND grant_id IS NULL \
                AND denied_at IS NULL")
            .bind(slow_down_step)
            .bind(now)
            .bind(device_hash.to_owned())
            .execute(self.db())
            .await?
            .rows_affected();
        // Decided between the two statements: the next poll sees the decision.
        Ok(if slowed == 1 { DevicePoll::SlowDown } else { DevicePoll::Pending })
    }
}

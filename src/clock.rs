//! Time as Portcullis stores and shows it: Unix milliseconds, and RFC 3339 for people.

/// The current time in Unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Unix milliseconds as RFC 3339 UTC, to the second (`2026-11-21T07:00:00Z`).
pub fn rfc3339(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[test]
    fn timestamps_format_as_rfc3339_utc() {
        assert_eq!(super::rfc3339(1_795_244_400_123), "2026-11-21T07:00:00Z");
    }
}

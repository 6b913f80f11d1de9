//! Time conversions between X.509 `Time`, Unix seconds and RFC 3339 text.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use x509_cert::time::Time;

/// Seconds since the Unix epoch (times before 1970 are clamped to 0).
pub fn unix(t: &Time) -> i64 {
    t.to_unix_duration().as_secs() as i64
}

pub fn now_unix() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// RFC 3339 in UTC (`2026-11-22T04:19:00Z`).
pub fn rfc3339(secs: i64) -> String {
    OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| secs.to_string())
}

/// RFC 3339 at a fixed UTC offset (`2026-11-22T11:19:00+07:00`).
pub fn rfc3339_offset(secs: i64, offset_minutes: i32) -> String {
    let offset = time::UtcOffset::from_whole_seconds(offset_minutes * 60).unwrap_or(time::UtcOffset::UTC);
    OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .map(|t| t.to_offset(offset))
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| rfc3339(secs))
}

pub fn time_rfc3339(t: &Time) -> String {
    rfc3339(unix(t))
}

/// X.509 time for Unix seconds: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5).
pub fn to_x509(secs: i64) -> Option<Time> {
    let st = UNIX_EPOCH.checked_add(Duration::from_secs(u64::try_from(secs).ok()?))?;
    Time::try_from(st).ok()
}

/// Parse a user-supplied time: RFC 3339 (`2026-01-31T08:00:00+07:00`) or a date
/// (`2026-01-31`, midnight UTC).
pub fn parse_user_time(s: &str) -> Option<i64> {
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t.unix_timestamp());
    }
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, fmt).ok().map(|d| d.midnight().assume_utc().unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        let t = parse_user_time("2026-01-31T08:00:00+07:00").unwrap();
        assert_eq!(rfc3339(t), "2026-01-31T01:00:00Z");
        assert_eq!(parse_user_time("2026-01-31"), Some(t - 3600));
        assert_eq!(parse_user_time("31/01/2026"), None);
        let x = to_x509(t).unwrap();
        assert_eq!(unix(&x), t);
        assert!(matches!(to_x509(2_600_000_000), Some(Time::GeneralTime(_))));
    }
}

//! Time conversions between X.509 `Time`, Unix seconds, RFC 3339 text and PDF date
//! strings (ISO 32000-1 §7.9.4): the one place kyso formats and parses times.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use der::{DecodeValue, EncodeValue, FixedTag, Header, Length, Reader, Tag, Writer};
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

/// A PDF date `D:YYYYMMDDHHmmSS+HH'mm'` (`Z` for UTC) at a UTC offset in minutes;
/// `None` outside the years 0000–9999 or for an offset of a day or more.
pub fn pdf_date(secs: i64, offset_minutes: i32) -> Option<String> {
    if offset_minutes.abs() >= 24 * 60 {
        return None;
    }
    let offset = time::UtcOffset::from_whole_seconds(offset_minutes * 60).ok()?;
    let t = OffsetDateTime::from_unix_timestamp(secs).ok()?.to_offset(offset);
    if !(0..=9999).contains(&t.year()) {
        return None;
    }
    let mut s = format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    if offset_minutes == 0 {
        s.push('Z');
    } else {
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let a = offset_minutes.abs();
        s.push_str(&format!("{sign}{:02}'{:02}'", a / 60, a % 60));
    }
    Some(s)
}

/// Parse a PDF date `D:YYYYMMDDHHmmSS+07'00'` (later parts optional) to Unix seconds.
pub fn parse_pdf_date(s: Option<&str>) -> Option<i64> {
    let s = s?.trim();
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() < 4 {
        return None;
    }
    let num =
        |a: usize, b: usize, default: u32| digits.get(a..b).and_then(|x| x.parse::<u32>().ok()).unwrap_or(default);
    let (y, mo, d) = (num(0, 4, 1970) as i32, num(4, 6, 1), num(6, 8, 1));
    let (h, mi, se) = (num(8, 10, 0), num(10, 12, 0), num(12, 14, 0));
    let date = time::Date::from_calendar_date(y, time::Month::try_from(mo as u8).ok()?, d as u8).ok()?;
    let t = date.with_hms(h as u8, mi as u8, se as u8).ok()?.assume_utc().unix_timestamp();
    let rest = &s[digits.len()..];
    let offset = match rest.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let tz: String = rest[1..].chars().filter(|c| c.is_ascii_digit()).collect();
            let oh: i64 = tz.get(0..2).and_then(|x| x.parse().ok()).unwrap_or(0);
            let om: i64 = tz.get(2..4).and_then(|x| x.parse().ok()).unwrap_or(0);
            let o = oh * 3600 + om * 60;
            if sign == '+' { o } else { -o }
        }
        _ => 0,
    };
    Some(t - offset)
}

/// A GeneralizedTime with optional fractions of a second (`YYYYMMDDHHMMSS[.f]Z`), as
/// RFC 3161 §2.4.2 allows for `genTime` (and OCSP responders sometimes write), which `der`'s
/// `GeneralizedTime` refuses.
#[derive(Clone, Copy, Debug, Eq, PartialEq, PartialOrd, Ord)]
pub struct GenTime {
    /// Seconds since the Unix epoch.
    pub unix: i64,
    /// Nanoseconds within the second.
    pub nanos: u32,
}

impl GenTime {
    pub fn from_unix(unix: i64) -> GenTime {
        GenTime { unix, nanos: 0 }
    }

    /// Now, to the millisecond.
    pub fn now() -> GenTime {
        let d = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        GenTime { unix: d.as_secs() as i64, nanos: d.subsec_millis() * 1_000_000 }
    }

    /// Parse the DER text; `Z` is required, fractions up to 9 digits.
    pub fn parse(text: &[u8]) -> Option<GenTime> {
        let s = std::str::from_utf8(text).ok()?;
        let s = s.strip_suffix('Z')?;
        let (whole, frac) = match s.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (s, None),
        };
        if whole.len() != 14 || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n = |a: usize, b: usize| whole[a..b].parse::<u32>().ok();
        let date = ::time::Date::from_calendar_date(
            n(0, 4)? as i32,
            ::time::Month::try_from(n(4, 6)? as u8).ok()?,
            n(6, 8)? as u8,
        )
        .ok()?;
        let t = date.with_hms(n(8, 10)? as u8, n(10, 12)? as u8, n(12, 14)? as u8).ok()?;
        let nanos = match frac {
            None => 0,
            Some(f) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()) => {
                f.parse::<u32>().ok()? * 10u32.pow(9 - f.len() as u32)
            }
            Some(_) => return None,
        };
        Some(GenTime { unix: t.assume_utc().unix_timestamp(), nanos })
    }

    /// The DER text: fraction without trailing zeros, omitted when zero.
    pub fn to_text(self) -> String {
        let t = ::time::OffsetDateTime::from_unix_timestamp(self.unix).unwrap_or(::time::OffsetDateTime::UNIX_EPOCH);
        let mut s = format!(
            "{:04}{:02}{:02}{:02}{:02}{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        );
        if self.nanos > 0 {
            let f = format!("{:09}", self.nanos.min(999_999_999));
            s.push('.');
            s.push_str(f.trim_end_matches('0'));
        }
        s.push('Z');
        s
    }
}

impl<'a> DecodeValue<'a> for GenTime {
    type Error = der::Error;
    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let bytes = reader.read_vec(header.length())?;
        GenTime::parse(&bytes).ok_or_else(|| reader.error(der::ErrorKind::DateTime))
    }
}

impl EncodeValue for GenTime {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(self.to_text().len())
    }
    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(self.to_text().as_bytes())
    }
}

impl FixedTag for GenTime {
    const TAG: Tag = Tag::GeneralizedTime;
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::{Decode, Encode};

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

    #[test]
    fn gen_time_fractions() {
        let t = GenTime::parse(b"20260131080000.25Z").unwrap();
        assert_eq!(t.nanos, 250_000_000);
        assert_eq!(t.to_text(), "20260131080000.25Z");
        assert_eq!(GenTime::parse(b"20260131080000Z").unwrap().to_text(), "20260131080000Z");
        for bad in
            [&b"20260131080000"[..], b"20260131080000+0700", b"2026013108000Z", b"20261331080000Z", b"20260131080000.Z"]
        {
            assert!(GenTime::parse(bad).is_none(), "{}", String::from_utf8_lossy(bad));
        }
        let der = t.to_der().unwrap();
        assert_eq!(der[0], 0x18);
        assert_eq!(GenTime::from_der(&der).unwrap(), t);
    }

    #[test]
    fn pdf_dates() {
        assert_eq!(pdf_date(0, 0).as_deref(), Some("D:19700101000000Z"));
        // 2024-02-29 12:34:56 UTC, shown at +07:00
        assert_eq!(pdf_date(1_709_210_096, 420).as_deref(), Some("D:20240229193456+07'00'"));
        assert_eq!(pdf_date(1_709_210_096, -150).as_deref(), Some("D:20240229100456-02'30'"));
        assert_eq!(pdf_date(-1, 0).as_deref(), Some("D:19691231235959Z"));
        assert_eq!(pdf_date(951_782_400, 0).as_deref(), Some("D:20000229000000Z"));
        assert_eq!(pdf_date(253_402_300_799, 0).as_deref(), Some("D:99991231235959Z"));
        assert!(pdf_date(253_402_300_800, 0).is_none());
        assert!(pdf_date(i64::MAX, 60).is_none());
        assert!(pdf_date(i64::MIN, 0).is_none());
        assert!(pdf_date(0, 24 * 60).is_none());
        for secs in [0i64, 1_709_210_096, 4_102_444_800, -86_400 * 365 * 50] {
            assert_eq!(parse_pdf_date(pdf_date(secs, 420).as_deref()), Some(secs));
        }
        assert_eq!(parse_pdf_date(Some("D:20261122120000+07'00'")), Some(1_795_323_600));
        assert_eq!(parse_pdf_date(Some("D:20261122050000Z")), Some(1_795_323_600));
        assert_eq!(parse_pdf_date(Some("D:2026")), parse_pdf_date(Some("D:20260101000000Z")));
        assert_eq!(parse_pdf_date(Some("garbage")), None);
        assert_eq!(parse_pdf_date(Some("D:20261399")), None);
    }
}

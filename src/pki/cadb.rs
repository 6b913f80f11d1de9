//! The database a CA made by kyso keeps of what it issued and revoked:
//! `PREFIX.index.txt`, next to `PREFIX.crt` and `PREFIX.key`.
//!
//! The format is OpenSSL's `index.txt` (the one `openssl ca` writes and `openssl ocsp
//! -index` reads), so the same file drives kyso's OCSP responder and CRLs and OpenSSL's:
//! one line per certificate, six tab-separated fields — status (`V` valid, `R` revoked;
//! `E`, expired, reads as valid), expiry (`YYMMDDHHMMSSZ`), revocation (`YYMMDDHHMMSSZ[,reason]`, empty
//! when valid), serial (upper-case hex), file name (`unknown`), subject. A
//! `PREFIX.index.txt.attr` with `unique_subject = no` lets OpenSSL load a database in
//! which a subject occurs twice (re-issued certificates).
//!
//! Every change rewrites the file atomically ([`crate::fsutil`]) under a lock file
//! (`PREFIX.index.txt.lock`), so two `kyso cert issue` runs never lose an entry and an
//! interrupted run never leaves half a line.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use x509_cert::Certificate;

use super::{dn, time};
use crate::error::{Error, Result};
use crate::fsutil::{self, WriteOptions};

/// Why a certificate was revoked (RFC 5280 §5.3.1), as far as OpenSSL's index can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RevocationReason {
    Unspecified,
    KeyCompromise,
    #[serde(rename = "cACompromise")]
    CaCompromise,
    AffiliationChanged,
    Superseded,
    CessationOfOperation,
    CertificateHold,
}

impl RevocationReason {
    /// The CRLReason code.
    pub fn code(self) -> u32 {
        match self {
            RevocationReason::Unspecified => 0,
            RevocationReason::KeyCompromise => 1,
            RevocationReason::CaCompromise => 2,
            RevocationReason::AffiliationChanged => 3,
            RevocationReason::Superseded => 4,
            RevocationReason::CessationOfOperation => 5,
            RevocationReason::CertificateHold => 6,
        }
    }

    pub fn to_crl_reason(self) -> x509_cert::ext::pkix::CrlReason {
        use x509_cert::ext::pkix::CrlReason as C;
        match self {
            RevocationReason::Unspecified => C::Unspecified,
            RevocationReason::KeyCompromise => C::KeyCompromise,
            RevocationReason::CaCompromise => C::CaCompromise,
            RevocationReason::AffiliationChanged => C::AffiliationChanged,
            RevocationReason::Superseded => C::Superseded,
            RevocationReason::CessationOfOperation => C::CessationOfOperation,
            RevocationReason::CertificateHold => C::CertificateHold,
        }
    }

    /// OpenSSL's spelling in `index.txt`.
    pub fn openssl_name(self) -> &'static str {
        match self {
            RevocationReason::Unspecified => "unspecified",
            RevocationReason::KeyCompromise => "keyCompromise",
            RevocationReason::CaCompromise => "CACompromise",
            RevocationReason::AffiliationChanged => "affiliationChanged",
            RevocationReason::Superseded => "superseded",
            RevocationReason::CessationOfOperation => "cessationOfOperation",
            RevocationReason::CertificateHold => "certificateHold",
        }
    }

    fn from_openssl_name(s: &str) -> Option<RevocationReason> {
        use RevocationReason::*;
        [
            Unspecified,
            KeyCompromise,
            CaCompromise,
            AffiliationChanged,
            Superseded,
            CessationOfOperation,
            CertificateHold,
        ]
        .into_iter()
        .find(|r| r.openssl_name().eq_ignore_ascii_case(s))
    }
}

/// One certificate the CA issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Serial number as an unsigned big-endian integer without leading zero bytes.
    pub serial: Vec<u8>,
    pub not_after: i64,
    /// Revocation time and reason.
    pub revoked: Option<(i64, RevocationReason)>,
    pub subject: String,
}

impl Entry {
    pub fn serial_hex(&self) -> String {
        hex::encode_upper(&self.serial)
    }
}

/// The database of one CA.
#[derive(Debug, Clone, Default)]
pub struct CaDb {
    pub entries: Vec<Entry>,
}

/// `PREFIX.index.txt`.
pub fn path_for(prefix: &Path) -> PathBuf {
    fsutil::with_suffix(prefix, ".index.txt")
}

/// A serial number as OpenSSL's index keys it: unsigned, no leading zero bytes.
pub fn normalize_serial(bytes: &[u8]) -> Vec<u8> {
    let start = bytes.iter().take_while(|&&b| b == 0).count();
    let v = bytes[start..].to_vec();
    if v.is_empty() { vec![0] } else { v }
}

impl CaDb {
    /// Read a database; a missing file is an empty database.
    pub fn load(path: &Path) -> Result<CaDb> {
        let text = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(CaDb::default()),
            Err(source) => return Err(Error::Read { path: path.to_path_buf(), source }),
        };
        let text = String::from_utf8(text).map_err(|_| bad(path, 0, "not UTF-8"))?;
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            entries.push(parse_line(line).map_err(|d| bad(path, i + 1, &d))?);
        }
        Ok(CaDb { entries })
    }

    pub fn lookup(&self, serial: &[u8]) -> Option<&Entry> {
        let s = normalize_serial(serial);
        self.entries.iter().find(|e| e.serial == s)
    }

    /// The text of the file: one line per entry, each ending in a newline.
    pub fn to_text(&self) -> String {
        self.entries.iter().map(format_line).collect()
    }
}

fn bad(path: &Path, line: usize, detail: &str) -> Error {
    Error::CaDatabase { path: path.to_path_buf(), detail: format!("line {line}: {detail}") }
}

fn parse_line(line: &str) -> std::result::Result<Entry, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != 6 {
        return Err(format!("{} fields, OpenSSL's index has 6", f.len()));
    }
    let not_after = parse_index_time(f[1]).ok_or_else(|| format!("bad expiry {:?}", f[1]))?;
    let revoked = match f[0] {
        "V" | "E" => None,
        "R" => {
            let mut parts = f[2].split(',');
            let t = parts.next().and_then(parse_index_time).ok_or_else(|| format!("bad revocation {:?}", f[2]))?;
            let reason = match parts.next() {
                None => RevocationReason::Unspecified,
                Some(r) => RevocationReason::from_openssl_name(r).ok_or_else(|| format!("unknown reason {r:?}"))?,
            };
            Some((t, reason))
        }
        other => return Err(format!("unknown status {other:?}")),
    };
    let serial = hex::decode(f[3]).map_err(|_| format!("bad serial {:?}", f[3]))?;
    Ok(Entry { serial: normalize_serial(&serial), not_after, revoked, subject: f[5].to_string() })
}

fn format_line(e: &Entry) -> String {
    let (status, rev) = match e.revoked {
        // OpenSSL answers nothing for `E` lines; `V` with a past expiry is what it expects.
        None => ("V", String::new()),
        Some((t, RevocationReason::Unspecified)) => ("R", index_time(t)),
        Some((t, r)) => ("R", format!("{},{}", index_time(t), r.openssl_name())),
    };
    let subject: String = e.subject.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    format!("{status}\t{}\t{rev}\t{}\tunknown\t{subject}\n", index_time(e.not_after), e.serial_hex())
}

/// `YYMMDDHHMMSSZ` through 2049, `YYYYMMDDHHMMSSZ` after (as OpenSSL writes them).
fn index_time(secs: i64) -> String {
    let g = time::GenTime::from_unix(secs).to_text();
    match g.get(0..4).and_then(|y| y.parse::<i32>().ok()) {
        Some(y) if (1950..2050).contains(&y) => g[2..].to_string(),
        _ => g,
    }
}

fn parse_index_time(s: &str) -> Option<i64> {
    let full = match s.len() {
        13 => {
            let yy: i32 = s.get(0..2)?.parse().ok()?;
            format!("{}{s}", if yy >= 50 { "19" } else { "20" })
        }
        15 => s.to_string(),
        _ => return None,
    };
    time::GenTime::parse(full.as_bytes()).map(|g| g.unix)
}

/// Hold `PREFIX.index.txt.lock` while changing the database.
struct Lock(PathBuf);

impl Lock {
    fn acquire(db: &Path) -> Result<Lock> {
        let path = fsutil::with_suffix(db, ".lock");
        let start = Instant::now();
        loop {
            match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(_) => return Ok(Lock(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    // A lock left by a crashed run is taken over after a minute.
                    let stale = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .is_ok_and(|m| m.elapsed().is_ok_and(|age| age > Duration::from_secs(60)));
                    if stale {
                        let _ = std::fs::remove_file(&path);
                    } else if start.elapsed() > Duration::from_secs(10) {
                        return Err(Error::CaDatabase {
                            path: db.to_path_buf(),
                            detail: format!("locked by another run ({} exists)", path.display()),
                        });
                    } else {
                        std::thread::sleep(Duration::from_millis(50));
                    }
                }
                Err(source) => return Err(Error::Write { path, source }),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Change the database at `path` under its lock, then write it back atomically.
fn update<T>(path: &Path, change: impl FnOnce(&mut CaDb) -> Result<T>) -> Result<T> {
    let _lock = Lock::acquire(path)?;
    let mut db = CaDb::load(path)?;
    let out = change(&mut db)?;
    fsutil::write_atomic(path, db.to_text().as_bytes(), WriteOptions::PUBLIC.force(true))?;
    let attr = fsutil::with_suffix(path, ".attr");
    if !attr.exists() {
        fsutil::write_atomic(&attr, b"unique_subject = no\n", WriteOptions::PUBLIC)?;
    }
    Ok(out)
}

/// `PREFIX.crlnumber`: the next cRLNumber, hex (as OpenSSL's `crlnumber` file).
pub fn crlnumber_path(prefix: &Path) -> PathBuf {
    fsutil::with_suffix(prefix, ".crlnumber")
}

/// Take the next cRLNumber of the CA at `prefix` (1 for its first CRL) and store its
/// successor, under the database's lock: CRL numbers only ever increase (RFC 5280 §5.2.3).
pub fn next_crl_number(prefix: &Path) -> Result<Vec<u8>> {
    let db = path_for(prefix);
    let _lock = Lock::acquire(&db)?;
    let path = crlnumber_path(prefix);
    let current = match std::fs::read_to_string(&path) {
        Ok(t) => hex::decode(t.trim()).ok().filter(|v| !v.is_empty() && v.len() <= 20).ok_or_else(|| {
            Error::CaDatabase { path: path.clone(), detail: format!("{:?} is not a hex number", t.trim()) }
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => vec![1],
        Err(source) => return Err(Error::Read { path, source }),
    };
    let current = normalize_serial(&current);
    let mut next = current.clone();
    // big-endian increment
    let mut i = next.len();
    loop {
        if i == 0 {
            next.insert(0, 1);
            break;
        }
        i -= 1;
        let (v, carry) = next[i].overflowing_add(1);
        next[i] = v;
        if !carry {
            break;
        }
    }
    fsutil::write_atomic(
        &path,
        format!("{}\n", hex::encode_upper(&next)).as_bytes(),
        WriteOptions::PUBLIC.force(true),
    )?;
    Ok(current)
}

/// Create an empty database for a new CA (so OpenSSL finds one too).
pub fn create_empty(path: &Path) -> Result<()> {
    update(path, |_| Ok(()))
}

/// Record a certificate the CA just issued.
pub fn record_issued(path: &Path, cert: &Certificate) -> Result<()> {
    let tbs = cert.tbs_certificate();
    let entry = Entry {
        serial: normalize_serial(tbs.serial_number().as_bytes()),
        not_after: time::unix(&tbs.validity().not_after),
        revoked: None,
        subject: dn::to_string(tbs.subject()),
    };
    update(path, |db| {
        if db.lookup(&entry.serial).is_some() {
            return Err(Error::CaDatabase {
                path: path.to_path_buf(),
                detail: format!("serial {} is already recorded", entry.serial_hex()),
            });
        }
        db.entries.push(entry);
        Ok(())
    })
}

/// Mark `serial` revoked at `when` for `reason`. A certificate this CA issued but did
/// not record (`cert`, checked by the caller to be this CA's) is added first. Revoking
/// again changes nothing and returns the first revocation.
pub fn revoke(
    path: &Path,
    serial: &[u8],
    cert: Option<&Certificate>,
    when: i64,
    reason: RevocationReason,
) -> Result<Entry> {
    let serial = normalize_serial(serial);
    update(path, |db| {
        if db.lookup(&serial).is_none() {
            let Some(cert) = cert else {
                return Err(Error::CaDatabase {
                    path: path.to_path_buf(),
                    detail: format!(
                        "serial {} is not in this CA's database; give the certificate file instead",
                        hex::encode_upper(&serial)
                    ),
                });
            };
            let tbs = cert.tbs_certificate();
            db.entries.push(Entry {
                serial: serial.clone(),
                not_after: time::unix(&tbs.validity().not_after),
                revoked: None,
                subject: dn::to_string(tbs.subject()),
            });
        }
        let entry = db
            .entries
            .iter_mut()
            .find(|e| e.serial == serial)
            .ok_or_else(|| Error::CaDatabase { path: path.to_path_buf(), detail: "entry vanished".into() })?;
        if entry.revoked.is_none() {
            entry.revoked = Some((when, reason));
        }
        Ok(entry.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openssl_index_round_trip() {
        let text = "V\t270101000000Z\t\t1A2B\tunknown\t/CN=A\n\
                    R\t270101000000Z\t260102030405Z,keyCompromise\t0100\tunknown\tCN=B,C=VN\n\
                    R\t20510101000000Z\t260102030405Z\t02\tunknown\tCN=C\n";
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ca.index.txt");
        std::fs::write(&p, text).unwrap();
        let db = CaDb::load(&p).unwrap();
        assert_eq!(db.entries.len(), 3);
        assert_eq!(db.entries[1].revoked.unwrap().1, RevocationReason::KeyCompromise);
        assert_eq!(db.entries[1].revoked.unwrap().0, time::parse_user_time("2026-01-02T03:04:05Z").unwrap());
        assert_eq!(db.entries[2].not_after, time::parse_user_time("2051-01-01").unwrap());
        assert!(db.lookup(&[0, 0x1a, 0x2b]).is_some());
        assert_eq!(db.to_text().lines().nth(1), text.lines().nth(1));
        assert_eq!(db.to_text().lines().nth(2), text.lines().nth(2));
        std::fs::write(&p, "X\tfoo\n").unwrap();
        let e = CaDb::load(&p).unwrap_err().to_string();
        assert!(e.contains("line 1"), "{e}");
    }

    #[test]
    fn revoking_needs_a_known_serial_and_keeps_the_first_time() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ca.index.txt");
        create_empty(&p).unwrap();
        assert!(dir.path().join("ca.index.txt.attr").exists());
        assert!(revoke(&p, &[5], None, 100, RevocationReason::Superseded).is_err());
        std::fs::write(&p, "V\t270101000000Z\t\t05\tunknown\tCN=A\n").unwrap();
        let e = revoke(&p, &[5], None, 1_700_000_000, RevocationReason::Superseded).unwrap();
        assert_eq!(e.revoked, Some((1_700_000_000, RevocationReason::Superseded)));
        let again = revoke(&p, &[5], None, 1_800_000_000, RevocationReason::KeyCompromise).unwrap();
        assert_eq!(again.revoked, e.revoked);
        assert!(!dir.path().join("ca.index.txt.lock").exists());
        let prefix = dir.path().join("ca");
        assert_eq!(next_crl_number(&prefix).unwrap(), vec![1]);
        assert_eq!(next_crl_number(&prefix).unwrap(), vec![2]);
        std::fs::write(crlnumber_path(&prefix), "FF\n").unwrap();
        assert_eq!(next_crl_number(&prefix).unwrap(), vec![0xff]);
        assert_eq!(next_crl_number(&prefix).unwrap(), vec![1, 0]);
    }
}

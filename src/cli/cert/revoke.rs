//! `kyso cert revoke`: mark a certificate revoked in its CA's database.

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use crate::cli::choices;
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::pki::cadb;
use crate::pki::store::IdentityFiles;
use crate::pki::{load, time};
use crate::report::output::Output;

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    kyso cert revoke --ca pki/inter pki/leader.crt --reason key-compromise\n  \
    kyso cert revoke --ca pki/inter --serial 1F2A... --time 2026-01-31T08:00:00+07:00\n\n\
    The revocation shows in the next `kyso cert crl` and at once in `kyso pki serve`'s OCSP answers.")]
pub struct RevokeArgs {
    /// The CA made by kyso that issued the certificate (PREFIX.crt, PREFIX.index.txt)
    #[arg(long, value_name = "PREFIX")]
    pub ca: PathBuf,
    /// The certificate to revoke (PEM or DER)
    #[arg(value_name = "CERT", required_unless_present = "serial", conflicts_with = "serial")]
    pub cert: Option<PathBuf>,
    /// Serial number (hex) of a certificate in the CA's database, instead of CERT
    #[arg(long, value_name = "HEX")]
    pub serial: Option<String>,
    /// Why (RFC 5280 CRLReason)
    #[arg(long, value_enum, default_value_t = choices::RevocationReason::Unspecified)]
    pub reason: choices::RevocationReason,
    /// Revocation time, RFC 3339 or YYYY-MM-DD, not in the future [default: now]
    #[arg(long, value_name = "TIME")]
    pub time: Option<String>,
}

pub fn run(args: RevokeArgs, out: &Output) -> Result<ExitStatus> {
    let files = IdentityFiles::for_prefix(&args.ca, None);
    let ca = load::read_certificates(&files.cert)?.remove(0);
    let now = time::now_unix();
    let when = match &args.time {
        None => now,
        Some(s) => time::parse_user_time(s).ok_or_else(|| Error::InvalidOption {
            option: "--time",
            detail: format!("{s:?} is not an RFC 3339 time or a YYYY-MM-DD date"),
        })?,
    };
    if when > now + 60 {
        return Err(Error::InvalidOption { option: "--time", detail: "a revocation cannot be in the future".into() });
    }
    let (serial, cert) = match (&args.cert, &args.serial) {
        (Some(path), _) => {
            let cert = load::read_certificates(path)?.remove(0);
            let issued_here = cert.tbs_certificate().issuer() == ca.tbs_certificate().subject()
                && crate::verify::crypto::verify_certificate(&cert, ca.tbs_certificate().subject_public_key_info())
                    .is_ok();
            if !issued_here {
                return Err(Error::InvalidOption {
                    option: "CERT",
                    detail: format!("{} was not issued by {}", path.display(), files.cert.display()),
                });
            }
            (cert.tbs_certificate().serial_number().as_bytes().to_vec(), Some(cert))
        }
        (None, Some(hexs)) => {
            let clean: String = hexs.chars().filter(|c| !matches!(c, ':' | ' ')).collect();
            let bytes = hex::decode(clean.trim_start_matches("0x"))
                .map_err(|_| Error::InvalidOption { option: "--serial", detail: format!("{hexs:?} is not hex") })?;
            (bytes, None)
        }
        (None, None) => {
            return Err(Error::InvalidOption { option: "CERT", detail: "give a certificate or --serial".into() });
        }
    };
    let db = cadb::path_for(&args.ca);
    let wanted = cadb::RevocationReason::from(args.reason);
    let entry = cadb::revoke(&db, &serial, cert.as_ref(), when, wanted)?;
    let (t, reason) = entry.revoked.unwrap_or((when, wanted));
    let already = t != when || reason != wanted;
    let l = out.lang;
    out.result(
        || {
            let mut s = format!(
                "{}: {} ({} {})\n  {:<10} {}\n  {:<10} {}\n  {:<10} {}\n",
                l.pick("Revoked", "Đã thu hồi"),
                entry.subject,
                l.pick("serial", "số hiệu"),
                entry.serial_hex(),
                l.pick("time:", "thời điểm:"),
                time::rfc3339(t),
                l.pick("reason:", "lý do:"),
                reason.openssl_name(),
                l.pick("database:", "CSDL:"),
                db.display()
            );
            if already {
                s += l.pick(
                    "  (it was already revoked; the first revocation stands)\n",
                    "  (chứng thư đã bị thu hồi trước đó; giữ nguyên lần thu hồi đầu tiên)\n",
                );
            }
            s
        },
        || {
            json!({
                "revoked": {
                    "serial": entry.serial_hex(), "subject": entry.subject, "time": time::rfc3339(t),
                    "reason": reason, "already_revoked": already,
                },
                "database": db,
            })
        },
    );
    Ok(ExitStatus::Success)
}

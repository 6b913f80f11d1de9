//! `kyso cert crl`: a CRL for a CA made by kyso, from its database.

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::fsutil::{self, WriteOptions};
use crate::pki::store::LoadedCa;
use crate::pki::{cadb, load, time};
use crate::report::output::Output;
use crate::revocation::crl::{self, CrlParams};

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    kyso cert crl --ca pki/inter                      # → pki/inter.crl (DER)\n  \
    kyso cert crl --ca pki/root --out root.pem --pem --days 30\n\n\
    The CA's own PREFIX.crl is replaced by each new CRL; another --out file only with --force. \
    CRL numbers are kept in PREFIX.crlnumber (OpenSSL's format).")]
pub struct CrlArgs {
    /// The CA made by kyso (PREFIX.crt, PREFIX.key, PREFIX.index.txt)
    #[arg(long, value_name = "PREFIX")]
    pub ca: PathBuf,
    /// Output file [default: PREFIX.crl]
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Days until nextUpdate
    #[arg(long, default_value_t = 7)]
    pub days: u32,
    /// Write PEM (`X509 CRL`) instead of DER
    #[arg(long)]
    pub pem: bool,
    /// Password of the CA key, in a file; KYSO_CA_KEY_PASSWORD is used when not given
    #[arg(long, value_name = "FILE")]
    pub ca_password_file: Option<PathBuf>,
    /// Overwrite an existing --out file
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: CrlArgs, out: &Output) -> Result<ExitStatus> {
    if args.days == 0 || args.days > 3650 {
        return Err(Error::InvalidOption { option: "--days", detail: "must be from 1 to 3650".into() });
    }
    let default_out = fsutil::with_suffix(&args.ca, ".crl");
    let path = args.out.clone().unwrap_or_else(|| default_out.clone());
    let force = args.force || path == default_out;
    fsutil::check_writable(&path, force)?;
    let password = load::password(args.ca_password_file.as_deref(), "KYSO_CA_KEY_PASSWORD")?;
    let ca = LoadedCa::load_prefix(&args.ca, password.as_deref().map(|p| p.as_slice()))?;
    let db = cadb::CaDb::load(&cadb::path_for(&args.ca))?;
    let now = time::now_unix();
    let params = CrlParams {
        this_update: now,
        next_update: now + i64::from(args.days) * 86_400,
        number: cadb::next_crl_number(&args.ca)?,
    };
    let der = crl::build(&ca.cert, &ca.key, &db, &params).map_err(Error::Crl)?;
    let bytes = if args.pem { crl::to_pem(&der).map_err(Error::Crl)?.into_bytes() } else { der };
    fsutil::write_atomic(&path, &bytes, WriteOptions::PUBLIC.force(force))?;
    let revoked = db.entries.iter().filter(|e| e.revoked.is_some_and(|(t, _)| t <= now)).count();
    let number = hex::encode_upper(&params.number);
    let l = out.lang;
    out.result(
        || {
            format!(
                "{}: {}\n  {:<14} {}\n  {:<14} {number}\n  {:<14} {}\n  {:<14} {}\n",
                l.pick("Wrote CRL", "Đã ghi CRL"),
                path.display(),
                l.pick("issuer:", "bên phát hành:"),
                crate::pki::dn::to_string(ca.cert.tbs_certificate().subject()),
                l.pick("CRL number:", "số CRL:"),
                l.pick("revoked:", "đã thu hồi:"),
                revoked,
                l.pick("next update:", "cập nhật kế:"),
                time::rfc3339(params.next_update),
            )
        },
        || {
            json!({
                "crl": {
                    "path": path, "number": number, "revoked": revoked,
                    "this_update": time::rfc3339(params.this_update), "next_update": time::rfc3339(params.next_update),
                    "format": if args.pem { "pem" } else { "der" },
                }
            })
        },
    );
    Ok(ExitStatus::Success)
}

//! `kyso cert ca|issue|inspect|verify`.
//! `kyso cert ca|issue|inspect|revoke|crl`.

mod ca;
mod crl;
mod inspect;
mod issue;
mod revoke;
pub mod verify;

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::json;

use crate::cli::choices;
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::pki::info::CertInfo;
use crate::pki::store::IdentityFiles;
use crate::pki::time;
use crate::report::output::Output;

pub use ca::CaArgs;
pub use crl::CrlArgs;
pub use inspect::InspectArgs;
pub use issue::IssueArgs;
pub use revoke::RevokeArgs;

#[derive(Debug, Subcommand)]
pub enum CertCommand {
    /// Create a self-signed root CA: PREFIX.crt, PREFIX.key, PREFIX.chain.pem
    Ca(CaArgs),
    /// Issue a certificate signed by a CA (intermediate, person, organization, tsa, ocsp)
    Issue(IssueArgs),
    /// Show what a certificate or chain says (PEM or DER); does not verify it
    Inspect(InspectArgs),
    /// Validate certificates: path to a trust anchor, constraints, revocation (RFC 5280)
    Verify(verify::CertVerifyArgs),
    /// Revoke a certificate issued by a CA made by kyso (recorded in PREFIX.index.txt)
    Revoke(RevokeArgs),
    /// Write a CRL for a CA made by kyso, from its database
    Crl(CrlArgs),
}

pub fn run(cmd: CertCommand, out: &Output) -> Result<ExitStatus> {
    match cmd {
        CertCommand::Ca(args) => ca::run(args, out),
        CertCommand::Issue(args) => issue::run(args, out),
        CertCommand::Inspect(args) => inspect::run(args, out),
        CertCommand::Verify(args) => verify::run(args, out),
        CertCommand::Revoke(args) => revoke::run(args, out),
        CertCommand::Crl(args) => crl::run(args, out),
    }
}

/// Options shared by `cert ca` and `cert issue` for the new key and its files.
#[derive(Debug, Args)]
pub struct NewKeyArgs {
    /// Subject distinguished name, RFC 4514 style, UTF-8
    /// (e.g. "CN=Nguyễn Văn A,O=UBND tỉnh Thái Nguyên,L=Thái Nguyên,C=VN")
    #[arg(long, value_name = "DN")]
    pub subject: String,
    /// Write PREFIX.crt, PREFIX.key and PREFIX.chain.pem
    #[arg(long, value_name = "PREFIX")]
    pub out: PathBuf,
    /// Type of the new key
    #[arg(long, value_enum, default_value_t = choices::KeyType::Rsa2048)]
    pub key_type: choices::KeyType,
    /// Days of validity from --not-before
    #[arg(long)]
    pub days: Option<u32>,
    /// Start of validity, RFC 3339 or YYYY-MM-DD [default: now]
    #[arg(long, value_name = "TIME")]
    pub not_before: Option<String>,
    /// Encrypt the new key with the password in this file (first line);
    /// KYSO_KEY_PASSWORD is used when this is not given
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Also write a PKCS#12 bundle (key + chain) protected by the key password
    #[arg(long, value_name = "FILE")]
    pub p12: Option<PathBuf>,
    /// Overwrite existing output files
    #[arg(long)]
    pub force: bool,
}

impl NewKeyArgs {
    /// Validity window `(not_before, not_after)` in Unix seconds.
    pub fn validity(&self, default_days: u32) -> Result<(i64, i64)> {
        let not_before = match &self.not_before {
            Some(s) => time::parse_user_time(s).ok_or_else(|| Error::InvalidOption {
                option: "--not-before",
                detail: format!("{s:?} is not an RFC 3339 time or a YYYY-MM-DD date"),
            })?,
            // A minute in the past, so that a verifier with a slightly slow clock accepts it.
            None => time::now_unix() - 60,
        };
        let days = self.days.unwrap_or(default_days);
        if days == 0 || days > 36_500 {
            return Err(Error::InvalidOption { option: "--days", detail: "must be from 1 to 36500".into() });
        }
        Ok((not_before, not_before + i64::from(days) * 86_400))
    }

    pub fn files(&self) -> IdentityFiles {
        IdentityFiles::for_prefix(&self.out, self.p12.clone())
    }
}

/// Report a newly written identity.
pub fn report_created(out: &Output, what: (&str, &str), files: &IdentityFiles, info: &CertInfo, encrypted: bool) {
    let l = out.lang;
    out.result(
        || {
            let mut s = format!("{}: {}\n", l.pick(what.0, what.1), info.subject);
            let row = |label: &str, p: &Path| format!("  {label:<14} {}\n", p.display());
            s += &row(l.pick("certificate:", "chứng thư:"), &files.cert);
            s += &row(l.pick("private key:", "khóa bí mật:"), &files.key);
            s += &row(l.pick("chain:", "chuỗi:"), &files.chain);
            if let Some(p) = &files.p12 {
                s += &row("PKCS#12:", p);
            }
            s += &format!("  {:<14} {} .. {}\n", l.pick("valid:", "hiệu lực:"), info.not_before, info.not_after);
            s += &format!("  {:<14} {}\n", "SHA-256:", info.sha256);
            if !encrypted {
                s += l.pick(
                    "  the private key is not encrypted (mode 0600); use --password-file to encrypt it\n",
                    "  khóa bí mật không được mã hóa (quyền 0600); dùng --password-file để mã hóa\n",
                );
            }
            s
        },
        || {
            json!({
                "certificate": info,
                "key_encrypted": encrypted,
                "files": {
                    "certificate": files.cert, "key": files.key, "chain": files.chain, "p12": files.p12,
                }
            })
        },
    );
}

//! `kyso cert verify CERT...`: validate certificates alone (RFC 5280 path validation), as
//! `openssl verify` and `step certificate verify` do, with the verdicts and reason codes
//! of signature verification.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use const_oid::ObjectIdentifier as Oid;

use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::pki::load;
use crate::report::cert::emit_verify;
use crate::report::output::Output;
use crate::verify::chain::{self, CertReport, PolicyInputs, Purpose, Request, Settings};
use crate::verify::trust::TrustStore;
use crate::verify::{ReasonCode, Summary};

/// Path-validation choices shared by `kyso verify` and `kyso cert verify`
/// (RFC 5280 §6.1.1 inputs; the same as `openssl verify`'s policy options).
#[derive(Debug, Args, Default, Clone)]
pub struct ValidationArgs {
    /// Without a usable CRL for every certificate below the anchor the result is
    /// indeterminate (TRY_LATER) [default: an unknown status is reported only]
    #[arg(long)]
    pub require_revocation: bool,
    /// An acceptable certificate policy OID (repeatable) [default: any policy]
    #[arg(long, value_name = "OID")]
    pub policy: Vec<String>,
    /// The path must be valid for at least one (acceptable) certificate policy
    #[arg(long)]
    pub explicit_policy: bool,
    /// Policy mappings are not allowed
    #[arg(long)]
    pub inhibit_policy_mapping: bool,
    /// anyPolicy in certificates is not taken as matching every policy
    #[arg(long)]
    pub inhibit_any_policy: bool,
}

impl ValidationArgs {
    pub fn settings(&self) -> Result<Settings> {
        let initial = self
            .policy
            .iter()
            .map(|p| {
                p.parse::<Oid>().map_err(|_| Error::InvalidOption {
                    option: "--policy",
                    detail: format!("{p:?} is not a dotted object identifier"),
                })
            })
            .collect::<Result<Vec<Oid>>>()?;
        Ok(Settings {
            require_revocation: self.require_revocation,
            policy: PolicyInputs {
                initial,
                explicit: self.explicit_policy,
                inhibit_mapping: self.inhibit_policy_mapping,
                inhibit_any: self.inhibit_any_policy,
            },
        })
    }
}

/// What the certificate must be good for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum PurposeArg {
    /// Signing documents (as `kyso verify` checks a signer)
    #[default]
    DocumentSigning,
    /// Any use: only the path is checked (openssl verify's default)
    Any,
    /// A time-stamping authority (EKU timeStamping)
    Timestamping,
    /// An OCSP responder (EKU OCSPSigning)
    OcspSigning,
}

impl From<PurposeArg> for Purpose {
    fn from(p: PurposeArg) -> Purpose {
        match p {
            PurposeArg::DocumentSigning => Purpose::DocumentSigning,
            PurposeArg::Any => Purpose::Any,
            PurposeArg::Timestamping => Purpose::TimeStamping,
            PurposeArg::OcspSigning => Purpose::OcspSigning,
        }
    }
}

#[derive(Debug, Args)]
#[command(after_help = "\
Each CERT file's first certificate is validated; further certificates in the same file help
build its chain. Verdicts and reason codes are those of `kyso verify` (valid, indeterminate,
invalid; e.g. NO_CERTIFICATE_CHAIN_FOUND, CHAIN_CONSTRAINTS_FAILURE, REVOKED, TRY_LATER).
Exit code 0 only when every certificate is valid.

Examples:
  kyso cert verify signer.crt --trust root.crt --certs inter.crt
  kyso cert verify signer.crt --trust roots/ --crl inter.crl --require-revocation --at 2026-01-31")]
pub struct CertVerifyArgs {
    /// Certificate files (PEM or DER)
    #[arg(required = true, value_name = "CERT")]
    pub files: Vec<PathBuf>,
    /// Trust anchors: a PEM/DER certificate file, a folder of them, or a trust store @NAME (repeatable)
    #[arg(long, value_name = "FILE|DIR|@NAME")]
    pub trust: Vec<PathBuf>,
    /// Untrusted intermediate certificates to help build chains: a file, a folder or a trust
    /// store @NAME (repeatable)
    #[arg(long, value_name = "FILE|DIR|@NAME")]
    pub certs: Vec<PathBuf>,
    /// CRLs (PEM or DER, repeatable)
    #[arg(long, value_name = "FILE")]
    pub crl: Vec<PathBuf>,
    /// Validation time, RFC 3339 or YYYY-MM-DD [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// What the certificate must be good for
    #[arg(long, value_enum, default_value_t = PurposeArg::DocumentSigning)]
    pub purpose: PurposeArg,
    #[command(flatten)]
    pub validation: ValidationArgs,
}

pub fn run(args: CertVerifyArgs, out: &Output) -> Result<ExitStatus> {
    let mut store = TrustStore::load(&args.trust, &args.certs, &args.crl)?;
    store.settings = args.validation.settings()?;
    let at = match &args.at {
        None => crate::pki::time::now_unix(),
        Some(s) => crate::pki::time::parse_user_time(s).ok_or_else(|| Error::InvalidOption {
            option: "--at",
            detail: format!("{s:?} is not an RFC 3339 time or a YYYY-MM-DD date"),
        })?,
    };
    let purpose = Purpose::from(args.purpose);
    let reports: Vec<CertReport> = args
        .files
        .iter()
        .map(|path| {
            let name = path.display().to_string();
            match load::read_certificates(path) {
                Ok(certs) if !certs.is_empty() => {
                    let outcome = chain::validate_request(&Request {
                        target: &certs[0],
                        untrusted: &certs[1..],
                        store: &store,
                        at,
                        purpose,
                        crls: &[],
                        ocsp: &[],
                    });
                    CertReport::new(name, purpose, at, outcome)
                }
                Ok(_) => CertReport::failed(name, ReasonCode::ParseFailed, "no certificate in the file".into()),
                Err(e @ Error::Read { .. }) => CertReport::failed(name, ReasonCode::ReadFailed, e.to_string()),
                Err(e) => CertReport::failed(name, ReasonCode::ParseFailed, e.to_string()),
            }
        })
        .collect();
    emit_verify(out, &reports);
    let mut summary = Summary::default();
    reports.iter().for_each(|r| summary.add(r.verdict));
    Ok(if summary.all_valid() { ExitStatus::Success } else { ExitStatus::Failure })
}

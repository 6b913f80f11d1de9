//! `kyso cert issue`: a certificate signed by a CA.

use std::path::PathBuf;

use clap::Args;

use super::NewKeyArgs;
use crate::cli::choices;
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::pki::cadb;
use crate::pki::issue::{AccessUrls, IssueRequest, Profile};
use crate::pki::store::LoadedCa;
use crate::pki::{dn, info::CertInfo, load, store};
use crate::report::output::Output;

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    kyso cert issue --ca pki/root --profile intermediate --subject \"CN=Kyso Test Sub CA,O=Kyso,C=VN\" --out pki/inter\n  \
    kyso cert issue --ca pki/inter --profile person --subject \"CN=Nguyễn Văn A,UID=CCCD:001088012345,C=VN\" \\\n    \
    --email a@example.vn --out pki/leader \\\n    \
    --ocsp-url http://127.0.0.1:8080/ocsp --crl-url http://127.0.0.1:8080/crl/inter.crl\n  \
    kyso cert issue --ca pki/inter --profile ocsp --subject \"CN=Kyso Test OCSP,C=VN\" --out pki/ocsp\n\n\
    Certificates issued with --ca PREFIX are recorded in PREFIX.index.txt (OpenSSL's index format), \
    which `kyso cert revoke`, `kyso cert crl` and `kyso pki serve` use.")]
pub struct IssueArgs {
    /// The issuing CA made by kyso: PREFIX.crt, PREFIX.key (and PREFIX.chain.pem)
    #[arg(long, value_name = "PREFIX", required_unless_present = "ca_cert", conflicts_with_all = ["ca_cert", "ca_key"])]
    pub ca: Option<PathBuf>,
    /// The issuing CA's certificate (PEM or DER; may hold its chain, CA first)
    #[arg(long, value_name = "FILE", requires = "ca_key")]
    pub ca_cert: Option<PathBuf>,
    /// The issuing CA's private key
    #[arg(long, value_name = "FILE", requires = "ca_cert")]
    pub ca_key: Option<PathBuf>,
    /// Password of the CA key, in a file; KYSO_CA_KEY_PASSWORD is used when not given
    #[arg(long, value_name = "FILE")]
    pub ca_password_file: Option<PathBuf>,
    /// What the certificate is for
    #[arg(long, value_enum)]
    pub profile: choices::Profile,
    /// E-mail address for the subjectAltName (repeatable)
    #[arg(long, value_name = "ADDRESS")]
    pub email: Vec<String>,
    /// OCSP responder URL for authorityInfoAccess (repeatable; http://)
    #[arg(long, value_name = "URL")]
    pub ocsp_url: Vec<String>,
    /// CRL distribution point URL (repeatable; http://)
    #[arg(long, value_name = "URL")]
    pub crl_url: Vec<String>,
    /// URL of the issuer's certificate for authorityInfoAccess caIssuers (repeatable; http://)
    #[arg(long, value_name = "URL")]
    pub ca_issuers_url: Vec<String>,
    #[command(flatten)]
    pub key: NewKeyArgs,
}

pub fn run(args: IssueArgs, out: &Output) -> Result<ExitStatus> {
    let a = &args.key;
    let profile = Profile::from(args.profile);
    let subject = dn::parse(&a.subject).map_err(|reason| Error::InvalidDn { input: a.subject.clone(), reason })?;
    let default_days = if profile == Profile::Intermediate { 1825 } else { 365 };
    let (not_before, not_after) = a.validity(default_days)?;
    let password = load::password(a.password_file.as_deref(), "KYSO_KEY_PASSWORD")?;
    let files = a.files();
    files.check(a.force)?;
    if files.p12.is_some() && password.is_none() {
        return Err(Error::P12NeedsPassword);
    }
    let ca_password = load::password(args.ca_password_file.as_deref(), "KYSO_CA_KEY_PASSWORD")?;
    let ca_password = ca_password.as_deref().map(|p| p.as_slice());
    let ca = match (&args.ca, &args.ca_cert, &args.ca_key) {
        (Some(prefix), _, _) => LoadedCa::load_prefix(prefix, ca_password)?,
        (None, Some(cert), Some(key)) => LoadedCa::load(cert, key, ca_password)?,
        _ => {
            return Err(Error::InvalidOption {
                option: "--ca",
                detail: "give --ca PREFIX or --ca-cert and --ca-key".into(),
            });
        }
    };
    let urls =
        AccessUrls { ocsp: args.ocsp_url.clone(), ca_issuers: args.ca_issuers_url.clone(), crl: args.crl_url.clone() };
    let req = IssueRequest { subject, profile, not_before, not_after, emails: args.email.clone(), urls };
    let id = store::create(&req, a.key_type.into(), Some(&ca))?;
    // The issuing CA records the certificate before it exists on disk: a CA must never
    // have issued something its database (and so its CRLs and OCSP) does not know.
    if let Some(prefix) = &args.ca {
        cadb::record_issued(&cadb::path_for(prefix), &id.chain[0])?;
    }
    files.write(&id.key, &id.chain, password.as_deref().map(|p| p.as_slice()), a.force)?;
    if profile.is_ca() {
        cadb::create_empty(&cadb::path_for(&a.out))?;
    }
    let info = CertInfo::new(&id.chain[0]);
    super::report_created(out, ("Issued certificate", "Đã cấp chứng thư"), &files, &info, password.is_some());
    Ok(ExitStatus::Success)
}

//! `kyso cert ca`: a self-signed root CA.

use clap::Args;

use super::NewKeyArgs;
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::pki::issue::{IssueRequest, Profile};
use crate::pki::{dn, info::CertInfo, load, store};
use crate::report::output::Output;

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  kyso cert ca --subject \"CN=Kyso Test Root CA,O=Kyso,C=VN\" --out pki/root")]
pub struct CaArgs {
    #[command(flatten)]
    pub key: NewKeyArgs,
}

pub fn run(args: CaArgs, out: &Output) -> Result<ExitStatus> {
    let a = &args.key;
    let subject = dn::parse(&a.subject).map_err(|reason| Error::InvalidDn { input: a.subject.clone(), reason })?;
    let (not_before, not_after) = a.validity(3650)?;
    let password = load::password(a.password_file.as_deref(), "KYSO_KEY_PASSWORD")?;
    let files = a.files();
    files.check(a.force)?;
    if files.p12.is_some() && password.is_none() {
        return Err(Error::P12NeedsPassword);
    }
    let req = IssueRequest {
        subject,
        profile: Profile::Root,
        not_before,
        not_after,
        emails: vec![],
        urls: Default::default(),
    };
    let id = store::create(&req, a.key_type.into(), None)?;
    files.write(&id.key, &id.chain, password.as_deref().map(|p| p.as_slice()), a.force)?;
    crate::pki::cadb::create_empty(&crate::pki::cadb::path_for(&a.out))?;
    let info = CertInfo::new(&id.chain[0]);
    super::report_created(out, ("Created root CA", "Đã tạo CA gốc"), &files, &info, password.is_some());
    Ok(ExitStatus::Success)
}

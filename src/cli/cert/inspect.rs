//! `kyso cert inspect`: show what certificates say, without verifying them.

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use crate::error::Result;
use crate::exit::ExitStatus;
use crate::pki::info::CertInfo;
use crate::pki::load;
use crate::report::cert::render_inspect;
use crate::report::output::Output;

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Certificate or chain files (PEM with one or more certificates, or DER)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

pub fn run(args: InspectArgs, out: &Output) -> Result<ExitStatus> {
    let mut docs = Vec::new();
    for path in &args.files {
        let infos: Vec<CertInfo> = load::read_certificates(path)?.iter().map(CertInfo::new).collect();
        docs.push((path.display().to_string(), infos));
    }
    out.result(
        || docs.iter().map(|(p, infos)| render_inspect(out, p, infos)).collect::<Vec<_>>().join("\n"),
        || {
            json!({
                "verified": false,
                "files": docs.iter().map(|(p, infos)| json!({"path": p, "certificates": infos})).collect::<Vec<_>>(),
            })
        },
    );
    Ok(ExitStatus::Success)
}

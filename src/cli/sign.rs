//! `kyso sign FILE`: sign a document. Detached CMS (`FILE.p7s`) for any file.

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use super::args::SignerArgs;
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::format::{self, DocFormat};
use crate::fsutil::{self, WriteOptions};
use crate::pki::{dn, time};
use crate::report::output::Output;

#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  kyso sign report.docx --key pki/leader.key --cert pki/leader.chain.pem   # writes report.docx.p7s"
)]
pub struct SignArgs {
    /// The document to sign (never modified)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub signer: SignerArgs,
    /// Output file [default: FILE.p7s for a detached signature]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write a detached CMS signature (.p7s) whatever the document's format
    #[arg(long)]
    pub detached: bool,
    /// Write the detached signature as PEM instead of DER
    #[arg(long)]
    pub pem: bool,
    /// Overwrite an existing output file
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: SignArgs, out: &Output) -> Result<ExitStatus> {
    let fmt = format::sniff(&args.file).map_err(|source| Error::Read {
        path: args.file.clone(),
        source,
    })?;
    if !args.detached && matches!(fmt, DocFormat::Pdf | DocFormat::Xml) {
        return Err(Error::Unsupported {
            path: args.file.clone(),
            detail:
                "PDF and XML signing come in a later version; use --detached for a .p7s signature"
                    .into(),
        });
    }
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| fsutil::with_suffix(&args.file, ".p7s"));
    if output == args.file {
        return Err(Error::InvalidOption {
            option: "--output",
            detail: "the output must not be the input".into(),
        });
    }
    fsutil::check_writable(&output, args.force)?;
    let id = args.signer.load(out)?;
    let file = std::fs::File::open(&args.file).map_err(|source| Error::Read {
        path: args.file.clone(),
        source,
    })?;
    let now = time::now_unix();
    let der = crate::cms::detached::sign(
        std::io::BufReader::new(file),
        &id,
        args.signer.digest,
        args.signer.pss,
        now,
    )?;
    let bytes = if args.pem {
        crate::cms::build::to_pem(&der)
            .map_err(|e| Error::Crypto(e.to_string()))?
            .into_bytes()
    } else {
        der
    };
    fsutil::write_atomic(&output, &bytes, WriteOptions::PUBLIC.force(args.force))?;
    let subject = dn::to_string(id.cert.tbs_certificate().subject());
    let scheme = id.signer.scheme(args.signer.digest, args.signer.pss).name();
    let l = out.lang;
    out.result(
        || {
            format!(
                "{} {} → {}\n  {:<12} {subject}\n  {:<12} {scheme}\n",
                l.pick("signed", "đã ký"),
                args.file.display(),
                output.display(),
                l.pick("signer:", "người ký:"),
                l.pick("algorithm:", "thuật toán:"),
            )
        },
        || {
            json!({"signed": [{
                "input": args.file, "output": output, "format": "cms", "signer": subject,
                "algorithm": scheme, "signing_time": time::rfc3339(now), "bytes": bytes.len(),
            }]})
        },
    );
    Ok(ExitStatus::Success)
}

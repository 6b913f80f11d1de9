//! A file and its detached CMS signature (`FILE` + `FILE.p7s`).

use std::path::{Path, PathBuf};

use super::cms::{needed_digests, verify_signed_data};
use super::{FileReport, ReasonCode, VerifyOptions};
use crate::cms::parse;
use crate::pki::alg::digest_reader;

/// Largest signature file read (a CMS with a long chain is a few tens of KB).
pub const MAX_SIGNATURE_FILE: u64 = 16 << 20;

/// The detached signature that goes with `path`, if one lies beside it (`FILE.p7s`).
pub fn sibling_signature(path: &Path) -> Option<PathBuf> {
    let sig = crate::fsutil::with_suffix(path, ".p7s");
    sig.is_file().then_some(sig)
}

/// If `path` is itself a `.p7s` whose content file lies beside it, that content file.
pub fn content_for_signature(path: &Path) -> Option<PathBuf> {
    let name = path.to_str()?;
    let content = PathBuf::from(name.strip_suffix(".p7s")?);
    content.is_file().then_some(content)
}

/// Verify `content` against the detached signature in `signature`.
pub fn verify(content: &Path, signature: &Path, opts: &VerifyOptions) -> FileReport {
    let name = content.display().to_string();
    let sig_bytes = match read_limited(signature) {
        Ok(b) => b,
        Err(e) => {
            return FileReport::failed(name, "cms", ReasonCode::ReadFailed, format!("{}: {e}", signature.display()));
        }
    };
    let sd = match parse::parse(&sig_bytes) {
        Ok(sd) => sd,
        Err(e) => {
            return FileReport::failed(name, "cms", ReasonCode::ParseFailed, format!("{}: {e}", signature.display()));
        }
    };
    let algs = needed_digests(&sd);
    let (digests, coverage) = match &sd.econtent {
        // An attached signature carries its content: verify that, and say so.
        Some(inner) => match digest_reader(inner.as_slice(), &algs) {
            Ok(d) => (d, "content embedded in the signature".to_string()),
            Err(e) => {
                return FileReport::failed(name, "cms", ReasonCode::ReadFailed, e.to_string());
            }
        },
        None => {
            let file = match std::fs::File::open(content) {
                Ok(f) => f,
                Err(e) => {
                    return FileReport::failed(name, "cms", ReasonCode::ReadFailed, e.to_string());
                }
            };
            match digest_reader(std::io::BufReader::new(file), &algs) {
                Ok(d) => (d, "whole file".to_string()),
                Err(e) => {
                    return FileReport::failed(name, "cms", ReasonCode::ReadFailed, e.to_string());
                }
            }
        }
    };
    let sigs = verify_signed_data(&sd, &digests, opts, &coverage);
    FileReport::from_signatures(name, "cms", sigs)
}

/// Verify `content` against the detached signature `signature`, both in memory (files
/// inside an edXML package or a zip).
pub fn verify_bytes(name: String, content: &[u8], signature: &[u8], opts: &VerifyOptions) -> FileReport {
    let sd = match parse::parse(signature) {
        Ok(sd) => sd,
        Err(e) => return FileReport::failed(name, "cms", ReasonCode::ParseFailed, e.to_string()),
    };
    let (data, coverage) = match &sd.econtent {
        Some(inner) => (inner.as_slice(), "content embedded in the signature"),
        None => (content, "whole file"),
    };
    match digest_reader(data, &needed_digests(&sd)) {
        Ok(digests) => FileReport::from_signatures(name, "cms", verify_signed_data(&sd, &digests, opts, coverage)),
        Err(e) => FileReport::failed(name, "cms", ReasonCode::ReadFailed, e.to_string()),
    }
}

fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if meta.len() > MAX_SIGNATURE_FILE {
        return Err(std::io::Error::other(format!("larger than {} bytes", MAX_SIGNATURE_FILE)));
    }
    std::fs::read(path)
}

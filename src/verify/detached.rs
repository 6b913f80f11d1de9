//! CMS files: a file with its signature (`FILE` + `FILE.p7s` or `--signature SIG`), and a
//! CMS file on its own (an attached `.p7m` carrying its content, or a `.p7s` whose content
//! lies beside it).
//!
//! A signature given for a file is checked against that file: when the CMS also carries
//! content, that content must be the file's bytes (else HASH_FAILURE) — a signature over
//! something else never vouches for the file. Bytes after the CMS are reported: padding
//! (zeros, whitespace) as a warning, anything else (data, a second CMS) as FORMAT_FAILURE.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::cms::{needed_digests, verify_signed_data_all};
use super::{FileReport, Note, NoteCode, Reason, ReasonCode, SignatureReport, VerifyOptions, verdict_of};
use crate::cms::parse::{self, ParsedSignedData, Trailing};
use crate::pki::alg::{DigestAlg, digest_reader};

/// Largest CMS file read into memory: a detached signature is a few tens of KB; an
/// attached one carries its content (scanned documents, PDFs).
pub const MAX_CMS_FILE: u64 = 512 << 20;

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

fn read_cms(path: &Path) -> Result<ParsedSignedData, (ReasonCode, String)> {
    let bytes = read_limited(path).map_err(|e| (ReasonCode::ReadFailed, format!("{}: {e}", path.display())))?;
    parse::parse(&bytes).map_err(|e| (ReasonCode::ParseFailed, format!("{}: {e}", path.display())))
}

/// Verify `content` against the signature in `signature`.
pub fn verify(content: &Path, signature: &Path, opts: &VerifyOptions) -> FileReport {
    let name = content.display().to_string();
    let sd = match read_cms(signature) {
        Ok(sd) => sd,
        Err((code, detail)) => return FileReport::failed(name, "cms", code, detail),
    };
    let algs = needed_digests(&sd);
    let digests = match std::fs::File::open(content).and_then(|f| digest_reader(std::io::BufReader::new(f), &algs)) {
        Ok(d) => d,
        Err(e) => return FileReport::failed(name, "cms", ReasonCode::ReadFailed, e.to_string()),
    };
    let mut coverage = "whole file".to_string();
    let mut differs = false;
    if let Some(inner) = &sd.econtent {
        match same_bytes(content, inner) {
            Ok(true) => coverage += " (also embedded in the signature)",
            Ok(false) => differs = true,
            Err(e) => return FileReport::failed(name, "cms", ReasonCode::ReadFailed, e.to_string()),
        }
    }
    let mut sigs = verify_signed_data_all(&sd, &digests, opts, &coverage);
    if differs {
        for s in &mut sigs {
            s.reasons.push(Reason::new(
                ReasonCode::HashFailure,
                format!("the signature carries other content than {}", content.display()),
            ));
        }
    }
    finish(name, &sd, sigs)
}

/// Verify a CMS file on its own: against the content file beside a `.p7s` when there is
/// one, else its embedded content, else SIGNED_DATA_NOT_FOUND (the signature values are
/// still checked over the signed attributes).
pub fn verify_cms_file(path: &Path, opts: &VerifyOptions) -> FileReport {
    let name = path.display().to_string();
    let sd = match read_cms(path) {
        Ok(sd) => sd,
        Err((code, detail)) => return FileReport::failed(name, "cms", code, detail),
    };
    // `FILE.p7s` beside `FILE`: the signature is for that file, embedded content or not.
    if let Some(content) = content_for_signature(path) {
        return verify(&content, path, opts);
    }
    let (digests, coverage): (Vec<(DigestAlg, Vec<u8>)>, String) = match &sd.econtent {
        Some(inner) => {
            let algs = needed_digests(&sd);
            (
                algs.iter().map(|&a| (a, a.digest(inner))).collect(),
                format!("content embedded in the signature ({} bytes)", inner.len()),
            )
        }
        None => (vec![], "content not found".to_string()),
    };
    let sigs = verify_signed_data_all(&sd, &digests, opts, &coverage);
    finish(name, &sd, sigs)
}

/// Reasons and notes that concern the whole CMS, on every signature.
fn finish(name: String, sd: &ParsedSignedData, mut sigs: Vec<SignatureReport>) -> FileReport {
    for s in &mut sigs {
        match sd.trailing {
            Trailing::None => {}
            Trailing::Padding(n) => {
                s.notes.push(Note::new(NoteCode::Warning, format!("{n} bytes of padding after the CMS")));
            }
            Trailing::Data(n) => s.reasons.push(Reason::new(
                ReasonCode::FormatFailure,
                format!("{n} bytes of other data after the CMS (a second structure?)"),
            )),
        }
        s.verdict = verdict_of(&s.reasons);
    }
    if sd.signers.is_empty() {
        return FileReport::failed(name, "cms", ReasonCode::NoSignature, "the SignedData has no SignerInfo");
    }
    FileReport::from_signatures(name, "cms", sigs)
}

/// Whether the file at `path` holds exactly `bytes` (read as a stream).
fn same_bytes(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    let f = std::fs::File::open(path)?;
    if f.metadata()?.len() != bytes.len() as u64 {
        return Ok(false);
    }
    let mut reader = std::io::BufReader::new(f);
    let mut buf = vec![0u8; 1 << 16];
    let mut pos = 0;
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            return Ok(pos == bytes.len());
        }
        if bytes.get(pos..pos + n) != Some(&buf[..n]) {
            return Ok(false);
        }
        pos += n;
    }
}

/// The content a CMS file carries (for `kyso verify --extract`), if any.
pub fn embedded_content(path: &Path) -> Result<Option<Vec<u8>>, String> {
    read_cms(path).map(|sd| sd.econtent).map_err(|(_, d)| d)
}

/// Verify `content` against the detached signature `signature`, both in memory (files
/// inside an edXML package or a zip), by the same rule as [`verify`]: embedded content
/// that differs from `content` is HASH_FAILURE.
pub fn verify_bytes(name: String, content: &[u8], signature: &[u8], opts: &VerifyOptions) -> FileReport {
    let sd = match parse::parse(signature) {
        Ok(sd) => sd,
        Err(e) => return FileReport::failed(name, "cms", ReasonCode::ParseFailed, e.to_string()),
    };
    let digests: Vec<(DigestAlg, Vec<u8>)> = needed_digests(&sd).into_iter().map(|a| (a, a.digest(content))).collect();
    let differs = sd.econtent.as_deref().is_some_and(|inner| inner != content);
    let coverage =
        if sd.econtent.is_some() && !differs { "whole file (also embedded in the signature)" } else { "whole file" };
    let mut sigs = verify_signed_data_all(&sd, &digests, opts, coverage);
    if differs {
        for s in &mut sigs {
            s.reasons
                .push(Reason::new(ReasonCode::HashFailure, format!("the signature carries other content than {name}")));
        }
    }
    finish(name, &sd, sigs)
}

fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if meta.len() > MAX_CMS_FILE {
        return Err(std::io::Error::other(format!("larger than {MAX_CMS_FILE} bytes")));
    }
    std::fs::read(path)
}

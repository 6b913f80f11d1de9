//! `kyso edxml extract`: the attachments of a package as files in a folder.
//!
//! Every attachment is decoded twice — once to plan (its name, whether it decodes), once
//! to write — so memory holds one attachment at a time. Names are made safe by
//! [`super::names`]; a zip whose name does not say so gets `.zip` added (the exchange
//! SDKs keep the original name, e.g. `QĐ.doc`, on the zipped bytes). Before anything is
//! written every target is checked: an existing file stops the whole extraction unless
//! `force`. Each file is written atomically; nothing is written outside the folder.

use std::io::BufReader;
use std::path::{Path, PathBuf};

use super::decode::{self, Family};
use super::{AttachmentInfo, EdxmlError, Limits, names};
use crate::error::{Error, Result};
use crate::fsutil::{self, WriteOptions};

/// One attachment's outcome.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Extracted {
    pub content_id: String,
    /// The name the package gives.
    pub name: String,
    /// Where it was written (None when it could not be decoded).
    pub path: Option<PathBuf>,
    pub size: Option<u64>,
    /// Why it was not written.
    pub problem: Option<String>,
}

const ZIP_NAMES: [&str; 10] = [".zip", ".docx", ".xlsx", ".pptx", ".docm", ".xlsm", ".odt", ".ods", ".odp", ".edxml"];

/// Extract the attachments of the package at `pkg_path` into `dir`.
pub fn extract(pkg_path: &Path, dir: &Path, force: bool, limits: &Limits) -> Result<Vec<Extracted>> {
    let open = || std::fs::File::open(pkg_path).map_err(|source| Error::Read { path: pkg_path.to_path_buf(), source });
    let pkg = super::parse(BufReader::new(open()?), limits).map_err(|e| match e {
        EdxmlError::Io(source) => Error::Read { path: pkg_path.to_path_buf(), source },
        other => Error::Unsupported { path: pkg_path.to_path_buf(), detail: other.to_string() },
    })?;
    let mut file = open()?;
    let mut budget = limits.max_package_size;
    let mut plan: Vec<(Extracted, String)> = Vec::new();
    for (i, a) in pkg.attachments.iter().enumerate() {
        let fallback = format!("attachment-{}", i + 1);
        let mut e = Extracted {
            content_id: a.content_id.clone(),
            name: AttachmentInfo::display_name(a, &fallback),
            path: None,
            size: None,
            problem: None,
        };
        let decoded = match (&a.problem, &a.encoded) {
            (Some(super::Problem::Limit(d) | super::Problem::Malformed(d)), _) => Err(d.clone()),
            (None, None) => Err("no ContentTransferEncoded".to_string()),
            (None, Some(range)) => {
                decode::attachment(&mut file, range, limits.max_attachment_size.min(budget)).map_err(|e| e.to_string())
            }
        };
        let mut safe = names::sanitize(a.name.trim(), &fallback);
        match decoded {
            Ok(bytes) => {
                budget = budget.saturating_sub(bytes.len() as u64);
                e.size = Some(bytes.len() as u64);
                let lower = safe.to_lowercase();
                if Family::of(&bytes) == Family::Zip && !ZIP_NAMES.iter().any(|z| lower.ends_with(z)) {
                    safe.push_str(".zip");
                }
            }
            Err(p) => e.problem = Some(p),
        }
        plan.push((e, safe));
    }
    for p in &pkg.problems {
        let (super::Problem::Limit(d) | super::Problem::Malformed(d)) = p;
        plan.push((
            Extracted {
                content_id: String::new(),
                name: String::new(),
                path: None,
                size: None,
                problem: Some(d.clone()),
            },
            String::new(),
        ));
    }
    let wanted: Vec<String> = plan.iter().filter(|(e, _)| e.problem.is_none()).map(|(_, n)| n.clone()).collect();
    let mut unique = names::unique(&wanted).into_iter();
    for (e, n) in plan.iter_mut().filter(|(e, _)| e.problem.is_none()) {
        *n = unique.next().unwrap_or_default();
        e.path = Some(dir.join(&*n));
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_path_buf(), source })?;
    for (e, _) in &plan {
        if let Some(p) = &e.path {
            fsutil::check_writable(p, force)?;
        }
    }
    let mut budget = limits.max_package_size;
    for ((e, _), a) in plan.iter_mut().zip(&pkg.attachments) {
        let (Some(path), Some(range)) = (&e.path, &a.encoded) else { continue };
        match decode::attachment(&mut file, range, limits.max_attachment_size.min(budget)) {
            Ok(bytes) => {
                budget = budget.saturating_sub(bytes.len() as u64);
                fsutil::write_atomic(path, &bytes, WriteOptions::PUBLIC.force(force))?;
            }
            Err(err) => {
                e.problem = Some(err.to_string());
                e.path = None;
            }
        }
    }
    Ok(plan.into_iter().map(|(e, _)| e).collect())
}

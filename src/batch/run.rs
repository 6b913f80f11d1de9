//! The parallel drivers of `kyso batch sign` and `kyso batch verify`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::manifest::{Outcome, Status, sha256_file};
use super::walk::{Entry, Walker};
use crate::error::{Error, Result};
use crate::format::{self, DocFormat};
use crate::pki::{dn, identity::SigningIdentity, time};
use crate::sign::{SignSettings, sign_read};
use crate::verify::{FileReport, Verdict, VerifyOptions};

/// What to do with files that are neither PDF nor XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Others {
    /// Leave them out (reported as skipped)
    Skip,
    /// Write a detached CMS signature FILE.p7s for each
    P7s,
}

pub struct SignBatch<'a> {
    pub input: PathBuf,
    pub out_dir: PathBuf,
    pub in_place: bool,
    pub walker: Walker,
    pub others: Others,
    pub id: &'a SigningIdentity,
    pub settings: SignSettings,
    /// Skip files whose output already exists and verifies.
    pub resume: bool,
    /// Compute SHA-256 of inputs and outputs (for the manifest; an extra pass each).
    pub hashes: bool,
}

fn pool(jobs: Option<usize>) -> Result<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        b = b.num_threads(n.max(1));
    }
    b.build().map_err(|e| Error::InvalidOption { option: "--jobs", detail: e.to_string() })
}

impl SignBatch<'_> {
    /// Refuse an output folder inside the input folder (the walk would sign outputs).
    pub fn check(&self) -> Result<()> {
        if self.in_place {
            return Ok(());
        }
        let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let (i, o) = (canon(&self.input), canon(&self.out_dir));
        if o.starts_with(&i) {
            return Err(Error::InvalidOption {
                option: "--output",
                detail: "the output folder must not be inside the input folder (use --in-place to sign in place)"
                    .into(),
            });
        }
        Ok(())
    }

    fn output_for(&self, e: &Entry, kind: DocFormat) -> PathBuf {
        let base = if self.in_place { e.path.clone() } else { self.out_dir.join(&e.rel) };
        match kind {
            DocFormat::Pdf | DocFormat::Xml => base,
            _ => crate::fsutil::with_suffix(&base, ".p7s"),
        }
    }

    /// Sign one file into its mirrored place. Never panics, never returns early: every
    /// problem becomes the file's outcome.
    pub fn sign_one(&self, e: &Entry) -> Outcome {
        // Read once: the format is sniffed from the bytes that are then signed.
        match crate::fsutil::map(&e.path) {
            Ok(data) => self.sign_data(e, &data),
            Err(err) => {
                let mut o = self.blank(e);
                o.reason = Some(err.to_string());
                o
            }
        }
    }

    /// A failed outcome for `e`, to be filled in.
    fn blank(&self, e: &Entry) -> Outcome {
        let now = time::rfc3339(time::now_unix());
        Outcome {
            input: e.path.clone(),
            output: None,
            status: Status::Failed,
            reason: None,
            format: None,
            input_sha256: None,
            output_sha256: None,
            signer: Some(dn::to_string(self.id.cert.tbs_certificate().subject())),
            time: now,
        }
    }

    /// Sign `e`, whose bytes are `data`.
    fn sign_data(&self, e: &Entry, data: &[u8]) -> Outcome {
        let mut o = self.blank(e);
        let kind = format::sniff_bytes(&data[..data.len().min(1024)]);
        let kind = if matches!(kind, DocFormat::Pdf | DocFormat::Xml) { kind } else { DocFormat::Other };
        if kind == DocFormat::Other && self.others == Others::Skip {
            o.status = Status::Skipped;
            o.reason = Some("not a PDF or XML document (--others skip)".into());
            return o;
        }
        let output = self.output_for(e, kind);
        o.format = Some(
            match kind {
                DocFormat::Pdf => "pdf",
                DocFormat::Xml => "xml",
                _ => "cms",
            }
            .into(),
        );
        o.output = Some(output.clone());
        if self.hashes {
            o.input_sha256 = Some(hex::encode(crate::pki::alg::DigestAlg::Sha256.digest(data)));
        }
        if self.resume && output.exists() && self.output_verifies(&e.path, &output, kind) {
            o.status = Status::Skipped;
            o.reason = Some("already signed (resumed; the output verifies)".into());
            if self.hashes {
                o.output_sha256 = sha256_file(&output);
            }
            return o;
        }
        // The output folder itself was made by `run`; only subfolders are made here.
        if let Some(dir) = output.parent()
            && dir != self.out_dir
            && let Err(err) = std::fs::create_dir_all(dir)
        {
            o.reason = Some(format!("{}: {err}", dir.display()));
            return o;
        }
        // A detached signature is only useful beside its content: copy the content into
        // the output tree too, so OUT_DIR is complete and verifiable on its own.
        if kind == DocFormat::Other && !self.in_place {
            let copy = self.out_dir.join(&e.rel);
            let copied = crate::fsutil::copy_atomic(&e.path, &copy, crate::fsutil::WriteOptions::PUBLIC.force(true));
            if let Err(err) = copied {
                o.reason = Some(err.to_string());
                return o;
            }
        }
        let mut settings = self.settings.clone();
        // In place, the signed PDF/XML replaces the input (atomically), as asked.
        settings.force = settings.force || (self.in_place && kind != DocFormat::Other) || self.resume;
        let result = if self.in_place && kind != DocFormat::Other {
            let tmp = crate::fsutil::with_suffix(&output, ".kyso-signing");
            sign_read(&e.path, data, &tmp, kind, self.id, &settings).and_then(|d| {
                std::fs::rename(&tmp, &output).map_err(|source| Error::Write { path: output.clone(), source })?;
                Ok(d)
            })
        } else {
            sign_read(&e.path, data, &output, kind, self.id, &settings)
        };
        match result {
            Ok(_) => {
                o.status = Status::Signed;
                if self.hashes {
                    o.output_sha256 = sha256_file(&output);
                }
            }
            Err(err) => o.reason = Some(err.to_string()),
        }
        o
    }

    /// For `--resume`: the output exists, carries a signature by this signer, and nothing
    /// in it is invalid (the chain may still be untrusted: no anchors are given here).
    fn output_verifies(&self, input: &Path, output: &Path, kind: DocFormat) -> bool {
        let opts = VerifyOptions {
            trust: Default::default(),
            at: time::now_unix(),
            pdf_password: self.settings.pdf.password.clone(),
            ..Default::default()
        };
        let report = match kind {
            DocFormat::Pdf => crate::verify::pdf::verify(output, &opts),
            DocFormat::Xml => crate::verify::xml::verify(output, &opts, &crate::xml::dsig::default_id_attrs()),
            _ => crate::verify::detached::verify(input, output, &opts),
        };
        let fp = crate::pki::info::fingerprint(&self.id.cert);
        !matches!(report.verdict, Verdict::Invalid | Verdict::Error | Verdict::Unsigned)
            && report.signatures.iter().any(|s| s.signer.as_ref().is_some_and(|c| c.sha256 == fp))
    }

    /// Sign every file, `jobs` at a time; `on_done` sees each outcome as it is made.
    pub fn run(
        &self,
        jobs: Option<usize>,
        cancel: &AtomicBool,
        on_done: &(dyn Fn(&Outcome, u64) + Sync),
    ) -> Result<()> {
        self.check()?;
        if !self.in_place {
            std::fs::create_dir_all(&self.out_dir)
                .map_err(|source| Error::Write { path: self.out_dir.clone(), source })?;
        }
        let pool = pool(jobs)?;
        // In place, an unsynced rename over the input could lose the original in a power cut:
        // there every file keeps its own fsync. Elsewhere the tree is synced once per window.
        let durable = (!self.in_place).then(|| super::durable::Durable::new(&self.out_dir, on_done));
        pool.install(|| {
            self.walker_entries().par_bridge().for_each(|entry| {
                if cancel.load(Ordering::Relaxed) {
                    return;
                }
                match (entry, &durable) {
                    (Ok(e), Some(d)) => d.add(crate::fsutil::with_deferred_sync(|| self.sign_one(&e)), e.size),
                    (Ok(e), None) => on_done(&self.sign_one(&e), e.size),
                    (Err(p), _) => on_done(&walk_failure(&p.path, &p.detail), 0),
                }
            })
        });
        if let Some(d) = &durable {
            d.flush();
        }
        Ok(())
    }

    fn walker_entries(&self) -> impl Iterator<Item = std::result::Result<Entry, super::walk::WalkProblem>> + Send + '_ {
        self.walker.walk(&self.input).filter(|e| !is_kyso_temp(e))
    }
}

fn is_kyso_temp(e: &std::result::Result<Entry, super::walk::WalkProblem>) -> bool {
    matches!(e, Ok(e) if e.path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(".kyso-") || n.ends_with(".kyso-signing")))
}

fn walk_failure(path: &Path, detail: &str) -> Outcome {
    Outcome {
        input: path.to_path_buf(),
        output: None,
        status: Status::Failed,
        reason: Some(detail.to_string()),
        format: None,
        input_sha256: None,
        output_sha256: None,
        signer: None,
        time: time::rfc3339(time::now_unix()),
    }
}

/// Remove temporary files a killed batch left in `dir` (`.kyso-*.tmp`, `*.kyso-signing`).
pub fn clean_stale_temps(dir: &Path) -> usize {
    let mut n = 0;
    for e in walkdir::WalkDir::new(dir).follow_links(false).into_iter().filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy();
        if e.file_type().is_file()
            && ((name.starts_with(".kyso-") && name.ends_with(".tmp")) || name.ends_with(".kyso-signing"))
            && std::fs::remove_file(e.path()).is_ok()
        {
            n += 1;
        }
    }
    n
}

/// Verify every file under `roots`, `jobs` at a time. A `FILE.p7s` whose `FILE` is also
/// there is verified with it, not on its own.
pub fn verify_batch(
    roots: &[PathBuf],
    walker: &Walker,
    opts: &VerifyOptions,
    id_attrs: &[String],
    jobs: Option<usize>,
    cancel: &AtomicBool,
    on_done: &(dyn Fn(FileReport, u64) + Sync),
) -> Result<()> {
    let pool = pool(jobs)?;
    pool.install(|| {
        roots.iter().flat_map(|r| walker.walk(r)).par_bridge().for_each(|entry| {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            match entry {
                Ok(e) => {
                    if crate::verify::detached::content_for_signature(&e.path).is_some() {
                        return; // verified together with its content file
                    }
                    let report = crate::verify::verify_path(&e.path, None, opts, id_attrs);
                    on_done(report, e.size);
                }
                Err(p) => on_done(
                    FileReport::failed(
                        p.path.display().to_string(),
                        "unknown",
                        crate::verify::ReasonCode::ReadFailed,
                        p.detail,
                    ),
                    0,
                ),
            }
        })
    });
    Ok(())
}

//! The revision analysis: what each incremental revision after a signature changed, and
//! whether the signature's document permits it (ISO 32000-1 §12.8, DocMDP and FieldMDP;
//! ETSI EN 319 142-1 for the DSS and document timestamps).
//!
//! It is *fail closed*: each revision is compared with the one before it by the rules of
//! [`rules::POLICY`] (pages and content; annotations and forms; catalog, DSS and
//! metadata), which report typed [`Finding`]s and account for the objects they explain;
//! the last rule refuses every object no rule explains. Findings do not depend on the
//! signature: [`history`] computes them once per document (each revision snapshot built
//! once, each object parsed once, each object pair compared once per revision pair),
//! and [`judge`] decides per signature, from the DocMDP permission and the FieldMDP
//! locks in force at each revision, what is allowed.
//!
//! Work is bounded by one budget per document ([`objects::DEFAULT_WORK_LIMIT`] object
//! visits); a revision the budget (or a structure kyso cannot read) leaves unjudged is
//! [`Unassessed`], never silently accepted.
//!
//! Trailing bytes after the last `%%EOF` that form no revision are reported as a note:
//! viewers ignore them. (Objects the signed revision's cross-reference table places
//! after the signed bytes are refused by [`crate::pdf::analysis::signatures`].)

mod compare;
pub mod finding;
pub mod judge;
pub mod objects;
pub mod rules;
mod snapshot;

pub use finding::{ChangeClass, Finding, FindingCode};
pub use judge::{MdpState, RevisionRuling, Ruling, SignatureAnalysis, judge, permits};
pub use objects::{DEFAULT_WORK_LIMIT, WORK_LIMIT};

use objects::Objects;
use snapshot::Snapshot;

use super::signatures::{PdfSignature, docmdp_permission, find_signatures};
use crate::pdf::syntax::error::{PdfError, Result};
use crate::pdf::syntax::reader::PdfReader;

/// Why a revision could not be judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unassessed {
    /// A safety limit was reached (`what` names it; [`WORK_LIMIT`] is the budget).
    Limit { what: &'static str },
    /// The revision (or the one before it) cannot be read: its catalog, page tree or an
    /// object cannot be resolved.
    Unreadable(String),
}

impl Unassessed {
    fn of(e: PdfError) -> Unassessed {
        match e {
            PdfError::Limit { what, .. } => Unassessed::Limit { what },
            e => Unassessed::Unreadable(e.to_string()),
        }
    }
}

/// What one revision changed.
#[derive(Debug, Clone)]
pub struct RevisionChanges {
    /// Index into the reader's revisions.
    pub revision: usize,
    pub outcome: std::result::Result<Vec<Finding>, Unassessed>,
}

/// The changes of every revision after `base`, computed once for all signatures.
#[derive(Debug, Clone)]
pub struct History {
    pub base: usize,
    pub total: usize,
    pub revisions: Vec<RevisionChanges>,
    /// Non-whitespace bytes after the last `%%EOF`.
    pub trailing_bytes_after_eof: bool,
    /// Work spent (object visits), and the budget.
    pub work: u64,
    pub work_limit: u64,
}

/// Compare every revision after `base` with the one before it.
pub fn history(reader: &PdfReader, base: usize, work_limit: u64) -> Result<History> {
    let total = reader.revisions().len();
    if base >= total {
        return Err(PdfError::Structure(format!("revision {base} out of range ({total} revisions)")));
    }
    let objs = Objects::new(reader, work_limit);
    let mut revisions = Vec::new();
    let mut prev: Option<std::result::Result<Snapshot, Unassessed>> = None;
    for k in base + 1..total {
        let old = match prev.take() {
            Some(s) => s,
            None => Snapshot::build(&objs, k - 1).map_err(Unassessed::of),
        };
        let new = Snapshot::build(&objs, k).map_err(Unassessed::of);
        let outcome = match (&old, &new) {
            (Ok(o), Ok(n)) => compare(&objs, o, n).map_err(Unassessed::of),
            (Err(e), _) | (_, Err(e)) => Err(e.clone()),
        };
        revisions.push(RevisionChanges { revision: k, outcome });
        prev = Some(new);
    }
    let data = reader.data();
    let trailing_bytes_after_eof = match reader.last_eof_end() {
        Some(end) => {
            data.get(end..).is_some_and(|t| t.iter().any(|&b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0 | 12)))
        }
        None => true,
    };
    Ok(History { base, total, revisions, trailing_bytes_after_eof, work: objs.used(), work_limit })
}

fn compare(objs: &Objects, o: &Snapshot, n: &Snapshot) -> Result<Vec<Finding>> {
    let (tree, claimed) = rules::claimed(objs, o, n)?;
    let cx = compare::Pair::new(objs, o.rev, n.rev, tree, claimed);
    let mut findings = rules::run(&cx, o, n)?;
    // Refused first (stable within each class).
    findings.sort_by_key(|f| f.class != ChangeClass::Forbidden);
    Ok(findings)
}

/// The permissions the signatures of a document set (see [`MdpState`]).
pub fn mdp_state(reader: &PdfReader, sigs: &[PdfSignature]) -> Result<MdpState> {
    let mut m = MdpState::default();
    if !sigs.iter().any(|s| s.is_certification) {
        m.perms = docmdp_permission(reader)?;
    }
    for s in sigs {
        m.add(s.covered_revision, &s.field_name, s.docmdp, &s.locks);
    }
    Ok(m)
}

/// The analysis for one signature covering revision `covered` (a document with one
/// signature to judge; for several, compute [`history`] once and [`judge`] each).
pub fn analyze(reader: &PdfReader, covered: usize, mdp: &MdpState) -> Result<SignatureAnalysis> {
    let h = history(reader, covered, DEFAULT_WORK_LIMIT)?;
    Ok(judge(&h, covered, mdp))
}

/// Pairs of indices (into `sigs`) of distinct signature dictionaries that claim the same
/// /ByteRange (one CMS shown twice: a wrapping trick).
pub fn duplicate_byte_ranges(sigs: &[PdfSignature]) -> Vec<(usize, usize)> {
    // Only one dictionary's /Contents can sit in the gap: when exactly one of the two is
    // not there, its own ByteRange problem refuses it and the other is the signature those
    // bytes belong to (DSS's hello_signed_INCSAVE_signed_EDITED) - not a pair.
    let impostor = |s: &PdfSignature| s.problems.contains(&super::signatures::ByteRangeProblem::GapIsNotContents);
    pairs(sigs, |a, b| {
        a.byte_range.is_some()
            && a.byte_range == b.byte_range
            && (a.sig_dict_ref.is_none() || a.sig_dict_ref != b.sig_dict_ref)
            && impostor(a) == impostor(b)
    })
}

/// Pairs of indices of fields that share one signature dictionary (reported, not
/// refused: it is one signature shown in two places).
pub fn shared_signature_dictionaries(sigs: &[PdfSignature]) -> Vec<(usize, usize)> {
    pairs(sigs, |a, b| a.sig_dict_ref.is_some() && a.sig_dict_ref == b.sig_dict_ref)
}

fn pairs(sigs: &[PdfSignature], same: impl Fn(&PdfSignature, &PdfSignature) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, a) in sigs.iter().enumerate() {
        for (j, b) in sigs.iter().enumerate().skip(i + 1) {
            if same(a, b) {
                out.push((i, j));
            }
        }
    }
    out
}

/// Verification path for fuzzing: open, find signatures, analyse each. Never panics;
/// all errors are swallowed.
pub fn fuzz_verify_path(data: &[u8]) {
    for lenient in [false, true] {
        let reader = if lenient { PdfReader::open_lenient(data) } else { PdfReader::open(data) };
        let Ok(reader) = reader else { continue };
        let Ok(sigs) = find_signatures(&reader) else { continue };
        let _ = duplicate_byte_ranges(&sigs);
        let _ = shared_signature_dictionaries(&sigs);
        let mdp = mdp_state(&reader, &sigs).unwrap_or_default();
        let base = sigs.iter().filter_map(|s| s.covered_revision).min().unwrap_or(0);
        if let Ok(h) = history(&reader, base, 2_000_000) {
            for s in sigs.iter().take(16) {
                if let Some(c) = s.covered_revision {
                    let _ = judge(&h, c, &mdp);
                }
            }
        }
    }
}

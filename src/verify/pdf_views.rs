//! What the two views of a PDF ([`crate::pdf::syntax::views`]) mean for each
//! signature: where the syntax allows two readings that differ in anything a page
//! reaches, the signature is not VALID.
//!
//! The rule, per finding and per signature (its signed bytes end at `E`, the end of
//! its ByteRange):
//! - the ambiguous structure (the rebuilt view's object, the object whose syntax reads
//!   two ways, the xref section) lies at or after `E`: it was added after signing, and
//!   what a viewer shows is provably not what was signed and checked —
//!   `MODIFIED_AFTER_SIGNING` (INVALID), the detail naming the class;
//! - it lies inside the signed bytes: the signed document itself reads two ways and
//!   kyso cannot tell which one the signer saw — `AMBIGUOUS_SYNTAX` (INDETERMINATE);
//! - a limit stopped the comparison: `LIMIT_EXCEEDED` (INDETERMINATE).
//!
//! A table rebuilt because the xref chain is broken is a note (`XREF_REBUILT`), not a
//! reason: every signature is still judged by its ByteRange against the bytes as they
//! are, and the rebuilt revisions are compared as usual. `startxref` placed where some
//! viewers do not look is a warning: its effect, a rebuilt view that differs, is a
//! finding of its own.

use super::{Note, NoteCode, Reason, ReasonCode, SignatureReport};
use crate::pdf::PdfSignature;
use crate::pdf::syntax::error::Result;
use crate::pdf::syntax::reader::{PdfReader, ReadOptions};
use crate::pdf::syntax::views::{ViewsReport, open_and_compare};

/// The comparison of the views of one file, applied to each of its signatures.
#[derive(Debug, Clone)]
pub struct ViewsCheck {
    report: ViewsReport,
}

/// Open a PDF for verification: the xref chain (rebuilt when broken) and its
/// comparison with the viewer-style reconstruction.
pub fn open<'a>(data: &'a [u8], opts: &ReadOptions) -> Result<(PdfReader<'a>, ViewsCheck)> {
    let (reader, report) = open_and_compare(data, opts)?;
    Ok((reader, ViewsCheck { report }))
}

impl ViewsCheck {
    /// The comparison itself.
    pub fn report(&self) -> &ViewsReport {
        &self.report
    }

    /// Add to `r` the reasons and notes the views give signature `sig`.
    pub fn apply(&self, sig: &PdfSignature, r: &mut SignatureReport) {
        let rep = &self.report;
        if let Some(why) = &rep.rebuilt_because {
            r.notes.push(Note::new(NoteCode::XrefRebuilt, why.clone()));
        }
        for t in &rep.triggers {
            r.notes.push(Note::new(NoteCode::Warning, t.to_string()));
        }
        if let Some(why) = &rep.rebuild_failed {
            r.notes.push(Note::new(NoteCode::Warning, format!("no viewer-style view to compare with: {why}")));
        }
        if let Some(what) = &rep.incomplete {
            r.reasons.push(Reason::new(
                ReasonCode::LimitExceeded,
                format!("comparing the xref view with the viewer-style view: {what}"),
            ));
        }
        let signed_end = signed_end(sig);
        for f in &rep.findings {
            let after = signed_end.is_none_or(|e| f.offset >= e);
            if after {
                r.reasons.push(Reason::new(
                    ReasonCode::ModifiedAfterSigning,
                    format!("ambiguous PDF syntax added after signing, read differently by viewers: {f}"),
                ));
            } else {
                r.reasons.push(Reason::new(
                    ReasonCode::AmbiguousSyntax,
                    format!("the signed PDF reads two ways and viewers differ: {f}"),
                ));
            }
        }
    }
}

/// End of the signed bytes (br[2] + br[3]).
fn signed_end(sig: &PdfSignature) -> Option<usize> {
    match sig.byte_range.as_deref()? {
        &[_, _, c, d] => usize::try_from(c.checked_add(d)?).ok(),
        _ => None,
    }
}

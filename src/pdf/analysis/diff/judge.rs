//! Judging a signature: which of the findings after its revision its document permits.
//!
//! The findings of each revision do not depend on the signature; the permission does.
//! For revision `k` the DocMDP permission in force is the strictest of the certification
//! signatures (and PDF 2.0 `/Lock /P` entries) signed before `k`, and the FieldMDP locks
//! in force are those of the signatures signed before `k`:
//!
//! | class | not certified | P=1 | P=2 | P=3 |
//! |---|---|---|---|---|
//! | housekeeping, long-term validation | yes | yes | yes | yes |
//! | signing (invisible new field, or an existing field) | yes | no | yes | yes |
//! | a new visible signature field | yes | no | no | no |
//! | form filling | yes | no | yes | yes |
//! | annotations | no | no | no | yes |
//! | forbidden | no | no | no | no |
//!
//! A finding about a locked field is refused unless it is housekeeping, long-term
//! validation, or the creation of an invisible signature field (as pyHanko judges).

use super::finding::{ChangeClass, Finding, FindingCode};
use super::{History, Unassessed};
use crate::pdf::analysis::mdp::{DocMdp, FieldLock};

/// Whether a class of change is permitted under a DocMDP permission (`None`: no
/// certification, approval signatures only).
pub fn permits(docmdp: Option<DocMdp>, class: ChangeClass) -> bool {
    match class {
        ChangeClass::Housekeeping | ChangeClass::Ltv => true,
        ChangeClass::Signing | ChangeClass::FormFill => docmdp != Some(DocMdp::NoChanges),
        ChangeClass::VisibleSignature => docmdp.is_none(),
        ChangeClass::Annotation => docmdp == Some(DocMdp::Annotate),
        ChangeClass::Forbidden => false,
    }
}

/// The permissions the document's signatures set, with the revision each was signed in.
#[derive(Debug, Clone, Default)]
pub struct MdpState {
    /// The catalog's /Perms /DocMDP when no certification signature was found: applies
    /// to every revision.
    pub perms: Option<DocMdp>,
    /// (signed revision, permission); `None` revision: unknown, applies everywhere.
    pub docmdp: Vec<(Option<usize>, DocMdp)>,
    /// (signed revision, signature field, lock).
    pub locks: Vec<(Option<usize>, String, FieldLock)>,
}

impl MdpState {
    /// Add one signature's permissions.
    pub fn add(&mut self, covered: Option<usize>, field: &str, docmdp: Option<DocMdp>, locks: &[FieldLock]) {
        if let Some(p) = docmdp {
            self.docmdp.push((covered, p));
        }
        self.locks.extend(locks.iter().map(|l| (covered, field.to_string(), l.clone())));
    }

    /// The DocMDP permission in force for revision `k`.
    pub fn docmdp_at(&self, k: usize) -> Option<DocMdp> {
        let mut p = if self.docmdp.is_empty() { self.perms } else { None };
        for &(c, d) in &self.docmdp {
            if c.is_none_or(|c| c < k) {
                p = DocMdp::strictest(p, Some(d));
            }
        }
        p
    }

    /// The signature whose lock covers `field` in revision `k`, if any.
    pub fn locked_by(&self, k: usize, field: &str) -> Option<&str> {
        self.locks.iter().find(|(c, _, l)| c.is_none_or(|c| c < k) && l.locks(field)).map(|(_, by, _)| by.as_str())
    }
}

/// What a signature's document permits of one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ruling {
    Allowed,
    /// Never permitted.
    Forbidden,
    /// Not permitted by the DocMDP permission in force (`None`: approval signatures only).
    NotPermitted {
        docmdp: Option<DocMdp>,
    },
    /// The field is locked (FieldMDP) by the signature in this field.
    Locked {
        by: String,
    },
}

impl Ruling {
    pub fn allowed(&self) -> bool {
        *self == Ruling::Allowed
    }
}

/// One later revision as a signature sees it.
#[derive(Debug, Clone)]
pub struct RevisionRuling {
    /// Index into the reader's revisions.
    pub revision: usize,
    /// The DocMDP permission in force for it.
    pub docmdp: Option<DocMdp>,
    pub outcome: std::result::Result<Vec<(Finding, Ruling)>, Unassessed>,
}

impl RevisionRuling {
    /// Every finding allowed (and the revision assessed).
    pub fn allowed(&self) -> bool {
        self.outcome.as_ref().is_ok_and(|f| f.iter().all(|(_, r)| r.allowed()))
    }
}

/// The revision analysis for one signature.
#[derive(Debug, Clone)]
pub struct SignatureAnalysis {
    /// Index of the revision the signature covers.
    pub covered_revision: usize,
    pub total_revisions: usize,
    /// Each later revision, oldest first.
    pub revisions: Vec<RevisionRuling>,
    /// Non-whitespace bytes after the last `%%EOF` (a note, not a change).
    pub trailing_bytes_after_eof: bool,
}

impl SignatureAnalysis {
    /// No later revision refused or left unassessed.
    pub fn ok(&self) -> bool {
        self.revisions.iter().all(RevisionRuling::allowed)
    }

    /// Every refused finding: (revision, finding, ruling).
    pub fn refusals(&self) -> impl Iterator<Item = (usize, &Finding, &Ruling)> {
        self.revisions.iter().filter_map(|r| r.outcome.as_ref().ok().map(|f| (r.revision, f))).flat_map(|(rev, f)| {
            f.iter().filter(|(_, r)| !r.allowed()).map(move |(finding, ruling)| (rev, finding, ruling))
        })
    }

    /// The first revision that could not be assessed.
    pub fn unassessed(&self) -> Option<(usize, &Unassessed)> {
        self.revisions.iter().find_map(|r| r.outcome.as_ref().err().map(|u| (r.revision, u)))
    }

    /// Whether some later revision has a finding with this code.
    pub fn has(&self, code: FindingCode) -> bool {
        self.revisions.iter().filter_map(|r| r.outcome.as_ref().ok()).flatten().any(|(f, _)| f.code == code)
    }
}

fn rule(mdp: &MdpState, k: usize, docmdp: Option<DocMdp>, f: &Finding) -> Ruling {
    if f.class == ChangeClass::Forbidden {
        return Ruling::Forbidden;
    }
    if !permits(docmdp, f.class) {
        return Ruling::NotPermitted { docmdp };
    }
    let exempt = matches!(f.class, ChangeClass::Housekeeping | ChangeClass::Ltv)
        || (f.code == FindingCode::SignatureFieldAdded && f.class == ChangeClass::Signing);
    if !exempt
        && let Some(field) = &f.field
        && let Some(by) = mdp.locked_by(k, field)
    {
        return Ruling::Locked { by: by.to_string() };
    }
    Ruling::Allowed
}

/// Judge the revisions after `covered` (which must not be before `history.base`).
pub fn judge(history: &History, covered: usize, mdp: &MdpState) -> SignatureAnalysis {
    let revisions = history
        .revisions
        .iter()
        .filter(|r| r.revision > covered)
        .map(|r| {
            let docmdp = mdp.docmdp_at(r.revision);
            let outcome = r.outcome.as_ref().map_err(Clone::clone).map(|findings| {
                findings.iter().map(|f| (f.clone(), rule(mdp, r.revision, docmdp, f))).collect::<Vec<_>>()
            });
            RevisionRuling { revision: r.revision, docmdp, outcome }
        })
        .collect();
    SignatureAnalysis {
        covered_revision: covered,
        total_revisions: history.total,
        revisions,
        trailing_bytes_after_eof: history.trailing_bytes_after_eof,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_table() {
        use ChangeClass::*;
        let none = None;
        let p1 = Some(DocMdp::NoChanges);
        let p2 = Some(DocMdp::FormFill);
        let p3 = Some(DocMdp::Annotate);
        assert!(permits(p1, Ltv) && permits(p1, Housekeeping));
        assert!(!permits(p1, Signing) && !permits(p1, FormFill));
        assert!(permits(p2, Signing) && permits(p2, FormFill) && !permits(p2, VisibleSignature));
        assert!(permits(none, VisibleSignature) && !permits(none, Annotation));
        assert!(permits(p3, Annotation) && !permits(p3, Forbidden));
    }

    #[test]
    fn locks_and_docmdp_apply_after_their_revision() {
        let mut m = MdpState::default();
        m.add(Some(1), "Cert", Some(DocMdp::FormFill), &[]);
        m.add(Some(2), "Approver", None, &[FieldLock::Include(vec!["Amount".into()])]);
        assert_eq!(m.docmdp_at(1), None);
        assert_eq!(m.docmdp_at(2), Some(DocMdp::FormFill));
        assert_eq!(m.locked_by(2, "Amount"), None);
        assert_eq!(m.locked_by(3, "Amount"), Some("Approver"));
        assert_eq!(m.locked_by(3, "Other"), None);
        let fill = Finding::new(FindingCode::FieldValueChanged, ChangeClass::FormFill).field("Amount");
        assert_eq!(rule(&m, 3, m.docmdp_at(3), &fill), Ruling::Locked { by: "Approver".into() });
        let dts = Finding::new(FindingCode::DocumentTimestampAdded, ChangeClass::Ltv).field("Amount");
        assert_eq!(rule(&m, 3, m.docmdp_at(3), &dts), Ruling::Allowed);
    }
}

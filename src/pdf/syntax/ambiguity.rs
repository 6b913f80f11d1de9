//! Places where the PDF syntax allows two readings that viewers resolve differently
//! (ISO 32000-1 §7.3.7, §7.3.8, §7.5.4, §7.5.5, §7.5.8): the reader records them as it
//! meets them, [`super::views`] collects the ones that matter for what a page shows.

use std::fmt;

/// The class of an ambiguity. The names ([`AmbiguityClass::as_str`]) are stable: they
/// appear in verification reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AmbiguityClass {
    /// One xref section (a table's subsections, an xref stream's `/Index` ranges) lists
    /// the same object number twice with different entries. kyso, poppler and MuPDF take
    /// the first; other readers the last.
    DuplicateXrefEntry,
    /// A stream's `/Length` does not end at its `endstream`: readers that trust
    /// `/Length` (poppler, MuPDF) and readers that scan for `endstream` take different
    /// bytes.
    StreamLength,
    /// Data on the `stream` keyword's line: some readers start the data right after the
    /// keyword, others on the next line.
    StreamKeywordLine,
    /// A dictionary gives a key twice with different values (kyso takes the last,
    /// poppler the first).
    DuplicateKey,
    /// An object stream lists the same object number twice with different objects
    /// (kyso takes the xref's index, MuPDF searches by number).
    DuplicateObjStmMember,
    /// An xref section is not named by the `startxref` that follows it: a "dormant"
    /// section that only a later `/Prev` reaches, which no viewer reading the file at
    /// that point would have used.
    DormantXrefSection,
    /// The `/Prev` chain does not visit the xref sections in decreasing file order
    /// (linearized files excepted).
    RevisionOrder,
    /// A viewer-style reconstruction of the file (scan every `N G obj`, the last one
    /// wins) gives a page-reachable object other than the xref chain does.
    RebuiltViewDiffers,
    /// `startxref` is not where every viewer looks for it (more than 1 KiB from the end:
    /// MuPDF reads the last 1 KiB, PDFium 4 KiB, poppler 24 KiB), or a comment stands
    /// between `startxref` and its offset: those viewers rebuild the table. A trigger,
    /// not an ambiguity by itself: the rebuilt view is compared anyway.
    StartxrefPlacement,
}

impl AmbiguityClass {
    /// Stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            AmbiguityClass::DuplicateXrefEntry => "duplicate-xref-entry",
            AmbiguityClass::StreamLength => "stream-length-vs-endstream",
            AmbiguityClass::StreamKeywordLine => "data-on-stream-keyword-line",
            AmbiguityClass::DuplicateKey => "duplicate-dictionary-key",
            AmbiguityClass::DuplicateObjStmMember => "duplicate-object-stream-member",
            AmbiguityClass::DormantXrefSection => "dormant-xref-section",
            AmbiguityClass::RevisionOrder => "revision-order",
            AmbiguityClass::RebuiltViewDiffers => "rebuilt-view-differs",
            AmbiguityClass::StartxrefPlacement => "startxref-placement",
        }
    }

    /// True for conditions that only make viewers rebuild the table (their effect is
    /// judged by comparing the views, not by the condition itself).
    pub fn is_trigger(self) -> bool {
        matches!(self, AmbiguityClass::StartxrefPlacement)
    }
}

impl fmt::Display for AmbiguityClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One ambiguity: its class, where it is, and (for xref entries) which object it
/// concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguity {
    pub class: AmbiguityClass,
    /// Byte offset of the ambiguous structure (the xref section, the object's header;
    /// for a rebuilt view that differs, the rebuilt object's header).
    pub offset: usize,
    /// The object number concerned, when there is one.
    pub object: Option<u32>,
    /// Language-neutral detail (numbers, keys, offsets).
    pub detail: String,
}

impl Ambiguity {
    pub fn new(class: AmbiguityClass, offset: usize, detail: impl Into<String>) -> Self {
        Ambiguity { class, offset, object: None, detail: detail.into() }
    }

    pub fn with_object(mut self, num: u32) -> Self {
        self.object = Some(num);
        self
    }
}

impl fmt::Display for Ambiguity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} (offset {})", self.class, self.detail, self.offset)
    }
}

//! Signature and certificate-path verification, with verdicts in the vocabulary of
//! ETSI EN 319 102-1.
//!
//! - [`crypto`]: checking one signature value with a public key.
//! - [`trust`]: trust anchors, extra intermediates and CRLs given by the user.
//! - [`chain`]: RFC 5280 path building and validation (validity, basicConstraints and
//!   pathLen, keyUsage, EKU, name constraints, certificate policies, critical extensions,
//!   weak algorithms, CRL and OCSP revocation status).
//! - [`cms`]: verifying a CMS SignedData over content digests.
//! - [`detached`]: a file with its detached `.p7s`.
//! - [`edxml`]: an edXML package and the documents attached to it.
//! - [`ltv`]: long-term validation — time-stamps as proof of existence, revocation data
//!   from the file.
//!
//! Every signature gets a [`Verdict`] and, unless valid, one or more [`Reason`]s with a
//! stable [`ReasonCode`]. A file's verdict is its worst signature's.

pub mod chain;
pub mod cms;
pub mod crypto;
pub mod detached;
pub mod edxml;
pub mod ltv;
pub mod pdf;
pub mod pdf_views;
pub mod scheme;
pub mod trust;
pub mod xml;

use std::path::Path;

use serde::Serialize;

use crate::pki::info::CertInfo;

/// The outcome for one signature or one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// TOTAL-PASSED
    Valid,
    /// The file carries no signature.
    Unsigned,
    /// INDETERMINATE: not proven valid nor invalid (e.g. no chain to a trust anchor).
    Indeterminate,
    /// TOTAL-FAILED: the signature is proven wrong (changed content, bad signature, revoked).
    Invalid,
    /// The file could not be read or parsed.
    Error,
}

/// Stable reason codes. The list is pinned by a test: codes are an interface for scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReasonCode {
    // TOTAL-FAILED
    HashFailure,
    SigCryptoFailure,
    Revoked,
    FormatFailure,
    ModifiedAfterSigning,
    // INDETERMINATE
    NoSigningCertificateFound,
    NoCertificateChainFound,
    OutOfBoundsNoPoe,
    NotYetValid,
    ChainConstraintsFailure,
    CertificateChainGeneralFailure,
    WeakAlgorithm,
    UnsupportedAlgorithm,
    /// ETSI SIGNED_DATA_NOT_FOUND: content or a reference kyso cannot resolve.
    SignedDataNotFound,
    /// A safety limit kyso sets (references, sizes, depth, time); the detail names the
    /// limit and the option that raises it.
    LimitExceeded,
    /// A PDF revision added after signing cannot be read (its catalog, page tree or an
    /// object does not resolve), so what it changes is unknown.
    RevisionNotAssessed,
    /// The signed PDF reads two ways (duplicate entries or keys, `/Length` against
    /// `endstream`, xref chain against a rebuilt table) and viewers differ on what a
    /// page shows; the detail names the class.
    AmbiguousSyntax,
    /// ETSI TRY_LATER: the revocation status of a certificate cannot be established with
    /// the evidence at hand (none given when required, stale, unusable), or the
    /// certificate is on hold; newer revocation data may settle it.
    TryLater,
    /// Signed content that readers may read differently from what was signed (text split
    /// by a comment, in profiles whose values are numbers and codes).
    AmbiguousContent,
    /// edXML: the manifest and the attachments disagree (a reference without its
    /// attachment, an attachment the manifest does not list, a ContentId used twice).
    ManifestMismatch,
    /// edXML: an attachment's bytes are not what its declared ContentType says, so a
    /// receiving system may show other content than kyso verified.
    ContentTypeMismatch,
    // file level
    NoSignature,
    ReadFailed,
    ParseFailed,
    /// The file does not meet a verification policy rule (`--policy`, `kyso.toml`
    /// `[verify]`, or a rule flag); the report's `policy` field names the rule. Never in
    /// a signature's reasons: a policy does not change the cryptographic verdict.
    PolicyFailure,
}

impl ReasonCode {
    pub const ALL: [ReasonCode; 25] = [
        ReasonCode::HashFailure,
        ReasonCode::SigCryptoFailure,
        ReasonCode::Revoked,
        ReasonCode::FormatFailure,
        ReasonCode::ModifiedAfterSigning,
        ReasonCode::NoSigningCertificateFound,
        ReasonCode::NoCertificateChainFound,
        ReasonCode::OutOfBoundsNoPoe,
        ReasonCode::NotYetValid,
        ReasonCode::ChainConstraintsFailure,
        ReasonCode::CertificateChainGeneralFailure,
        ReasonCode::WeakAlgorithm,
        ReasonCode::UnsupportedAlgorithm,
        ReasonCode::SignedDataNotFound,
        ReasonCode::LimitExceeded,
        ReasonCode::RevisionNotAssessed,
        ReasonCode::AmbiguousSyntax,
        ReasonCode::TryLater,
        ReasonCode::AmbiguousContent,
        ReasonCode::ManifestMismatch,
        ReasonCode::ContentTypeMismatch,
        ReasonCode::NoSignature,
        ReasonCode::ReadFailed,
        ReasonCode::ParseFailed,
        ReasonCode::PolicyFailure,
    ];

    /// The verdict this reason leads to.
    pub fn verdict(self) -> Verdict {
        use ReasonCode::*;
        match self {
            HashFailure | SigCryptoFailure | Revoked | FormatFailure | ModifiedAfterSigning => Verdict::Invalid,
            NoSignature => Verdict::Unsigned,
            ReadFailed | ParseFailed => Verdict::Error,
            _ => Verdict::Indeterminate,
        }
    }

    /// The code as printed (`HASH_FAILURE`).
    pub fn as_str(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }
}

/// A reason with technical detail (names, dates, values; language-neutral).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub code: ReasonCode,
    pub detail: String,
}

impl Reason {
    pub fn new(code: ReasonCode, detail: impl Into<String>) -> Reason {
        Reason { code, detail: detail.into() }
    }
}

/// A fact about a signature that does not change its verdict: what a later revision
/// changed, a deviation from the standard that kyso tolerates because real signers
/// produce it, a warning. Words for people come from [`crate::report`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub code: NoteCode,
    /// Language-neutral detail (names, numbers, paths, the product that needs a tolerance).
    pub detail: String,
}

impl Note {
    pub fn new(code: NoteCode, detail: impl Into<String>) -> Note {
        Note { code, detail: detail.into() }
    }
}

/// Stable note codes (an interface for scripts, like [`ReasonCode`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NoteCode {
    /// What a revision after the signed one changed (all of it allowed, or the verdict
    /// would say so).
    LaterRevision,
    /// Bytes after the last `%%EOF` that form no revision.
    TrailingBytes,
    /// A deviation from the standard, accepted because real signers produce it; the
    /// detail names the deviation (and the product, where known).
    Tolerated,
    /// Something a person should look at that does not change the verdict.
    Warning,
    /// Two signature fields share one signature dictionary (one signature shown twice);
    /// the detail names the fields.
    SharedSignatureDictionary,
    /// The PDF's cross-reference data is broken and the object table was rebuilt by
    /// scanning the file, as viewers do; the detail says what was broken.
    XrefRebuilt,
    /// An XML enveloped-signature transform on a reference inside its own Signature, read
    /// as .NET `SignedXml` reads it (a no-op) rather than literally (an empty node-set).
    DotnetEnveloped,
    /// A counter-signature (RFC 5652 §11.4) on this signature, and its verdict.
    CounterSignature,
    /// edXML: the envelope carries no signature, or a vendor placeholder that proves
    /// nothing (the detail says which); the documents inside carry the signatures.
    NoEnvelopeSignature,
    /// edXML: DocumentId is not "From/OrganId,PromulgationDate,CodeNumber/CodeNotation".
    DocumentIdMismatch,
    /// edXML: the first TraceHeader is not the sender.
    TraceSenderMismatch,
    /// edXML: a signer's certificate names another organisation than From/OrganName.
    SignerOrganizationMismatch,
    /// edXML: no signer's certificate carries the name in SignerInfo/FullName.
    SignerNameMismatch,
    /// edXML: a header field is given twice with different values (the first is shown).
    DuplicateHeaderField,
    /// PDF: a certification signature (DocMDP); the detail is its permission `P=1|2|3`.
    Certification,
    /// A signature time-stamp on this signature, and its verdict.
    Timestamp,
    /// The chain was validated at a proven time (a time-stamp's) rather than the
    /// validation time; the detail says when and by what.
    ProvenTime,
    /// A certificate of the chain was revoked, but only after the time it was validated
    /// at (the proven time of existence).
    RevokedAfterProvenTime,
}

/// The worst verdict among reasons (valid when there are none).
pub fn verdict_of(reasons: &[Reason]) -> Verdict {
    reasons.iter().map(|r| r.code.verdict()).max().unwrap_or(Verdict::Valid)
}

/// Revocation checking outcome for a chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Revocation {
    /// No CRL was given for some certificate of the chain.
    NotChecked,
    /// Every certificate below the anchor has a CRL from its issuer, and none lists it.
    Good,
    Revoked,
}

/// One signature's result.
#[derive(Debug, Clone)]
pub struct SignatureReport {
    pub index: usize,
    pub verdict: Verdict,
    pub reasons: Vec<Reason>,
    pub signer: Option<CertInfo>,
    /// The time the signer claims (not proof of time).
    pub signing_time: Option<i64>,
    /// Signer first; the last is the trust anchor when `trusted`.
    pub chain: Vec<CertInfo>,
    pub trusted: bool,
    pub revocation: Revocation,
    /// What the signature covers ("whole file", "revision 1 of 3", an element path...).
    pub coverage: String,
    pub algorithm: Option<String>,
    /// Facts that do not change the verdict (tolerated deviations, warnings).
    pub notes: Vec<Note>,
    /// PDF: the revision the signature covers and what each later one changed.
    pub revisions: Option<RevisionHistory>,
    /// Long-term validation: kind (signature or document time-stamp), level found,
    /// proven time, time-stamps; `None` where not assessed (XML).
    pub ltv: Option<Box<ltv::LongTerm>>,
}

/// A PDF signature's revision history, as data (the JSON `revisions` object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevisionHistory {
    /// The revision the signature covers (1-based).
    pub signed: usize,
    /// Revisions in the file.
    pub total: usize,
    /// Each later revision, oldest first.
    pub later: Vec<RevisionEntry>,
}

/// One revision after the signed one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevisionEntry {
    /// 1-based.
    pub revision: usize,
    pub status: RevisionStatus,
    /// The DocMDP permission (/P 1..3) in force for it, when the document is certified.
    pub docmdp: Option<i64>,
    pub changes: Vec<RevisionChange>,
    /// Why it was not assessed (a limit, or what could not be read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_assessed: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisionStatus {
    Allowed,
    Refused,
    NotAssessed,
}

/// One change a later revision made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevisionChange {
    pub code: crate::pdf::FindingCode,
    pub class: crate::pdf::ChangeClass,
    pub allowed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<Refusal>,
    /// 1-based page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The object concerned (`12 0 R`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// Language-neutral detail (keys, paths, values).
    pub detail: String,
}

/// Why a change is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Refusal {
    /// Never allowed after signing.
    Forbidden,
    /// Not allowed by the DocMDP permission in force (`null`: approval signatures only).
    NotPermitted { docmdp: Option<i64> },
    /// The field is locked (FieldMDP) by the signature in field `by`.
    FieldLocked { by: String },
}

/// One file's result.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    /// "cms", "pdf", "xml", or "unknown"
    pub format: &'static str,
    pub verdict: Verdict,
    pub signatures: Vec<SignatureReport>,
    /// File-level reasons (unsigned, unreadable, unparsable; package checks).
    pub reasons: Vec<Reason>,
    /// File-level facts that do not change the verdict (edXML package checks).
    pub notes: Vec<Note>,
    /// An edXML package: its header and manifest.
    pub package: Option<Box<crate::edxml::PackageInfo>>,
    /// A document inside a package: what the package declares about it.
    pub attachment: Option<Box<crate::edxml::AttachmentInfo>>,
    /// The documents inside (a package's attachments, a zip's files), each verified as a
    /// file of its own.
    pub attachments: Vec<FileReport>,
    /// The verification policy's outcome, when a policy with rules for this file was given.
    pub policy: Option<crate::policy::outcome::PolicyReport>,
}

impl FileReport {
    /// A file whose verdict comes from its signatures (worst wins), or unsigned.
    pub fn from_signatures(path: String, format: &'static str, signatures: Vec<SignatureReport>) -> FileReport {
        let verdict = signatures.iter().map(|s| s.verdict).max().unwrap_or(Verdict::Unsigned);
        let reasons = if signatures.is_empty() { vec![Reason::new(ReasonCode::NoSignature, "")] } else { vec![] };
        FileReport { path, format, verdict, signatures, reasons, ..FileReport::empty() }
    }

    /// No path, no format, unsigned: a base for struct updates.
    pub fn empty() -> FileReport {
        FileReport {
            path: String::new(),
            format: "unknown",
            verdict: Verdict::Unsigned,
            signatures: vec![],
            reasons: vec![],
            notes: vec![],
            package: None,
            attachment: None,
            attachments: vec![],
            policy: None,
        }
    }

    /// A file that could not be processed.
    pub fn failed(path: String, format: &'static str, code: ReasonCode, detail: impl Into<String>) -> FileReport {
        FileReport {
            path,
            format,
            verdict: code.verdict(),
            reasons: vec![Reason::new(code, detail)],
            ..FileReport::empty()
        }
    }
}

/// Counts per verdict.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub valid: usize,
    pub invalid: usize,
    pub indeterminate: usize,
    pub unsigned: usize,
    pub error: usize,
    /// Files that fail a verification policy (whatever their verdict); only with a policy.
    #[serde(skip_serializing_if = "is_zero")]
    pub policy_failed: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    pub fn of(files: &[FileReport]) -> Summary {
        let mut s = Summary::default();
        files.iter().for_each(|f| s.add_file(f));
        s
    }

    /// Count one more file.
    pub fn add(&mut self, verdict: Verdict) {
        self.files += 1;
        match verdict {
            Verdict::Valid => self.valid += 1,
            Verdict::Invalid => self.invalid += 1,
            Verdict::Indeterminate => self.indeterminate += 1,
            Verdict::Unsigned => self.unsigned += 1,
            Verdict::Error => self.error += 1,
        }
    }

    pub fn all_valid(&self) -> bool {
        self.valid == self.files
    }

    /// Count one more file, with its policy outcome.
    pub fn add_file(&mut self, f: &FileReport) {
        self.add(f.verdict);
        if f.policy.as_ref().is_some_and(|p| !p.passed()) {
            self.policy_failed += 1;
        }
    }

    /// Every file valid and no policy failed: what exit code 0 promises.
    pub fn passed(&self) -> bool {
        self.all_valid() && self.policy_failed == 0
    }
}

/// Options every verification takes. Build with [`VerifyOptions::at`] and struct update
/// syntax, so a new option does not touch every caller.
pub struct VerifyOptions {
    pub trust: trust::TrustStore,
    /// Validation time (Unix seconds): now, or `--at`.
    pub at: i64,
    /// Password for encrypted PDFs (the empty user password is always tried).
    pub pdf_password: Option<Vec<u8>>,
    /// Work budget of a PDF's revision analysis, in object visits
    /// ([`crate::pdf::analysis::diff::DEFAULT_WORK_LIMIT`] by default).
    pub pdf_work_limit: u64,
    /// XML: detached content, limits, profile, required coverage.
    pub xml: xml::XmlOptions,
    /// What an edXML package may make kyso decode and unpack.
    pub package_limits: crate::edxml::Limits,
    /// Revocation data beyond the file's: OCSP response files, `--online` fetching.
    pub revocation: ltv::online::RevocationSources,
}

impl Default for VerifyOptions {
    fn default() -> VerifyOptions {
        VerifyOptions {
            trust: Default::default(),
            at: 0,
            pdf_password: None,
            pdf_work_limit: crate::pdf::analysis::diff::DEFAULT_WORK_LIMIT,
            xml: Default::default(),
            package_limits: Default::default(),
            revocation: Default::default(),
        }
    }
}

impl VerifyOptions {
    /// No trust anchors, default limits, validation at `at` (Unix seconds).
    pub fn at(at: i64) -> VerifyOptions {
        VerifyOptions { at, ..Default::default() }
    }
}

/// Verify one file; problems with the file become its verdict, never an early exit.
/// The I/O error alone, as `format::sniff` reported it (the path is the report's name).
fn read_detail(e: crate::error::Error) -> String {
    match e {
        crate::error::Error::Read { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

pub fn verify_path(path: &Path, signature: Option<&Path>, opts: &VerifyOptions, id_attrs: &[String]) -> FileReport {
    let name = path.display().to_string();
    if let Some(sig) = signature {
        return self::detached::verify(path, sig, opts);
    }
    // Read (or map) once: the format is sniffed from the bytes a PDF is then verified from.
    let data = match crate::fsutil::map(path) {
        Ok(d) => d,
        Err(e) => return FileReport::failed(name, "unknown", ReasonCode::ReadFailed, read_detail(e)),
    };
    let fmt = crate::format::sniff_bytes(&data[..data.len().min(1024)]);
    if let Some(sig) = self::detached::sibling_signature(path) {
        return self::detached::verify(path, &sig, opts);
    }
    match fmt {
        crate::format::DocFormat::Cms => self::detached::verify_cms_file(path, opts),
        crate::format::DocFormat::Xml if crate::edxml::sniff(&data[..data.len().min(4096)]) => {
            self::edxml::verify(path, opts, id_attrs)
        }
        crate::format::DocFormat::Pdf => self::pdf::verify_bytes(name, &data, opts),
        crate::format::DocFormat::Xml => self::xml::verify_read(path, &data, opts, id_attrs),
        crate::format::DocFormat::Other => match crate::format::expected_by_name(path) {
            // A file named as a signed format that is not one is an error, not "unsigned".
            Some(kind) => FileReport::failed(name, "unknown", ReasonCode::ParseFailed, format!("not a {kind} file")),
            None => FileReport::from_signatures(name, "unknown", vec![]),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reason codes are an interface for scripts: this list changes only deliberately.
    #[test]
    fn reason_codes_are_pinned() {
        let codes: Vec<String> = ReasonCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            codes,
            [
                "HASH_FAILURE",
                "SIG_CRYPTO_FAILURE",
                "REVOKED",
                "FORMAT_FAILURE",
                "MODIFIED_AFTER_SIGNING",
                "NO_SIGNING_CERTIFICATE_FOUND",
                "NO_CERTIFICATE_CHAIN_FOUND",
                "OUT_OF_BOUNDS_NO_POE",
                "NOT_YET_VALID",
                "CHAIN_CONSTRAINTS_FAILURE",
                "CERTIFICATE_CHAIN_GENERAL_FAILURE",
                "WEAK_ALGORITHM",
                "UNSUPPORTED_ALGORITHM",
                "SIGNED_DATA_NOT_FOUND",
                "LIMIT_EXCEEDED",
                "REVISION_NOT_ASSESSED",
                "AMBIGUOUS_SYNTAX",
                "TRY_LATER",
                "AMBIGUOUS_CONTENT",
                "MANIFEST_MISMATCH",
                "CONTENT_TYPE_MISMATCH",
                "NO_SIGNATURE",
                "READ_FAILED",
                "PARSE_FAILED",
                "POLICY_FAILURE",
            ]
        );
    }

    #[test]
    fn worst_verdict_wins() {
        let r = |c| Reason::new(c, "");
        assert_eq!(verdict_of(&[]), Verdict::Valid);
        assert_eq!(verdict_of(&[r(ReasonCode::WeakAlgorithm), r(ReasonCode::HashFailure)]), Verdict::Invalid);
        assert_eq!(verdict_of(&[r(ReasonCode::NoCertificateChainFound)]), Verdict::Indeterminate);
    }
}

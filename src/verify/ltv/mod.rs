//! Long-term validation: proof of existence from time-stamps and revocation data from
//! the file (ETSI EN 319 102-1 §5.5–5.6, in the shape of kyso's verdicts).
//!
//! - Every RFC 3161 token is verified ([`check_timestamp`]): message imprint over what
//!   it covers (the SignerInfo's signature value for a signature time-stamp, the
//!   ByteRange for a PDF document time-stamp), the token's own signature and ESS
//!   attributes, the TSA certificate (critical id-kp-timeStamping EKU, valid at
//!   genTime) and the TSA's chain to a trust anchor, with the revocation data the file
//!   carries. Each token gets its own verdict ([`TimestampReport`]).
//! - A valid time-stamp is proof of existence (POE) of what it covers at genTime (plus
//!   its accuracy). The signer's chain is validated at the earliest POE when there is
//!   one ([`signer_chain`]): an expired signer certificate with a valid earlier
//!   time-stamp is no longer OUT_OF_BOUNDS_NO_POE; revoked before the POE is REVOKED,
//!   revoked after it is valid with a [`NoteCode::RevokedAfterProvenTime`] note.
//! - A TSA chain is validated at the POE of its token (a later document time-stamp),
//!   else now; when its certificate has expired and nothing later proves the token, it
//!   is validated at the token's own genTime, as Adobe and pyHanko do, and a
//!   [`NoteCode::ProvenTime`] note says so.
//! - [`evidence`]: certificates, CRLs and OCSP responses found in the file (PDF DSS and
//!   VRI, CMS revocationInfoChoices, adbe-revocationInfoArchival).
//! - [`online`]: OCSP responses given as files, and with `--online` OCSP responses and
//!   CRLs fetched from the certificates' AIA/CDP when the file's evidence leaves a
//!   certificate's status unknown.
//!
//! Without `--online` nothing is fetched. Owns: what a time-stamp and revocation data mean for a
//! signature's validation. May import `pki`, `cms`, `tsp`, `revocation`, `pdf` (reading)
//! and `verify::{chain, trust}`.

pub mod evidence;
pub mod online;

use serde::Serialize;
use x509_cert::Certificate;

pub use evidence::Evidence;

use super::chain::{self, ChainOutcome, OcspEvidence, OcspStatus, Purpose, Request};
use super::{Note, NoteCode, Reason, ReasonCode, Revocation, SignatureReport, Verdict, VerifyOptions, verdict_of};
use crate::cms::parse::{ParsedSignedData, ParsedSigner};
use crate::pki::alg::DigestAlg;
use crate::pki::info::CertInfo;
use crate::pki::{oids, time};
use crate::tsp::{TokenCheck, TspError, VerifiedToken};

/// Most signature time-stamps checked on one signature.
pub const MAX_SIGNATURE_TIMESTAMPS: usize = 16;

/// What a report entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureKind {
    Signature,
    /// A PDF document time-stamp (`/SubFilter /ETSI.RFC3161`).
    DocumentTimestamp,
}

/// The baseline level a signature was found at (ETSI EN 319 142-1 / 319 122-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Level {
    #[serde(rename = "B-B")]
    B,
    #[serde(rename = "B-T")]
    T,
    #[serde(rename = "B-LT")]
    Lt,
    #[serde(rename = "B-LTA")]
    Lta,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::B => "B-B",
            Level::T => "B-T",
            Level::Lt => "B-LT",
            Level::Lta => "B-LTA",
        }
    }
}

/// What a time-stamp covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimestampKind {
    /// id-aa-signatureTimeStampToken: over a SignerInfo's signature value.
    Signature,
    /// A PDF document time-stamp: over its ByteRange.
    Document,
}

/// One time-stamp token's verdict.
#[derive(Debug, Clone)]
pub struct TimestampReport {
    pub kind: TimestampKind,
    pub verdict: Verdict,
    pub reasons: Vec<Reason>,
    pub notes: Vec<Note>,
    /// genTime (Unix seconds), when the token could be read.
    pub time: Option<i64>,
    /// The TSA's certificate.
    pub tsa: Option<CertInfo>,
    /// TSA first; the last is the trust anchor when `trusted`.
    pub chain: Vec<CertInfo>,
    pub trusted: bool,
    pub revocation: Revocation,
    pub algorithm: Option<String>,
    /// The time the TSA's chain was validated at.
    pub validation_time: Option<i64>,
}

/// A time proven for a signature, and by what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProvenTime {
    /// Unix seconds.
    pub time: i64,
    /// Language-neutral: which time-stamp ("signature time-stamp 1", "document time-stamp
    /// in field \"Signature2\"") and its TSA.
    pub by: String,
}

/// A signature's long-term validation facts (the JSON `kind`, `level`, `proven_time`,
/// `validation_time` and `timestamps`).
#[derive(Debug, Clone)]
pub struct LongTerm {
    pub kind: SignatureKind,
    /// The level found (`None` for a document time-stamp).
    pub level: Option<Level>,
    /// The earliest proof of existence (`None`: none valid).
    pub proven_time: Option<ProvenTime>,
    /// The time the signer's (or TSA's) chain was validated at.
    pub validation_time: i64,
    /// The signature's time-stamps (a document time-stamp: itself).
    pub timestamps: Vec<TimestampReport>,
}

/// What a signature's validation learns from the rest of its file.
#[derive(Debug, Clone, Default)]
pub struct Context<'a> {
    /// Validation data of the file (a PDF's DSS).
    pub evidence: Option<&'a Evidence>,
    /// The earliest valid later time-stamp covering the signature (a PDF document
    /// time-stamp in a later revision).
    pub later_poe: Option<ProvenTime>,
    /// How many document time-stamps cover the signature (valid or not), for its level.
    pub covering_timestamps: usize,
}

/// The certificates that may help build chains: the evidence's, the OCSP responses',
/// the user's.
fn pool(ev: &Evidence, extra: &[Certificate], opts: &VerifyOptions) -> Vec<Certificate> {
    let ocsp = ev.ocsp_certificates();
    // Duplicates (the same chain embedded and in the evidence) are dropped before
    // anything is copied.
    let mut unique: Vec<&Certificate> = Vec::new();
    let all = extra
        .iter()
        .chain(ev.certs.iter())
        .chain(ocsp.iter())
        .chain(opts.trust.intermediates.iter())
        .chain(opts.trust.anchors.iter());
    for c in all {
        if !unique.contains(&c) {
            unique.push(c);
        }
    }
    unique.into_iter().cloned().collect()
}

fn validate(
    target: &Certificate,
    untrusted: &[Certificate],
    ev: &Evidence,
    ocsp: &[OcspEvidence],
    opts: &VerifyOptions,
    at: i64,
    purpose: Purpose,
) -> ChainOutcome {
    chain::validate_request(&Request { target, untrusted, store: &opts.trust, at, purpose, crls: &ev.crls, ocsp })
}

/// [`validate`] with every source of revocation data: the evidence `ev` (to which
/// OCSP files given by the user and, with `--online`, what is fetched for certificates
/// whose status stays unknown are added), and TRY_LATER reasons that name what was
/// refused or could not be had. Returns the outcome and the OCSP answers used.
fn validate_with_sources(
    target: &Certificate,
    untrusted: &[Certificate],
    ev: &mut Evidence,
    opts: &VerifyOptions,
    at: i64,
    purpose: Purpose,
) -> (ChainOutcome, Vec<OcspEvidence>) {
    let (mut ocsp, mut rejected) = ev.ocsp_checked(untrusted);
    let mut outcome = validate(target, untrusted, ev, &ocsp, opts, at, purpose);
    let mut problems = Vec::new();
    if opts.revocation.online && online::needs_evidence(&outcome) {
        let before = (ev.ocsp.len(), ev.crls.len());
        problems = online::fetch_missing(&outcome, &opts.revocation, ev);
        if before != (ev.ocsp.len(), ev.crls.len()) {
            (ocsp, rejected) = ev.ocsp_checked(untrusted);
            outcome = validate(target, untrusted, ev, &ocsp, opts, at, purpose);
        }
    }
    online::explain(&mut outcome, &rejected, &problems);
    (outcome, ocsp)
}

/// The OCSP responses the user gave as files, added to `ev`.
fn with_files(ev: &mut Evidence, opts: &VerifyOptions) {
    for f in &opts.revocation.ocsp_files {
        if !ev.ocsp.iter().any(|(d, _)| *d == f.0) {
            ev.ocsp.push(f.clone());
        }
    }
}

fn reason_of(e: &TspError) -> Reason {
    let code = match e {
        TspError::Malformed(_) => ReasonCode::FormatFailure,
        TspError::SignerNotFound => ReasonCode::NoSigningCertificateFound,
        TspError::BadSignature => ReasonCode::SigCryptoFailure,
        TspError::ImprintMismatch => ReasonCode::HashFailure,
        TspError::SignedAttributes(d) if d.contains("messageDigest does not match") => ReasonCode::HashFailure,
        TspError::SignedAttributes(_) => ReasonCode::FormatFailure,
        TspError::TsaCertificate(_) => ReasonCode::ChainConstraintsFailure,
        TspError::Unsupported(_) => ReasonCode::UnsupportedAlgorithm,
        _ => ReasonCode::FormatFailure,
    };
    Reason::new(code, format!("time-stamp: {e}"))
}

/// Verify one time-stamp token: `covered` gives the digest of what it must cover with
/// the token's hash algorithm; `later` is a proof of existence of the token itself (a
/// later time-stamp covering it). Returns the token's report and, when it could be
/// read and its signature holds, the token.
pub fn check_timestamp(
    der: &[u8],
    kind: TimestampKind,
    covered: &dyn Fn(DigestAlg) -> Vec<u8>,
    ev: &Evidence,
    opts: &VerifyOptions,
    later: Option<&ProvenTime>,
) -> (TimestampReport, Option<VerifiedToken>) {
    let mut r = TimestampReport {
        kind,
        verdict: Verdict::Indeterminate,
        reasons: vec![],
        notes: vec![],
        time: None,
        tsa: None,
        chain: vec![],
        trusted: false,
        revocation: Revocation::NotChecked,
        algorithm: None,
        validation_time: None,
    };
    let finish = |mut r: TimestampReport| {
        r.verdict = verdict_of(&r.reasons);
        r
    };
    let extra = pool(ev, &[], opts);
    let tok = match crate::tsp::verify_token(der, &TokenCheck { extra_certs: &extra, ..TokenCheck::default() }) {
        Ok(t) => t,
        Err(e) => {
            r.reasons.push(reason_of(&e));
            return (finish(r), None);
        }
    };
    r.time = Some(tok.time());
    r.tsa = Some(CertInfo::new(&tok.tsa_cert));
    if let Ok(sd) = crate::cms::parse::parse(der)
        && let Some(si) = sd.signers.first()
        && let Some(d) = DigestAlg::from_oid(&si.digest_alg.oid)
        && let Some(s) = super::scheme::signer_scheme(si, d)
    {
        r.algorithm = Some(s.name());
    }
    for w in &tok.warnings {
        r.notes.push(Note::new(NoteCode::Warning, format!("time-stamp: {w}")));
    }
    let mi = &tok.tst_info.message_imprint;
    match DigestAlg::from_oid(&mi.hash_algorithm.oid) {
        None => r.reasons.push(Reason::new(
            ReasonCode::UnsupportedAlgorithm,
            format!("time-stamp: message imprint hash {}", mi.hash_algorithm.oid),
        )),
        Some(alg) => {
            if mi.hashed_message.as_bytes() != covered(alg).as_slice() {
                r.reasons.push(reason_of(&TspError::ImprintMismatch));
            }
            if alg == DigestAlg::Sha1 {
                r.reasons.push(Reason::new(ReasonCode::WeakAlgorithm, "time-stamp: the message imprint is SHA-1"));
            }
        }
    }
    // The TSA's chain: at the token's proof of existence, else now; when the TSA
    // certificate has expired since, at genTime (with a note).
    let mut untrusted = tok.certificates.clone();
    untrusted.extend(extra.iter().cloned());
    let mut ev = ev.clone();
    with_files(&mut ev, opts);
    let first_at = later.map(|p| p.time.min(opts.at)).unwrap_or(opts.at);
    let mut at = first_at;
    let (mut outcome, mut ocsp) =
        validate_with_sources(&tok.tsa_cert, &untrusted, &mut ev, opts, at, Purpose::TimeStamping);
    if at > tok.time() && outcome.reasons.iter().any(|x| x.code == ReasonCode::OutOfBoundsNoPoe) {
        let (own, own_ocsp) =
            validate_with_sources(&tok.tsa_cert, &untrusted, &mut ev, opts, tok.time(), Purpose::TimeStamping);
        let expired = |o: &ChainOutcome| o.reasons.iter().any(|x| x.code == ReasonCode::OutOfBoundsNoPoe);
        if !expired(&own) && verdict_of(&own.reasons) <= verdict_of(&outcome.reasons) {
            at = tok.time();
            outcome = own;
            ocsp = own_ocsp;
            r.notes.push(Note::new(
                NoteCode::ProvenTime,
                format!(
                    "the TSA certificate \"{}\" expired before {}; its chain was validated at the time-stamp's own \
                     time {}",
                    dn(&tok.tsa_cert),
                    time::rfc3339(first_at),
                    time::rfc3339(at)
                ),
            ));
        }
    }
    r.validation_time = Some(at);
    r.chain = outcome.path.iter().map(CertInfo::new).collect();
    r.trusted = outcome.trusted;
    r.revocation = outcome.revocation;
    r.reasons.extend(outcome.reasons.into_iter().map(|x| Reason::new(x.code, format!("TSA: {}", x.detail))));
    let crls: Vec<_> = ev.crls.iter().chain(opts.trust.crls.iter()).collect();
    revoked_later(&outcome.path, &crls, &ocsp, at, &mut r.notes);
    (finish(r), Some(tok))
}

fn dn(c: &Certificate) -> String {
    crate::pki::dn::to_string(c.tbs_certificate().subject())
}

/// A note for each certificate of `path` that the file's revocation data shows revoked
/// after `at` (so not revoked at the time it was validated at).
fn revoked_later(
    path: &[Certificate],
    crls: &[&x509_cert::crl::CertificateList],
    ocsp: &[OcspEvidence],
    at: i64,
    notes: &mut Vec<Note>,
) {
    use der::Encode;
    for (i, cert) in path.iter().enumerate() {
        let Some(issuer) = path.get(i + 1) else { break };
        let serial = cert.tbs_certificate().serial_number().as_bytes();
        let mut when: Option<i64> = None;
        for o in ocsp {
            if let OcspStatus::Revoked(t, _) = o.status
                && o.serial == serial
                && o.issuer_key_hash == crate::revocation::ocsp::issuer_key_hash(issuer, o.hash)
            {
                when = Some(when.map_or(t, |w: i64| w.min(t)));
            }
        }
        for crl in crls {
            let Ok(der) = crl.to_der() else { continue };
            let Ok(parsed) = crate::revocation::crl::parse(&der) else { continue };
            let check = crate::revocation::crl::CrlCheck::at(time::unix(&crl.tbs_cert_list.this_update));
            if let Ok(v) = parsed.verify(issuer, check)
                && let Some(rev) = v.status(serial)
            {
                when = Some(when.map_or(rev.time, |w| w.min(rev.time)));
            }
        }
        if let Some(t) = when
            && t > at
        {
            notes.push(Note::new(
                NoteCode::RevokedAfterProvenTime,
                format!("\"{}\" revoked on {}, after {}", dn(cert), time::rfc3339(t), time::rfc3339(at)),
            ));
        }
    }
}

/// The signature time-stamp tokens (DER) in a SignerInfo's unsigned attributes.
pub fn signature_timestamp_tokens(si: &ParsedSigner) -> Vec<Vec<u8>> {
    use der::Encode;
    si.unsigned_attrs
        .iter()
        .filter(|a| a.oid == oids::ATTR_TIMESTAMP_TOKEN)
        .flat_map(|a| a.values.iter())
        .filter_map(|v| v.to_der().ok())
        .take(MAX_SIGNATURE_TIMESTAMPS)
        .collect()
}

fn summary(what: &str, t: &TimestampReport) -> String {
    let verdict = match t.verdict {
        Verdict::Valid => "valid",
        Verdict::Invalid => "invalid",
        _ => "indeterminate",
    };
    let mut s = format!("{what}: {verdict}");
    if let Some(when) = t.time {
        s += &format!(", {}", time::rfc3339(when));
    }
    if let Some(tsa) = &t.tsa {
        s += &format!(", TSA \"{}\"", tsa.subject);
    }
    if let Some(first) = t.reasons.first() {
        s += &format!(" ({}: {})", first.code.as_str(), first.detail);
    }
    s
}

/// The signer's chain of a CMS SignerInfo, with proof of existence: its signature
/// time-stamps (over the signature value), the revocation data of the SignedData, the
/// adbe attribute and the file; see [`chain_with_poe`].
pub fn signer_chain(
    signer: &Certificate,
    sd: &ParsedSignedData,
    si: &ParsedSigner,
    opts: &VerifyOptions,
    ctx: &Context,
    report: &mut SignatureReport,
) {
    let mut ev = Evidence::of_signed_data(sd, "CMS");
    ev.extend(&Evidence::of_adobe_attribute(si));
    let tokens: Vec<(Vec<u8>, Vec<u8>)> =
        signature_timestamp_tokens(si).into_iter().map(|t| (t, si.signature.clone())).collect();
    chain_with_poe(signer, &sd.certificates, ev, &tokens, opts, ctx, report);
}

/// Checks the signature time-stamps (`tokens`: each token's DER and the bytes its
/// imprint must cover), takes the earliest valid one (or `ctx.later_poe`) as the time
/// to validate `signer`'s chain at, feeds the revocation data of `ev` and the file to
/// the chain validation, and fills `report`'s chain, revocation, reasons and long-term
/// facts.
pub fn chain_with_poe(
    signer: &Certificate,
    embedded: &[Certificate],
    mut ev: Evidence,
    tokens: &[(Vec<u8>, Vec<u8>)],
    opts: &VerifyOptions,
    ctx: &Context,
    report: &mut SignatureReport,
) {
    if let Some(f) = ctx.evidence {
        ev.extend(f);
    }
    let has_own_revocation_data = ev.has_revocation_data();
    with_files(&mut ev, opts);
    let mut timestamps = Vec::new();
    let mut poe: Option<ProvenTime> = None;
    for (k, (der, data)) in tokens.iter().take(MAX_SIGNATURE_TIMESTAMPS).enumerate() {
        let covered = |alg: DigestAlg| alg.digest(data);
        let (tr, tok) = check_timestamp(der, TimestampKind::Signature, &covered, &ev, opts, ctx.later_poe.as_ref());
        let what = format!("signature time-stamp {}", k + 1);
        report.notes.push(Note::new(NoteCode::Timestamp, summary(&what, &tr)));
        if tr.verdict == Verdict::Valid
            && let Some(tok) = tok
            && poe.as_ref().is_none_or(|p| tok.latest_time() < p.time)
        {
            poe = Some(ProvenTime { time: tok.latest_time(), by: format!("{what} (TSA \"{}\")", tok.tsa_name()) });
        }
        timestamps.push(tr);
    }
    if let Some(later) = &ctx.later_poe
        && poe.as_ref().is_none_or(|p| later.time < p.time)
    {
        poe = Some(later.clone());
    }
    let at = poe.as_ref().map_or(opts.at, |p| p.time.min(opts.at));
    let untrusted = pool(&ev, embedded, opts);
    let (outcome, ocsp) = validate_with_sources(signer, &untrusted, &mut ev, opts, at, Purpose::DocumentSigning);
    if at < opts.at
        && let Some(p) = &poe
    {
        report.notes.push(Note::new(
            NoteCode::ProvenTime,
            format!("the signer's chain was validated at {}, proven by {}", time::rfc3339(at), p.by),
        ));
    }
    report.chain = outcome.path.iter().map(CertInfo::new).collect();
    report.trusted = outcome.trusted;
    report.revocation = outcome.revocation;
    report.reasons.extend(outcome.reasons);
    let crls: Vec<_> = ev.crls.iter().chain(opts.trust.crls.iter()).collect();
    revoked_later(&outcome.path, &crls, &ocsp, at, &mut report.notes);
    let t_sources = usize::from(!tokens.is_empty()) + ctx.covering_timestamps;
    let level = if t_sources == 0 {
        Level::B
    } else if !has_own_revocation_data {
        Level::T
    } else if ctx.covering_timestamps >= if tokens.is_empty() { 2 } else { 1 } {
        Level::Lta
    } else {
        Level::Lt
    };
    report.ltv = Some(Box::new(LongTerm {
        kind: SignatureKind::Signature,
        level: Some(level),
        proven_time: poe,
        validation_time: at,
        timestamps,
    }));
}

/// A PDF document time-stamp (`/ETSI.RFC3161`) as a report entry of its own: the token
/// in `/Contents` must cover the ByteRange (`chunks`).
pub fn document_timestamp(
    index: usize,
    token: &[u8],
    chunks: &[&[u8]],
    coverage: &str,
    field: &str,
    opts: &VerifyOptions,
    ctx: &Context,
) -> SignatureReport {
    let empty = Evidence::default();
    let ev = ctx.evidence.unwrap_or(&empty);
    let covered = |alg: DigestAlg| {
        let mut h = alg.hasher();
        chunks.iter().for_each(|c| h.update(c));
        h.finalize()
    };
    let (tr, tok) = check_timestamp(token, TimestampKind::Document, &covered, ev, opts, ctx.later_poe.as_ref());
    let proven_time = match (&tok, tr.verdict) {
        (Some(t), Verdict::Valid) => Some(ProvenTime {
            time: t.latest_time(),
            by: format!("document time-stamp in field \"{field}\" (TSA \"{}\")", t.tsa_name()),
        }),
        _ => None,
    };
    SignatureReport {
        index,
        verdict: tr.verdict,
        reasons: tr.reasons.clone(),
        signer: tr.tsa.clone(),
        signing_time: None,
        chain: tr.chain.clone(),
        trusted: tr.trusted,
        revocation: tr.revocation,
        coverage: coverage.to_string(),
        algorithm: tr.algorithm.clone(),
        notes: tr.notes.clone(),
        revisions: None,
        ltv: Some(Box::new(LongTerm {
            kind: SignatureKind::DocumentTimestamp,
            level: None,
            proven_time,
            validation_time: tr.validation_time.unwrap_or(opts.at),
            timestamps: vec![tr],
        })),
    }
}

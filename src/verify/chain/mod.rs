//! RFC 5280 certification path validation (§6), from a certificate to one of the user's
//! trust anchors, with the verdict vocabulary of the rest of `verify`.
//!
//! - [`build`]: path building over the anchors and the untrusted certificates offered,
//!   every candidate path (cross certificates, renewed keys), signatures remembered per
//!   process.
//! - this module: the checks on a path — validity at the validation time, basicConstraints
//!   and pathLenConstraint, keyUsage, the purpose of the target (EKU), critical
//!   extensions, weak algorithms — and the order of everything.
//! - [`names`]: name constraints (§4.2.1.10); [`policy`]: certificate policies (§6.1.2–6.1.5);
//! - [`crl`]: revocation status from CRLs (§6.3) and OCSP answers handed in.
//!
//! The entry point is [`validate_request`]: the target, the untrusted certificates, the
//! [`TrustStore`] (anchors, `--certs`, `--crl`, the user's [`Settings`]), the validation
//! time, the purpose, and the revocation evidence found elsewhere (a signature's embedded
//! CRLs, OCSP responses). The outcome says per certificate what was checked and with what
//! ([`CertCheck`]). May import `pki` and `verify::{crypto, trust}`; knows nothing of
//! document formats.

mod build;
pub mod crl;
pub mod names;
pub mod policy;
#[cfg(test)]
mod tests;

use const_oid::ObjectIdentifier as Oid;
use der::Decode;
use x509_cert::Certificate;
use x509_cert::certificate::Version;
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::constraints::name::NameConstraints;
use x509_cert::ext::pkix::{BasicConstraints, CertificatePolicies, ExtendedKeyUsage, KeyUsage, KeyUsages};

pub use build::{MAX_DEPTH, MAX_PATHS};
pub use crl::{OcspEvidence, OcspStatus, Status as CertStatus};
pub use policy::{PolicyInputs, Settings};

use super::trust::TrustStore;
use super::{Note, NoteCode, Reason, ReasonCode, Revocation, verdict_of};
use crate::pki::alg::DigestAlg;
use crate::pki::info::key_info;
use crate::pki::{dn, oids, time};

/// How deep the validation of a CRL signer's own path may nest.
pub const MAX_REVOCATION_DEPTH: usize = 2;

/// What the target certificate must be good for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Purpose {
    /// A document signer: not a CA; keyUsage (when present) digitalSignature or
    /// nonRepudiation; EKU and Microsoft application policies (when present) one that
    /// allows signing documents.
    #[default]
    DocumentSigning,
    /// Any use (what `openssl verify` checks without `-purpose`).
    Any,
    /// A time-stamping unit: EKU timeStamping.
    TimeStamping,
    /// An OCSP responder: EKU OCSPSigning.
    OcspSigning,
    /// A CRL signer: keyUsage (when present) cRLSign.
    CrlSigning,
}

/// Everything one validation needs.
pub struct Request<'a> {
    pub target: &'a Certificate,
    /// Untrusted certificates that may help build the path (e.g. embedded in a signature).
    pub untrusted: &'a [Certificate],
    pub store: &'a TrustStore,
    /// The validation time (Unix seconds): now, `--at`, or a proven time of existence.
    pub at: i64,
    pub purpose: Purpose,
    /// CRLs found beside the store's (in the signature, a DSS, fetched).
    pub crls: &'a [CertificateList],
    /// OCSP answers, already parsed and signature-checked.
    pub ocsp: &'a [OcspEvidence],
}

/// What was checked of one certificate of the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertCheck {
    pub revocation: CertStatus,
    /// Problems found with this certificate (also in [`ChainOutcome::reasons`]).
    pub reasons: Vec<Reason>,
}

pub struct ChainOutcome {
    /// Target first. When `trusted`, the last certificate is a trust anchor; otherwise
    /// it is the best chain that could be assembled by names, for the report.
    pub path: Vec<Certificate>,
    pub trusted: bool,
    pub reasons: Vec<Reason>,
    pub revocation: Revocation,
    /// One per certificate of `path`, in the same order.
    pub checks: Vec<CertCheck>,
    /// Deviations accepted (and why), facts worth a look.
    pub notes: Vec<Note>,
    /// The certificate policies the path is valid for (RFC 5280 §6.1.5 (g));
    /// `2.5.29.32.0` means any.
    pub policies: Vec<String>,
}

/// Extensions kyso processes (or, for AIA and issuerAltName, understands as information
/// only) and so accepts when marked critical.
const KNOWN_CRITICAL: [Oid; 15] = [
    oids::EXT_BASIC_CONSTRAINTS,
    oids::EXT_KEY_USAGE,
    oids::EXT_EKU,
    oids::EXT_SAN,
    oids::EXT_SKI,
    oids::EXT_AKI,
    oids::EXT_CERT_POLICIES,
    oids::EXT_NAME_CONSTRAINTS,
    oids::EXT_POLICY_MAPPINGS,
    oids::EXT_POLICY_CONSTRAINTS,
    oids::EXT_INHIBIT_ANY_POLICY,
    oids::EXT_CRL_DP,
    oids::EXT_FRESHEST_CRL,
    oids::EXT_AIA,
    oids::EXT_MS_APPLICATION_POLICIES,
];

/// EKUs that allow signing documents.
const DOCUMENT_EKUS: [Oid; 5] = [
    oids::EKU_EMAIL_PROTECTION,
    oids::EKU_DOCUMENT_SIGNING,
    oids::EKU_ANY,
    oids::EKU_MS_DOCUMENT_SIGNING,
    oids::EKU_ADOBE_AUTHENTIC_DOCUMENTS,
];

pub(crate) fn label(c: &Certificate) -> String {
    dn::to_string(c.tbs_certificate().subject())
}

/// [`label`], written only when a message that names the certificate is: most checks
/// pass, and the subject's text is then never needed.
struct Label<'a>(&'a Certificate);

impl std::fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&label(self.0))
    }
}

/// The state one validation shares with the revocation checks it starts.
pub(crate) struct Ctx<'a> {
    store: &'a TrustStore,
    pool: Vec<&'a Certificate>,
    crls: Vec<&'a CertificateList>,
    ocsp: &'a [OcspEvidence],
    at: i64,
    /// CRL signers whose own validation is under way (an indirect CRL issuer may cover
    /// its own certificate: the cycle is cut there, RFC 5280 §6.3.3 (f)).
    in_progress: std::cell::RefCell<Vec<Certificate>>,
}

/// Does `issuer`'s key verify `cert`'s signature (remembered per process)?
pub fn signature_ok(cert: &Certificate, issuer: &Certificate) -> bool {
    build::signature_verifies(cert, issuer) == build::SigOutcome::Good
}

/// Build a path from `signer` to an anchor of `store`, using `embedded` and the store's
/// intermediates as untrusted helpers, and validate it at `at` for document signing with
/// the store's CRLs and settings.
pub fn validate(signer: &Certificate, embedded: &[Certificate], store: &TrustStore, at: i64) -> ChainOutcome {
    validate_request(&Request {
        target: signer,
        untrusted: embedded,
        store,
        at,
        purpose: Purpose::DocumentSigning,
        crls: &[],
        ocsp: &[],
    })
}

/// Validate `req.target` as [`Request`] says; see the module documentation.
pub fn validate_request(req: &Request) -> ChainOutcome {
    let mut pool: Vec<&Certificate> = Vec::new();
    for c in req.untrusted.iter().chain(req.store.intermediates.iter()) {
        if !pool.contains(&c) {
            pool.push(c);
        }
    }
    let ctx = Ctx {
        store: req.store,
        pool,
        crls: req.store.crls.iter().chain(req.crls.iter()).collect(),
        ocsp: req.ocsp,
        at: req.at,
        in_progress: Default::default(),
    };
    validate_inner(&ctx, req.target, req.purpose, 0, None)
}

pub(crate) fn validate_inner(
    ctx: &Ctx,
    target: &Certificate,
    purpose: Purpose,
    depth: usize,
    only_anchor: Option<&Certificate>,
) -> ChainOutcome {
    let mut diag = build::Diagnostics::default();
    let paths = build::candidates(target, &ctx.pool, ctx.store, only_anchor, &mut diag);
    let mut best: Option<ChainOutcome> = None;
    for path in paths {
        let outcome = evaluate(ctx, path, purpose, depth);
        if outcome.reasons.is_empty() {
            return outcome;
        }
        let rank = |o: &ChainOutcome| (verdict_of(&o.reasons), o.reasons.len());
        if best.as_ref().is_none_or(|b| rank(&outcome) < rank(b)) {
            best = Some(outcome);
        }
    }
    best.unwrap_or_else(|| untrusted(ctx, target, purpose, &diag))
}

/// No path reaches an anchor: say why, and what is wrong with the certificates anyway.
fn untrusted(ctx: &Ctx, target: &Certificate, purpose: Purpose, diag: &build::Diagnostics) -> ChainOutcome {
    let best = build::best_effort(target, &ctx.pool, ctx.store);
    let mut detail = match best.last() {
        Some(top) if build::self_issued(top) => {
            format!("the chain ends at the self-signed \"{}\", which is not a trust anchor", label(top))
        }
        Some(top) => format!(
            "the chain ends at \"{}\"; its issuer \"{}\" was not found",
            label(top),
            dn::to_string(top.tbs_certificate().issuer())
        ),
        None => String::new(),
    };
    let mut reasons = Vec::new();
    for (cert, issuer_cert, outcome) in &diag.rejected {
        let issuer = label(issuer_cert);
        // An algorithm kyso cannot check is the reason only when that issuer leads to an anchor.
        let leads_to_anchor = || {
            ctx.store.is_anchor(issuer_cert)
                || build::best_effort(issuer_cert, &ctx.pool, ctx.store).last().is_some_and(|c| ctx.store.is_anchor(c))
        };
        match outcome {
            build::SigOutcome::Unsupported if leads_to_anchor() => reasons.push(Reason::new(
                ReasonCode::UnsupportedAlgorithm,
                format!("the signature of \"{cert}\" by \"{issuer}\" uses an algorithm or key kyso does not verify"),
            )),
            build::SigOutcome::Unsupported => detail.push_str(&format!(
                "; the signature of \"{cert}\" by \"{issuer}\" uses an algorithm or key kyso does not verify"
            )),
            _ => detail.push_str(&format!("; the key of \"{issuer}\" does not verify the signature of \"{cert}\"")),
        }
    }
    reasons.insert(0, Reason::new(ReasonCode::NoCertificateChainFound, detail));
    let mut notes = Vec::new();
    let mut checks = check_path(&best, false, ctx.at, purpose, &mut notes);
    for c in checks.iter_mut() {
        c.revocation = CertStatus::NotChecked;
    }
    reasons.extend(checks.iter().flat_map(|c| c.reasons.iter().cloned()));
    ChainOutcome {
        path: best,
        trusted: false,
        reasons,
        revocation: Revocation::NotChecked,
        checks,
        notes,
        policies: vec![],
    }
}

/// Validate one complete candidate path (target first, anchor last).
fn evaluate(ctx: &Ctx, path: Vec<Certificate>, purpose: Purpose, depth: usize) -> ChainOutcome {
    let mut notes = Vec::new();
    let mut checks = check_path(&path, true, ctx.at, purpose, &mut notes);
    let len = path.len();
    // Name constraints, from the anchor down (§6.1.3 (b)-(c), §6.1.4 (g)).
    let mut constraints: Vec<(String, NameConstraints)> = Vec::new();
    for i in (0..len).rev() {
        let cert = &path[i];
        if i < len - 1 && (i == 0 || !build::self_issued(cert)) {
            for (ca, nc) in &constraints {
                if let Err(e) = names::check(cert, nc, ca) {
                    checks[i].reasons.push(Reason::new(
                        ReasonCode::ChainConstraintsFailure,
                        format!("\"{}\" violates name constraints: {e}", label(cert)),
                    ));
                }
            }
        }
        if i > 0 {
            match extension::<NameConstraints>(cert, oids::EXT_NAME_CONSTRAINTS) {
                Ok(Some(nc)) => constraints.push((label(cert), nc)),
                Ok(None) => {}
                Err(e) => checks[i]
                    .reasons
                    .push(Reason::new(ReasonCode::ChainConstraintsFailure, format!("\"{}\": {e}", label(cert)))),
            }
        }
    }
    // Certificate policies (§6.1.2-6.1.5); certificates numbered 1..=n from the anchor.
    let n = len - 1;
    let mut policies = vec![oids::ANY_POLICY.to_string()];
    if n >= 1 {
        let mut state = policy::PolicyState::new(&ctx.store.settings.policy, n);
        let mut failed = false;
        for k in 1..=n {
            let idx = len - 1 - k;
            let cert = &path[idx];
            let si = build::self_issued(cert);
            let step =
                state.process(cert, k, si).and_then(|()| if k < n { state.prepare(cert, k, si) } else { Ok(()) });
            if let Err(e) = step {
                checks[idx]
                    .reasons
                    .push(Reason::new(ReasonCode::ChainConstraintsFailure, format!("\"{}\": {e}", label(cert))));
                failed = true;
                break;
            }
        }
        if !failed {
            match state.wrap_up(&path[0]) {
                Ok(p) => policies = p.iter().map(|o| o.to_string()).collect(),
                Err(e) => checks[0]
                    .reasons
                    .push(Reason::new(ReasonCode::ChainConstraintsFailure, format!("\"{}\": {e}", label(&path[0])))),
            }
        }
    }
    // Revocation of every certificate below the anchor.
    let require = ctx.store.settings.require_revocation;
    let mut all_good = n >= 1;
    let mut revoked = false;
    for i in 0..len {
        if i == len - 1 {
            checks[i].revocation = CertStatus::TrustAnchor;
            continue;
        }
        let status = crl::status(ctx, &path[i], &path[i + 1..], depth);
        let name = Label(&path[i]);
        match &status {
            CertStatus::Revoked { time: t, reason, source } => {
                revoked = true;
                checks[i].reasons.push(Reason::new(
                    ReasonCode::Revoked,
                    format!("\"{name}\" was revoked on {} ({reason}; {source})", time::rfc3339(*t)),
                ));
            }
            CertStatus::OnHold { time: t, source } => {
                all_good = false;
                checks[i].reasons.push(Reason::new(
                    ReasonCode::TryLater,
                    format!("\"{name}\" is on hold (certificateHold) since {} ({source})", time::rfc3339(*t)),
                ));
            }
            CertStatus::Unknown { detail } => {
                all_good = false;
                if require {
                    checks[i].reasons.push(Reason::new(
                        ReasonCode::TryLater,
                        format!("the revocation status of \"{name}\" is unknown: {detail}"),
                    ));
                }
            }
            _ => {}
        }
        checks[i].revocation = status;
    }
    let revocation = match (revoked, all_good) {
        (true, _) => Revocation::Revoked,
        (false, true) => Revocation::Good,
        (false, false) => Revocation::NotChecked,
    };
    let reasons = checks.iter().flat_map(|c| c.reasons.iter().cloned()).collect();
    ChainOutcome { path, trusted: true, reasons, revocation, checks, notes, policies }
}

/// An extension of type `T` found by OID: `Err` when present but undecodable.
fn extension<T: for<'a> Decode<'a>>(cert: &Certificate, oid: Oid) -> Result<Option<T>, String> {
    match cert.tbs_certificate().extensions().and_then(|e| e.iter().find(|e| e.extn_id == oid)) {
        None => Ok(None),
        Some(e) => T::from_der(e.extn_value.as_bytes())
            .map(Some)
            .map_err(|err| format!("its extension {oid} cannot be decoded ({err})")),
    }
}

/// Validity at `at` of each certificate of `certs`.
pub(crate) fn check_validity(certs: &[Certificate], at: i64) -> Vec<Reason> {
    let mut reasons = Vec::new();
    for cert in certs {
        let v = cert.tbs_certificate().validity();
        let (nb, na) = (time::unix(&v.not_before), time::unix(&v.not_after));
        if at < nb {
            reasons.push(Reason::new(
                ReasonCode::NotYetValid,
                format!("\"{}\" is valid from {}", label(cert), time::rfc3339(nb)),
            ));
        }
        if at > na {
            reasons.push(Reason::new(
                ReasonCode::OutOfBoundsNoPoe,
                format!("\"{}\" expired on {}", label(cert), time::rfc3339(na)),
            ));
        }
    }
    reasons
}

fn tolerated(notes: &mut Vec<Note>, detail: String) {
    if !notes.iter().any(|n| n.detail == detail) {
        notes.push(Note::new(NoteCode::Tolerated, detail));
    }
}

/// The checks on each certificate of a path on its own (target first; the last is the
/// anchor if `anchored`): validity, extensions, CA-ness and path length, key usage, the
/// target's purpose, critical extensions, weak algorithms.
fn check_path(
    path: &[Certificate],
    anchored: bool,
    at: i64,
    purpose: Purpose,
    notes: &mut Vec<Note>,
) -> Vec<CertCheck> {
    let mut out = Vec::new();
    for (i, cert) in path.iter().enumerate() {
        let mut reasons = check_validity(std::slice::from_ref(cert), at);
        let tbs = cert.tbs_certificate();
        let name = Label(cert);
        let is_anchor = anchored && i == path.len() - 1;
        let constraint = |reasons: &mut Vec<Reason>, detail: String| {
            reasons.push(Reason::new(ReasonCode::ChainConstraintsFailure, detail));
        };
        let bc = tbs.get_extension::<BasicConstraints>();
        let ku = tbs.get_extension::<KeyUsage>();
        let eku = tbs.get_extension::<ExtendedKeyUsage>();
        let app = extension::<CertificatePolicies>(cert, oids::EXT_MS_APPLICATION_POLICIES);
        let (Ok(bc), Ok(ku), Ok(eku), Ok(app)) = (bc, ku, eku, app) else {
            reasons.push(Reason::new(
                ReasonCode::CertificateChainGeneralFailure,
                format!("\"{name}\" has a malformed extension"),
            ));
            out.push(CertCheck { revocation: CertStatus::NotChecked, reasons });
            continue;
        };
        let bc = bc.map(|(_, b)| b);
        let ku = ku.map(|(_, k)| k);
        let eku = eku.map(|(_, e)| e.0);
        let app: Option<Vec<Oid>> = app.map(|a| a.0.iter().map(|p| p.policy_identifier).collect());
        let is_ca = bc.as_ref().is_some_and(|b| b.ca);
        let has_ku = |flag: KeyUsages| ku.as_ref().is_none_or(|k| k.0.contains(flag));
        if i == 0 {
            let ekus_allow = |allowed: &[Oid]| {
                eku.as_ref().is_none_or(|e| e.iter().any(|o| allowed.contains(o)))
                    && app.as_ref().is_none_or(|a| a.iter().any(|o| allowed.contains(o)))
            };
            match purpose {
                Purpose::Any => {}
                Purpose::DocumentSigning => {
                    if is_ca {
                        constraint(&mut reasons, format!("\"{name}\" is a CA certificate, not a document signer's"));
                    }
                    if !has_ku(KeyUsages::DigitalSignature) && !has_ku(KeyUsages::NonRepudiation) {
                        constraint(
                            &mut reasons,
                            format!("the key usage of \"{name}\" allows neither digitalSignature nor nonRepudiation"),
                        );
                    }
                    if !ekus_allow(&DOCUMENT_EKUS) {
                        constraint(
                            &mut reasons,
                            format!("the extended key usage of \"{name}\" does not allow document signing"),
                        );
                    }
                }
                Purpose::TimeStamping | Purpose::OcspSigning => {
                    let wanted =
                        if purpose == Purpose::TimeStamping { oids::EKU_TIME_STAMPING } else { oids::EKU_OCSP_SIGNING };
                    if !eku.as_ref().is_some_and(|e| e.contains(&wanted)) {
                        constraint(&mut reasons, format!("the extended key usage of \"{name}\" is not {wanted}"));
                    }
                    if !has_ku(KeyUsages::DigitalSignature) && !has_ku(KeyUsages::NonRepudiation) {
                        constraint(
                            &mut reasons,
                            format!("the key usage of \"{name}\" does not allow digitalSignature"),
                        );
                    }
                }
                Purpose::CrlSigning => {
                    if !has_ku(KeyUsages::CRLSign) {
                        constraint(&mut reasons, format!("the key usage of \"{name}\" does not allow cRLSign"));
                    }
                }
            }
        } else {
            match &bc {
                Some(b) if b.ca => {}
                Some(_) => constraint(
                    &mut reasons,
                    format!("\"{name}\" issued a certificate but is not a CA (basicConstraints)"),
                ),
                // RFC 5280 §6.1.4 (k): a v1/v2 certificate is a CA only by out-of-band means —
                // being a trust anchor the user configured. A v3 anchor without basicConstraints
                // is taken as the user gave it too (the anchor is an input, §6.1.1 (d)).
                None if is_anchor => {}
                None if tbs.version() != Version::V3 => constraint(
                    &mut reasons,
                    format!(
                        "\"{name}\" is a version 1 certificate; it can issue certificates only as a trust anchor (give it with --trust)"
                    ),
                ),
                None => {
                    constraint(&mut reasons, format!("\"{name}\" issued a certificate but has no basicConstraints"))
                }
            }
            if !has_ku(KeyUsages::KeyCertSign) {
                constraint(&mut reasons, format!("the key usage of \"{name}\" does not allow keyCertSign"));
            }
            // Intermediate CAs below this one (self-issued ones do not count, RFC 5280 §6.1.4 (l)).
            let below = path[1..i].iter().filter(|c| !build::self_issued(c)).count();
            if let Some(limit) = bc.as_ref().and_then(|b| b.path_len_constraint)
                && below > usize::from(limit)
            {
                constraint(
                    &mut reasons,
                    format!("\"{name}\" allows {limit} intermediate CA(s) below it, the chain has {below}"),
                );
            }
        }
        for ext in tbs.extensions().map(|e| e.as_slice()).unwrap_or(&[]) {
            if !ext.critical {
                continue;
            }
            if !KNOWN_CRITICAL.contains(&ext.extn_id) {
                constraint(&mut reasons, format!("\"{name}\" has an unknown critical extension {}", ext.extn_id));
            } else if ext.extn_id == oids::EXT_MS_APPLICATION_POLICIES {
                tolerated(
                    notes,
                    format!(
                        "\"{name}\": the critical Microsoft application-policies extension (Windows CAs) is read as an application policy, like extendedKeyUsage"
                    ),
                );
            } else if ext.extn_id == oids::EXT_AIA {
                tolerated(
                    notes,
                    format!(
                        "\"{name}\": authorityInfoAccess is marked critical (RFC 5280 asks for non-critical); it is information only"
                    ),
                );
            }
        }
        if tbs.serial_number().as_bytes().first().is_some_and(|b| b & 0x80 != 0) {
            tolerated(
                notes,
                format!(
                    "\"{name}\" has a negative serial number (RFC 5280 §4.1.2.2 asks verifiers to handle it gracefully)"
                ),
            );
        }
        let key = key_info(tbs.subject_public_key_info());
        if key.algorithm == "RSA" && key.bits < 2048 {
            reasons.push(Reason::new(
                ReasonCode::WeakAlgorithm,
                format!("\"{name}\" has an RSA key of {} bits", key.bits),
            ));
        }
        // The anchor's own signature proves nothing, so its algorithm does not matter.
        if !is_anchor {
            if cert.signature_algorithm().oid == oids::SHA1_WITH_RSA_OIW {
                tolerated(
                    notes,
                    format!("\"{name}\" is signed with the OIW sha1RSA identifier 1.3.14.3.2.29 (old Windows CAs)"),
                );
            }
            if build::cert_scheme(cert).is_some_and(|s| s.digest() == DigestAlg::Sha1) {
                reasons.push(Reason::new(ReasonCode::WeakAlgorithm, format!("\"{name}\" is signed with SHA-1")));
            }
        }
        out.push(CertCheck { revocation: CertStatus::NotChecked, reasons });
    }
    out
}

impl Purpose {
    /// The purpose's name in reports (`document-signing`, as the CLI spells it).
    pub fn name(self) -> &'static str {
        match self {
            Purpose::DocumentSigning => "document-signing",
            Purpose::Any => "any",
            Purpose::TimeStamping => "timestamping",
            Purpose::OcspSigning => "ocsp-signing",
            Purpose::CrlSigning => "crl-signing",
        }
    }
}

/// The result of validating one certificate on its own (`kyso cert verify`).
#[derive(Debug, Clone)]
pub struct CertReport {
    pub path: String,
    pub verdict: super::Verdict,
    pub reasons: Vec<Reason>,
    pub purpose: Purpose,
    pub at: i64,
    pub trusted: bool,
    pub revocation: Revocation,
    /// The path, target first, each certificate with what was checked of it.
    pub chain: Vec<(crate::pki::info::CertInfo, CertCheck)>,
    pub notes: Vec<Note>,
    pub policies: Vec<String>,
}

impl CertReport {
    pub fn new(path: String, purpose: Purpose, at: i64, outcome: ChainOutcome) -> CertReport {
        let chain = outcome.path.iter().map(crate::pki::info::CertInfo::new).zip(outcome.checks).collect();
        CertReport {
            path,
            verdict: verdict_of(&outcome.reasons),
            reasons: outcome.reasons,
            purpose,
            at,
            trusted: outcome.trusted,
            revocation: outcome.revocation,
            chain,
            notes: outcome.notes,
            policies: outcome.policies,
        }
    }

    /// A file that holds no certificate kyso can read.
    pub fn failed(path: String, code: ReasonCode, detail: String) -> CertReport {
        CertReport {
            path,
            verdict: code.verdict(),
            reasons: vec![Reason::new(code, detail)],
            purpose: Purpose::Any,
            at: 0,
            trusted: false,
            revocation: Revocation::NotChecked,
            chain: vec![],
            notes: vec![],
            policies: vec![],
        }
    }
}

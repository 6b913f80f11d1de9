//! Verifying a CMS SignedData against digests of the content it signs: every SignerInfo,
//! and every counter-signature (RFC 5652 §11.4) under it.
//!
//! Algorithm-identifier quirks that real signers write and other validators accept are
//! accepted here with a [`NoteCode::Tolerated`] note naming the quirk: `id-ecPublicKey`
//! or a curve OID as the signature algorithm, a signature-algorithm OID as the digest
//! algorithm, signed attributes that are not DER. What kyso cannot check is
//! INDETERMINATE (UNSUPPORTED_ALGORITHM, SIGNED_DATA_NOT_FOUND), never INVALID.

use super::scheme::signer_scheme_noted;
use x509_cert::Certificate;

use super::crypto::{PublicKey, SigCheck};
use super::ltv;
use super::{Note, NoteCode, Reason, ReasonCode, Revocation, SignatureReport, Verdict, VerifyOptions, verdict_of};
use crate::cms::parse::{MAX_COUNTER_DEPTH, ParsedSignedData, ParsedSigner};
use crate::pki::alg::{DigestAlg, SigScheme, pss_salt_len};
use crate::pki::info::CertInfo;

/// The content digest algorithm of a SignerInfo, and a note when it was named by a
/// signature-algorithm OID (e.g. `sha256WithRSAEncryption`, as some Java signers write).
pub fn signer_digest(si: &ParsedSigner) -> Option<(DigestAlg, Option<Note>)> {
    if let Some(d) = DigestAlg::from_oid(&si.digest_alg.oid) {
        return Some((d, None));
    }
    let s = SigScheme::from_algorithm_identifier(&si.digest_alg)?;
    let note = Note::new(
        NoteCode::Tolerated,
        format!("digestAlgorithm is the signature algorithm {} (read as {})", si.digest_alg.oid, s.digest().name()),
    );
    Some((s.digest(), Some(note)))
}

/// The digest algorithms the signers need for the content.
pub fn needed_digests(sd: &ParsedSignedData) -> Vec<DigestAlg> {
    let mut v: Vec<DigestAlg> = sd.signers.iter().filter_map(|s| signer_digest(s).map(|(d, _)| d)).collect();
    v.sort_by_key(|d| d.oid().to_string());
    v.dedup();
    v
}

/// Verify every SignerInfo. `digests` holds the content digest for each algorithm of
/// [`needed_digests`] (empty when the content is not available: then each signature is
/// SIGNED_DATA_NOT_FOUND, its value still checked where it covers signed attributes);
/// `coverage` says what the content is, for the report. Counter-signatures are checked
/// and summed up in a note on their signature; [`verify_signed_data_all`] lists them too.
pub fn verify_signed_data(
    sd: &ParsedSignedData,
    digests: &[(DigestAlg, Vec<u8>)],
    opts: &VerifyOptions,
    coverage: &str,
) -> Vec<SignatureReport> {
    verify_signed_data_in(sd, digests, opts, coverage, &ltv::Context::default())
}

/// [`verify_signed_data`] with what the rest of the file tells (its validation data,
/// later time-stamps covering the signature): see [`ltv`].
pub fn verify_signed_data_in(
    sd: &ParsedSignedData,
    digests: &[(DigestAlg, Vec<u8>)],
    opts: &VerifyOptions,
    coverage: &str,
    ctx: &ltv::Context,
) -> Vec<SignatureReport> {
    sd.signers
        .iter()
        .enumerate()
        .map(|(i, si)| verify_signer(i + 1, sd, si, digests, opts, coverage, 0, ctx).0)
        .collect()
}

/// Like [`verify_signed_data`], followed by one report per counter-signature (its
/// coverage names the signature it counter-signs): for CMS files, where a
/// counter-signature is a signature of the file like any other.
pub fn verify_signed_data_all(
    sd: &ParsedSignedData,
    digests: &[(DigestAlg, Vec<u8>)],
    opts: &VerifyOptions,
    coverage: &str,
) -> Vec<SignatureReport> {
    let mut main = Vec::new();
    let mut counters = Vec::new();
    for (i, si) in sd.signers.iter().enumerate() {
        let (r, c) = verify_signer(i + 1, sd, si, digests, opts, coverage, 0, &ltv::Context::default());
        main.push(r);
        counters.extend(c);
    }
    let n = main.len();
    for (k, c) in counters.iter_mut().enumerate() {
        c.index = n + k + 1;
    }
    main.extend(counters);
    main
}

fn blank_report(index: usize, coverage: &str) -> SignatureReport {
    SignatureReport {
        index,
        verdict: Verdict::Indeterminate,
        reasons: Vec::new(),
        signer: None,
        signing_time: None,
        chain: Vec::new(),
        trusted: false,
        revocation: Revocation::NotChecked,
        coverage: coverage.to_string(),
        algorithm: None,
        notes: vec![],
        revisions: None,
        ltv: None,
    }
}

/// One SignerInfo's report, and the reports of its counter-signatures (recursively).
#[allow(clippy::too_many_arguments)]
fn verify_signer(
    index: usize,
    sd: &ParsedSignedData,
    si: &ParsedSigner,
    digests: &[(DigestAlg, Vec<u8>)],
    opts: &VerifyOptions,
    coverage: &str,
    depth: usize,
    ctx: &ltv::Context,
) -> (SignatureReport, Vec<SignatureReport>) {
    let mut report = check_signer(index, sd, si, digests, opts, coverage, depth > 0, ctx);
    let mut counters = Vec::new();
    let parsed = si.counter_signatures();
    if !parsed.is_empty() && depth >= MAX_COUNTER_DEPTH {
        report.notes.push(Note::new(
            NoteCode::Warning,
            format!("counter-signatures nested deeper than {MAX_COUNTER_DEPTH} levels were not checked"),
        ));
        return (report, counters);
    }
    for (k, cs) in parsed.into_iter().enumerate() {
        let cov = format!("counter-signature {} of {}", k + 1, describe(coverage, index, depth));
        let (r, nested) = match cs {
            Ok(cs) => {
                // The counter-signature's "content" is the parent's signature value.
                let algs: Vec<DigestAlg> = signer_digest(&cs).map(|(d, _)| vec![d]).unwrap_or_default();
                let d: Vec<(DigestAlg, Vec<u8>)> = algs.into_iter().map(|a| (a, a.digest(&si.signature))).collect();
                verify_signer(index, sd, &cs, &d, opts, &cov, depth + 1, ctx)
            }
            Err(e) => {
                let mut r = blank_report(index, &cov);
                r.reasons.push(Reason::new(ReasonCode::FormatFailure, format!("counter-signature: {e}")));
                r.verdict = verdict_of(&r.reasons);
                (r, vec![])
            }
        };
        let who = r.signer.as_ref().map(|c| c.subject.clone()).unwrap_or_else(|| "an unknown signer".into());
        let mut line = format!("{cov} by {who}: {}", verdict_word(r.verdict));
        if let Some(first) = r.reasons.first() {
            line += &format!(
                " ({}{})",
                first.code.as_str(),
                if first.detail.is_empty() { String::new() } else { format!(": {}", first.detail) }
            );
        }
        report.notes.push(Note::new(NoteCode::CounterSignature, line));
        counters.push(r);
        counters.extend(nested);
    }
    (report, counters)
}

fn describe(coverage: &str, index: usize, depth: usize) -> String {
    if depth == 0 { format!("signature {index}") } else { coverage.to_string() }
}

fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Valid => "valid",
        Verdict::Invalid => "invalid",
        Verdict::Indeterminate => "indeterminate",
        Verdict::Unsigned => "unsigned",
        Verdict::Error => "error",
    }
}

#[allow(clippy::too_many_arguments)]
fn check_signer(
    index: usize,
    sd: &ParsedSignedData,
    si: &ParsedSigner,
    digests: &[(DigestAlg, Vec<u8>)],
    opts: &VerifyOptions,
    coverage: &str,
    counter: bool,
    ctx: &ltv::Context,
) -> SignatureReport {
    let mut report = blank_report(index, coverage);
    let finish = |mut r: SignatureReport| {
        r.verdict = verdict_of(&r.reasons);
        r
    };

    let Some((digest, digest_note)) = signer_digest(si) else {
        report.reasons.push(Reason::new(ReasonCode::UnsupportedAlgorithm, format!("digest {}", si.digest_alg.oid)));
        return finish(report);
    };
    report.notes.extend(digest_note);
    let Some((scheme, scheme_note)) = signer_scheme_noted(si, digest) else {
        report
            .reasons
            .push(Reason::new(ReasonCode::UnsupportedAlgorithm, format!("signature {}", si.signature_alg.oid)));
        return finish(report);
    };
    report.notes.extend(scheme_note);
    report.algorithm = Some(scheme.name());
    if let Ok(Some(t)) = si.signing_time() {
        report.signing_time = Some(t);
    }
    let content_digest = digests.iter().find(|(d, _)| *d == digest).map(|(_, v)| v.as_slice());
    if content_digest.is_none() {
        report.reasons.push(Reason::new(
            ReasonCode::SignedDataNotFound,
            "the signed content is neither in the signature nor given (kyso verify FILE --signature SIG)",
        ));
    }

    // The signer's certificate: from the SignedData, else from what the user supplied.
    let candidates = sd.certificates.iter().chain(opts.trust.intermediates.iter()).chain(opts.trust.anchors.iter());
    let Some(signer) = candidates.clone().find(|c| si.identifies(c)).cloned() else {
        report.reasons.push(Reason::new(
            ReasonCode::NoSigningCertificateFound,
            "the signer's certificate is neither in the signature nor given with --certs",
        ));
        return finish(report);
    };
    report.signer = Some(CertInfo::new(&signer));
    let salt = pss_salt_len(&si.signature_alg);
    let crypto_result = PublicKey::from_spki(signer.tbs_certificate().subject_public_key_info()).and_then(|key| {
        match &si.signed_attrs_der {
            // PKCS#7 without attributes: the signature is over the content digest itself.
            None => match content_digest {
                Some(cd) if scheme.digest() == digest => key.verify_prehash(scheme, salt, cd, &si.signature),
                Some(_) => Err(SigCheck::Unsupported(format!(
                    "{} without signed attributes over a {} content digest",
                    scheme.name(),
                    digest.name()
                ))),
                None => Ok(()),
            },
            Some(received) => {
                check_attributes(sd, si, content_digest, &signer, counter, &mut report);
                verify_attrs(&key, scheme, digest, salt, received, &si.signed_attrs_alt, &si.signature, &mut report)
            }
        }
    });
    match crypto_result {
        Ok(()) => {}
        Err(SigCheck::Bad) => report.reasons.push(Reason::new(ReasonCode::SigCryptoFailure, "")),
        Err(SigCheck::Unsupported(d)) => report.reasons.push(Reason::new(ReasonCode::UnsupportedAlgorithm, d)),
    }
    if digest == DigestAlg::Sha1 || scheme.digest() == DigestAlg::Sha1 {
        report.reasons.push(Reason::new(ReasonCode::WeakAlgorithm, "the signature uses SHA-1"));
    }

    // The chain, at the proven time of existence when a time-stamp gives one.
    ltv::signer_chain(&signer, sd, si, opts, ctx, &mut report);
    finish(report)
}

/// The signature over the signed attributes: as received, else over their DER
/// re-encodings (RFC 5652 §5.4 — the signature is over the DER), saying so in a note.
/// When the signature algorithm names another hash than `digestAlgorithm`, the hash of
/// `digestAlgorithm` is tried too — OpenSSL signs and verifies that way — with a note.
#[allow(clippy::too_many_arguments)]
fn verify_attrs(
    key: &PublicKey,
    scheme: SigScheme,
    digest: DigestAlg,
    salt: Option<usize>,
    received: &[u8],
    alternatives: &[Vec<u8>],
    sig: &[u8],
    report: &mut SignatureReport,
) -> Result<(), SigCheck> {
    let first = key.verify(scheme, salt, received, sig);
    if first != Err(SigCheck::Bad) {
        return first;
    }
    let mut schemes = vec![(scheme, None)];
    if !scheme.is_pure() && scheme.digest() != digest {
        let note = format!(
            "signatureAlgorithm names {} but the signature was made with the digestAlgorithm {} (as OpenSSL does)",
            scheme.digest().name(),
            digest.name()
        );
        schemes.push((scheme.with_digest(digest), Some(note)));
    }
    for (i, (s, note)) in schemes.iter().enumerate() {
        let encodings = std::iter::once(received).chain(alternatives.iter().map(Vec::as_slice));
        // (the first scheme over the received bytes was tried above)
        for (k, enc) in encodings.enumerate().skip(usize::from(i == 0)) {
            if key.verify(*s, salt, enc, sig).is_ok() {
                if k > 0 {
                    report.notes.push(Note::new(
                        NoteCode::Tolerated,
                        "the signed attributes were not sent in DER; the signature verifies over their DER \
                         encoding (RFC 5652 §5.4)",
                    ));
                }
                if let Some(n) = note {
                    report.notes.push(Note::new(NoteCode::Tolerated, n.clone()));
                }
                return Ok(());
            }
        }
    }
    first
}

/// contentType, messageDigest, signing-certificate(-v2), signingTime.
fn check_attributes(
    sd: &ParsedSignedData,
    si: &ParsedSigner,
    content_digest: Option<&[u8]>,
    signer: &Certificate,
    counter: bool,
    report: &mut SignatureReport,
) {
    let fmt = |d: String| Reason::new(ReasonCode::FormatFailure, d);
    match (si.content_type(), counter) {
        (Ok(Some(ct)), false) if ct == sd.econtent_type => {}
        (Ok(Some(ct)), false) => {
            report.reasons.push(fmt(format!("contentType attribute {ct} differs from the content's")))
        }
        (Ok(None), true) => {}
        (Ok(Some(_)), true) => report.notes.push(Note::new(
            NoteCode::Tolerated,
            "a contentType attribute in a counter-signature (RFC 5652 §11.4 forbids it)",
        )),
        (Ok(None), false) => report.notes.push(Note::new(NoteCode::Tolerated, "no contentType signed attribute")),
        (Err(e), _) => report.reasons.push(fmt(e.to_string())),
    }
    match (si.message_digest(), content_digest) {
        (Ok(Some(md)), Some(cd)) if md == cd => {}
        (Ok(Some(_)), Some(_)) => report
            .reasons
            .push(Reason::new(ReasonCode::HashFailure, "the messageDigest attribute does not match the content")),
        (Ok(Some(_)), None) => {}
        (Ok(None), _) => report.reasons.push(fmt("no messageDigest attribute".into())),
        (Err(e), _) => report.reasons.push(fmt(e.to_string())),
    }
    let cert_der = sd.original_der(signer);
    match si.signing_certificate_v2() {
        Ok(Some(sc)) => {
            if let Some(first) = sc.certs.first() {
                let alg = match &first.hash_algorithm {
                    None => Some(DigestAlg::Sha256),
                    Some(a) => DigestAlg::from_oid(&a.oid)
                        .or_else(|| SigScheme::from_algorithm_identifier(a).map(|s| s.digest())),
                };
                match alg {
                    Some(d) if d.digest(&cert_der) == first.cert_hash.as_bytes() => {}
                    Some(_) => report.reasons.push(Reason::new(
                        ReasonCode::NoSigningCertificateFound,
                        "the signing-certificate-v2 attribute names another certificate",
                    )),
                    None => report.notes.push(Note::new(
                        NoteCode::Warning,
                        "the signing-certificate-v2 hash algorithm is unknown: the certificate binding was not checked",
                    )),
                }
            }
        }
        Ok(None) => {
            if let Ok(Some(sc)) = si.signing_certificate_v1()
                && let Some(first) = sc.certs.first()
                && DigestAlg::Sha1.digest(&cert_der) != first.cert_hash.as_bytes()
            {
                report.reasons.push(Reason::new(
                    ReasonCode::NoSigningCertificateFound,
                    "the signing-certificate attribute names another certificate",
                ));
            }
        }
        Err(e) => report.notes.push(Note::new(NoteCode::Warning, format!("signing-certificate-v2 unreadable: {e}"))),
    }
    if let Err(e) = si.signing_time() {
        // A claim, never proof of time: an unreadable one is worth a warning, not a verdict.
        report.notes.push(Note::new(NoteCode::Warning, format!("signingTime unreadable: {e}")));
    }
}

//! Verifying a CMS SignedData against digests of the content it signs.

use der::Encode;
use x509_cert::Certificate;

use super::chain;
use super::crypto::{self, SigCheck};
use super::{Reason, ReasonCode, Revocation, SignatureReport, VerifyOptions, verdict_of};
use crate::cms::parse::{ParsedSignedData, ParsedSigner};
use crate::pki::alg::{DigestAlg, SigScheme, pss_salt_len};
use crate::pki::info::CertInfo;
use crate::pki::oids;

/// The digest algorithms the signers need for the content.
pub fn needed_digests(sd: &ParsedSignedData) -> Vec<DigestAlg> {
    let mut v: Vec<DigestAlg> = sd.signers.iter().filter_map(|s| DigestAlg::from_oid(&s.digest_alg.oid)).collect();
    v.sort_by_key(|d| d.oid().to_string());
    v.dedup();
    v
}

/// The signature scheme of a SignerInfo. CMS often names only the key algorithm
/// (`rsaEncryption`, `id-ecPublicKey`), leaving the hash to `digestAlgorithm`.
pub fn signer_scheme(si: &ParsedSigner, digest: DigestAlg) -> Option<SigScheme> {
    let oid = si.signature_alg.oid;
    if oid == oids::RSA_ENCRYPTION {
        Some(SigScheme::RsaPkcs1(digest))
    } else if oid == oids::EC_PUBLIC_KEY {
        Some(SigScheme::Ecdsa(digest))
    } else {
        SigScheme::from_algorithm_identifier(&si.signature_alg)
    }
}

/// Verify every SignerInfo. `digests` holds the content digest for each algorithm of
/// [`needed_digests`]; `coverage` says what the content is, for the report.
pub fn verify_signed_data(
    sd: &ParsedSignedData,
    digests: &[(DigestAlg, Vec<u8>)],
    opts: &VerifyOptions,
    coverage: &str,
) -> Vec<SignatureReport> {
    sd.signers.iter().enumerate().map(|(i, si)| verify_signer(i + 1, sd, si, digests, opts, coverage)).collect()
}

fn verify_signer(
    index: usize,
    sd: &ParsedSignedData,
    si: &ParsedSigner,
    digests: &[(DigestAlg, Vec<u8>)],
    opts: &VerifyOptions,
    coverage: &str,
) -> SignatureReport {
    let mut report = SignatureReport {
        index,
        verdict: super::Verdict::Indeterminate,
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
    };
    let finish = |mut r: SignatureReport| {
        r.verdict = verdict_of(&r.reasons);
        r
    };

    let Some(digest) = DigestAlg::from_oid(&si.digest_alg.oid) else {
        report.reasons.push(Reason::new(ReasonCode::UnsupportedAlgorithm, format!("digest {}", si.digest_alg.oid)));
        return finish(report);
    };
    let Some(scheme) = signer_scheme(si, digest) else {
        report
            .reasons
            .push(Reason::new(ReasonCode::UnsupportedAlgorithm, format!("signature {}", si.signature_alg.oid)));
        return finish(report);
    };
    report.algorithm = Some(scheme.name());
    let content_digest = digests.iter().find(|(d, _)| *d == digest).map(|(_, v)| v.as_slice()).unwrap_or(&[]);

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
    let spki = signer.tbs_certificate().subject_public_key_info();
    let salt = pss_salt_len(&si.signature_alg);

    let crypto_result = match &si.signed_attrs_der {
        // PKCS#7 without attributes: the signature is over the content digest itself.
        None => crypto::verify_prehash(spki, scheme, salt, content_digest, &si.signature),
        Some(attrs_der) => {
            check_attributes(sd, si, content_digest, &signer, &mut report);
            crypto::verify_message(spki, scheme, salt, attrs_der, &si.signature)
        }
    };
    match crypto_result {
        Ok(()) => {}
        Err(SigCheck::Bad) => report.reasons.push(Reason::new(ReasonCode::SigCryptoFailure, "")),
        Err(SigCheck::Unsupported(d)) => report.reasons.push(Reason::new(ReasonCode::UnsupportedAlgorithm, d)),
    }
    if digest == DigestAlg::Sha1 || scheme.digest() == DigestAlg::Sha1 {
        report.reasons.push(Reason::new(ReasonCode::WeakAlgorithm, "the signature uses SHA-1"));
    }

    let outcome = chain::validate(&signer, &sd.certificates, &opts.trust, opts.at);
    report.chain = outcome.path.iter().map(CertInfo::new).collect();
    report.trusted = outcome.trusted;
    report.revocation = outcome.revocation;
    report.reasons.extend(outcome.reasons);
    finish(report)
}

/// contentType, messageDigest, signing-certificate(-v2), signingTime.
fn check_attributes(
    sd: &ParsedSignedData,
    si: &ParsedSigner,
    content_digest: &[u8],
    signer: &Certificate,
    report: &mut SignatureReport,
) {
    let fmt = |d: String| Reason::new(ReasonCode::FormatFailure, d);
    match si.content_type() {
        Ok(Some(ct)) if ct == sd.econtent_type => {}
        Ok(Some(ct)) => report.reasons.push(fmt(format!("contentType attribute {ct} differs from the content's"))),
        Ok(None) => report.reasons.push(fmt("no contentType attribute".into())),
        Err(e) => report.reasons.push(fmt(e.to_string())),
    }
    match si.message_digest() {
        Ok(Some(md)) if md == content_digest => {}
        Ok(Some(_)) => report
            .reasons
            .push(Reason::new(ReasonCode::HashFailure, "the messageDigest attribute does not match the content")),
        Ok(None) => report.reasons.push(fmt("no messageDigest attribute".into())),
        Err(e) => report.reasons.push(fmt(e.to_string())),
    }
    let cert_der = signer.to_der().unwrap_or_default();
    match si.signing_certificate_v2() {
        Ok(Some(sc)) => {
            if let Some(first) = sc.certs.first() {
                let alg = first
                    .hash_algorithm
                    .as_ref()
                    .map(|a| DigestAlg::from_oid(&a.oid))
                    .unwrap_or(Some(DigestAlg::Sha256));
                match alg {
                    Some(d) if d.digest(&cert_der) == first.cert_hash.as_bytes() => {}
                    Some(_) => report.reasons.push(Reason::new(
                        ReasonCode::NoSigningCertificateFound,
                        "the signing-certificate-v2 attribute names another certificate",
                    )),
                    None => report
                        .reasons
                        .push(Reason::new(ReasonCode::UnsupportedAlgorithm, "signing-certificate-v2 hash")),
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
        Err(e) => report.reasons.push(fmt(e.to_string())),
    }
    match si.signing_time() {
        Ok(t) => report.signing_time = t,
        Err(e) => report.reasons.push(fmt(e.to_string())),
    }
}

//! Reading and verifying RFC 3161 time-stamp tokens and responses.

use der::{Decode, Encode};
use sha2::Digest;
use x509_cert::Certificate;
use x509_cert::ext::pkix::{ExtendedKeyUsage, KeyUsage, KeyUsages};

use super::TspError;
use super::asn1::Imprint;
use super::asn1::{Accuracy, GenTime, TimeStampResp, TstInfo};
use crate::cms::parse::ParsedSigner;
use crate::pki::alg::{DigestAlg, pss_salt_len};
use crate::pki::{dn, oids, time};
use crate::verify::crypto;

/// What the caller expects of a token.
#[derive(Debug, Clone, Default)]
pub struct TokenCheck<'a> {
    /// The digest the token must cover; `None` to accept any (e.g. when only reading).
    pub imprint: Option<&'a Imprint>,
    /// The nonce sent in the request (unsigned big-endian bytes), if any.
    pub nonce: Option<&'a [u8]>,
    /// The policy asked for, if any.
    pub policy: Option<const_oid::ObjectIdentifier>,
    /// Certificates to look for the TSA's among, besides those in the token (`--tsa-cert`).
    pub extra_certs: &'a [Certificate],
}

/// A token whose signature, signed attributes, TSA certificate usage, imprint and nonce
/// have been checked. Whether the TSA is trusted (its chain) is for the caller to decide.
#[derive(Debug, Clone)]
pub struct VerifiedToken {
    /// The token as received (a DER ContentInfo), to embed in a signature.
    pub der: Vec<u8>,
    pub tst_info: TstInfo,
    pub gen_time: GenTime,
    /// The TSA's certificate (the token's signer).
    pub tsa_cert: Certificate,
    /// Every certificate the token carries (for building the TSA's chain).
    pub certificates: Vec<Certificate>,
    /// Less than ideal but accepted (e.g. extra EKU purposes), for reports.
    pub warnings: Vec<String>,
}

impl VerifiedToken {
    /// genTime in Unix seconds (fractions dropped).
    pub fn time(&self) -> i64 {
        self.gen_time.unix
    }

    /// The declared accuracy in nanoseconds (`None` when the token gives none).
    pub fn accuracy_nanos(&self) -> Option<u64> {
        self.tst_info.accuracy.as_ref().map(accuracy_nanos)
    }

    /// The latest moment the time-stamp may stand for: genTime plus its accuracy, rounded
    /// up to the second (RFC 3161 §2.4.2). Proof of existence uses this bound.
    pub fn latest_time(&self) -> i64 {
        let total = u64::from(self.gen_time.nanos) + self.accuracy_nanos().unwrap_or(0);
        self.gen_time.unix + total.div_ceil(1_000_000_000) as i64
    }

    /// The serial number, hex.
    pub fn serial_hex(&self) -> String {
        hex::encode(self.tst_info.serial_number.as_bytes())
    }

    /// The TSA's name: the `tsa` field if present, else the certificate subject.
    pub fn tsa_name(&self) -> String {
        match &self.tst_info.tsa {
            Some(x509_cert::ext::pkix::name::GeneralName::DirectoryName(n)) => dn::to_string(n),
            _ => dn::to_string(self.tsa_cert.tbs_certificate().subject()),
        }
    }
}

pub fn accuracy_nanos(a: &Accuracy) -> u64 {
    u64::from(a.seconds.unwrap_or(0)) * 1_000_000_000
        + u64::from(a.millis.unwrap_or(0)) * 1_000_000
        + u64::from(a.micros.unwrap_or(0)) * 1_000
}

/// Read a `TimeStampResp` (RFC 3161 §2.4.2); a granted status yields the verified token.
pub fn verify_response(resp_der: &[u8], check: &TokenCheck) -> Result<VerifiedToken, TspError> {
    let resp = TimeStampResp::from_der(resp_der)?;
    let status = resp.status.status;
    if status > 1 {
        let mut text = status_name(status).to_string();
        if let Some(s) = &resp.status.status_string {
            text = format!("{text}: {}", s.join("; "));
        }
        if let Some(fi) = &resp.status.fail_info {
            let names = failure_names(fi);
            if !names.is_empty() {
                text = format!("{text} [{}]", names.join(", "));
            }
        }
        return Err(TspError::Rejected { status, text });
    }
    let token = resp
        .time_stamp_token
        .ok_or_else(|| TspError::Malformed("status granted but no token in the response".into()))?;
    verify_token(&token.to_der()?, check)
}

/// PKIStatus names (RFC 3161 §2.4.2).
pub fn status_name(status: u32) -> &'static str {
    match status {
        0 => "granted",
        1 => "grantedWithMods",
        2 => "rejection",
        3 => "waiting",
        4 => "revocationWarning",
        5 => "revocationNotification",
        _ => "unknown status",
    }
}

/// PKIFailureInfo bit names (RFC 3161 §2.4.2), for the bits set.
fn failure_names(bits: &der::asn1::BitString) -> Vec<&'static str> {
    const NAMES: [(usize, &str); 8] = [
        (0, "badAlg"),
        (2, "badRequest"),
        (5, "badDataFormat"),
        (14, "timeNotAvailable"),
        (15, "unacceptedPolicy"),
        (16, "unacceptedExtension"),
        (17, "addInfoNotAvailable"),
        (25, "systemFailure"),
    ];
    let bytes = bits.raw_bytes();
    NAMES
        .iter()
        .filter(|(bit, _)| bytes.get(bit / 8).is_some_and(|b| b & (0x80 >> (bit % 8)) != 0))
        .map(|(_, n)| *n)
        .collect()
}

/// Verify a time-stamp token (DER ContentInfo, as found in a signature-time-stamp
/// attribute or a PDF document time-stamp).
pub fn verify_token(token_der: &[u8], check: &TokenCheck) -> Result<VerifiedToken, TspError> {
    let sd = crate::cms::parse::parse(token_der).map_err(|e| TspError::Malformed(e.to_string()))?;
    if sd.econtent_type != oids::CT_TST_INFO {
        return Err(TspError::Malformed(format!("the token's content type is {}, not TSTInfo", sd.econtent_type)));
    }
    let econtent = sd.econtent.as_deref().ok_or_else(|| TspError::Malformed("the token has no TSTInfo".into()))?;
    let tst_info = TstInfo::from_der(econtent)?;
    if tst_info.version != 1 {
        return Err(TspError::Unsupported(format!("TSTInfo version {}", tst_info.version)));
    }
    let [si] = sd.signers.as_slice() else {
        return Err(TspError::Malformed(format!("a token has one signer, this one {}", sd.signers.len())));
    };
    let tsa_cert = sd
        .certificates
        .iter()
        .chain(check.extra_certs)
        .find(|c| si.identifies(c))
        .cloned()
        .ok_or(TspError::SignerNotFound)?;
    let mut warnings = Vec::new();
    check_signer(si, econtent, &tsa_cert)?;
    check_tsa_certificate(&tsa_cert, tst_info.gen_time.unix, &mut warnings)?;

    if let Some(want) = check.imprint {
        let mi = &tst_info.message_imprint;
        if mi.hash_algorithm.oid != want.alg.oid() || mi.hashed_message.as_bytes() != want.hash.as_slice() {
            return Err(TspError::ImprintMismatch);
        }
    }
    if let Some(want) = check.nonce {
        let got = tst_info.nonce.as_ref().map(|n| strip_zeros(n.as_bytes()));
        if got != Some(strip_zeros(want)) {
            return Err(TspError::NonceMismatch);
        }
    }
    if let Some(want) = check.policy
        && tst_info.policy != want
    {
        return Err(TspError::PolicyMismatch { wanted: want.to_string(), found: tst_info.policy.to_string() });
    }
    Ok(VerifiedToken {
        der: sd_der(token_der),
        gen_time: tst_info.gen_time,
        tst_info,
        tsa_cert,
        certificates: sd.certificates.clone(),
        warnings,
    })
}

/// The token's own DER (without the zero padding a PDF `/Contents` adds).
fn sd_der(bytes: &[u8]) -> Vec<u8> {
    match crate::cms::tlv::read(bytes) {
        Some((t, _)) => t.full.to_vec(),
        None => bytes.to_vec(),
    }
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|&&x| x == 0).count();
    &b[n.min(b.len().saturating_sub(1))..]
}

/// The CMS signer: signed attributes present, contentType = id-ct-TSTInfo, messageDigest
/// over the TSTInfo, an ESS signing-certificate(-v2) naming `cert`, and the signature.
fn check_signer(si: &ParsedSigner, econtent: &[u8], cert: &Certificate) -> Result<(), TspError> {
    let attr_err = |e: crate::cms::CmsError| TspError::SignedAttributes(e.to_string());
    let signed = si.signed_attrs_der.as_deref().ok_or_else(|| TspError::SignedAttributes("none".into()))?;
    let digest = DigestAlg::from_oid(&si.digest_alg.oid)
        .ok_or_else(|| TspError::Unsupported(format!("digest {}", si.digest_alg.oid)))?;
    if si.content_type().map_err(attr_err)? != Some(oids::CT_TST_INFO) {
        return Err(TspError::SignedAttributes("contentType is not id-ct-TSTInfo".into()));
    }
    match si.message_digest().map_err(attr_err)? {
        Some(md) if md == digest.digest(econtent) => {}
        Some(_) => return Err(TspError::SignedAttributes("messageDigest does not match the TSTInfo".into())),
        None => return Err(TspError::SignedAttributes("no messageDigest".into())),
    }
    check_ess(si, cert)?;
    let scheme = crate::verify::scheme::signer_scheme(si, digest)
        .ok_or_else(|| TspError::Unsupported(format!("signature algorithm {}", si.signature_alg.oid)))?;
    match crypto::verify_message(
        cert.tbs_certificate().subject_public_key_info(),
        scheme,
        pss_salt_len(&si.signature_alg),
        signed,
        &si.signature,
    ) {
        Ok(()) => Ok(()),
        Err(crypto::SigCheck::Bad) => Err(TspError::BadSignature),
        Err(crypto::SigCheck::Unsupported(d)) => Err(TspError::Unsupported(d)),
    }
}

/// RFC 3161 §2.4.1 / RFC 5816: the first ESSCertID(v2) identifies the TSA certificate.
fn check_ess(si: &ParsedSigner, cert: &Certificate) -> Result<(), TspError> {
    let attr_err = |e: crate::cms::CmsError| TspError::SignedAttributes(e.to_string());
    let der = cert.to_der()?;
    let tbs = cert.tbs_certificate();
    let serial_ok = |is: &Option<crate::cms::ess::IssuerSerial>| match is {
        None => true,
        Some(is) => {
            is.serial_number == *tbs.serial_number()
                && is.issuer.iter().any(
                    |g| matches!(g, x509_cert::ext::pkix::name::GeneralName::DirectoryName(n) if n == tbs.issuer()),
                )
        }
    };
    if let Some(v2) = si.signing_certificate_v2().map_err(attr_err)? {
        let id = v2.certs.first().ok_or_else(|| TspError::SignedAttributes("empty signing-certificate-v2".into()))?;
        let alg = match &id.hash_algorithm {
            None => DigestAlg::Sha256,
            Some(a) => DigestAlg::from_oid(&a.oid)
                .ok_or_else(|| TspError::Unsupported(format!("ESSCertIDv2 hash {}", a.oid)))?,
        };
        if id.cert_hash.as_bytes() != alg.digest(&der) || !serial_ok(&id.issuer_serial) {
            return Err(TspError::SignedAttributes("signing-certificate-v2 names another certificate".into()));
        }
        return Ok(());
    }
    if let Some(v1) = si.signing_certificate_v1().map_err(attr_err)? {
        let id = v1.certs.first().ok_or_else(|| TspError::SignedAttributes("empty signing-certificate".into()))?;
        if id.cert_hash.as_bytes() != sha1::Sha1::digest(&der).as_slice() || !serial_ok(&id.issuer_serial) {
            return Err(TspError::SignedAttributes("signing-certificate names another certificate".into()));
        }
        return Ok(());
    }
    Err(TspError::SignedAttributes("no ESS signing-certificate attribute (RFC 3161 §2.4.1)".into()))
}

/// RFC 3161 §2.3: the TSA certificate has a critical EKU with id-kp-timeStamping, a key
/// usage (if any) allowing digitalSignature or nonRepudiation, and was valid at genTime.
fn check_tsa_certificate(cert: &Certificate, gen_time: i64, warnings: &mut Vec<String>) -> Result<(), TspError> {
    let tbs = cert.tbs_certificate();
    let eku = tbs
        .get_extension::<ExtendedKeyUsage>()
        .map_err(|e| TspError::TsaCertificate(format!("malformed extended key usage: {e}")))?;
    match eku {
        None => return Err(TspError::TsaCertificate("no extended key usage".into())),
        Some((critical, eku)) => {
            if !eku.0.contains(&oids::EKU_TIME_STAMPING) {
                return Err(TspError::TsaCertificate("the extended key usage lacks id-kp-timeStamping".into()));
            }
            if !critical {
                return Err(TspError::TsaCertificate("the extended key usage is not critical".into()));
            }
            if eku.0.len() > 1 {
                warnings.push("the TSA certificate allows purposes besides time-stamping".into());
            }
        }
    }
    if let Ok(Some((_, ku))) = tbs.get_extension::<KeyUsage>()
        && !ku.0.contains(KeyUsages::DigitalSignature)
        && !ku.0.contains(KeyUsages::NonRepudiation)
    {
        return Err(TspError::TsaCertificate(
            "the key usage allows neither digitalSignature nor nonRepudiation".into(),
        ));
    }
    let nb = time::unix(&tbs.validity().not_before);
    let na = time::unix(&tbs.validity().not_after);
    if gen_time < nb || gen_time > na {
        return Err(TspError::TsaCertificate(format!(
            "it is valid from {} to {}, the time-stamp says {}",
            time::rfc3339(nb),
            time::rfc3339(na),
            time::rfc3339(gen_time)
        )));
    }
    Ok(())
}

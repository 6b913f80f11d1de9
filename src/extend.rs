//! Raising existing CAdES (`.p7s`, `.p7m`) and XAdES signatures — kyso's or anyone's —
//! to level B-LT (ETSI EN 319 122-1, EN 319 132-1): a signature without a signature
//! time-stamp gets one first (from the TSA given), then the chains of its signer and of
//! its time-stamps' TSAs, with revocation data for every certificate below the roots
//! ([`crate::revocation::gather`]), go into the signature: SignedData `certificates` and
//! `crls` for CMS ([`crate::cms::ltv`]), `CertificateValues` and `RevocationValues` for
//! XAdES ([`crate::xml::xades`]).
//!
//! Every signature that verified before still verifies after (checked here before
//! anything is returned). PDF documents are extended by [`crate::pdf::pades::ltv`].
//!
//! Owns: the orchestration only. May import `cms`, `xml`, `tsp`, `revocation`, `pki`.

use der::{Decode, Encode};
use x509_cert::Certificate;

use crate::cms::ltv::ValidationData;
use crate::cms::parse::ParsedSignedData;
use crate::error::{Error, Result};
use crate::pki::alg::DigestAlg;
use crate::revocation::gather::{Evidence, Gatherer, Sources};
use crate::tsp::{Imprint, TsaClient};

fn crypto(e: crate::cms::CmsError) -> Error {
    Error::Crypto(e.to_string())
}

fn needs_tsa(what: &str) -> Error {
    Error::InvalidOption {
        option: "--tsa",
        detail: format!("{what} has no signature time-stamp: give --tsa URL to add one before B-LT"),
    }
}

/// The signer certificates of a SignedData's SignerInfos (found in `pool` or among its
/// own certificates), and of the signature time-stamp tokens they carry, each with the
/// certificates that may complete its chain.
fn signers_of(
    sd: &ParsedSignedData,
    pool: &[Certificate],
    depth: usize,
) -> Result<Vec<(Certificate, Vec<Certificate>)>> {
    let mut out = Vec::new();
    let mut all: Vec<Certificate> = sd.certificates.clone();
    all.extend(pool.iter().cloned());
    for (i, si) in sd.signers.iter().enumerate() {
        let cert = all.iter().find(|c| si.identifies(c)).ok_or_else(|| {
            Error::Crypto(format!(
                "signer {}: its certificate is neither in the signature nor given with --chain",
                i + 1
            ))
        })?;
        out.push((cert.clone(), all.clone()));
        if depth > 2 {
            continue;
        }
        for token in crate::verify::ltv::signature_timestamp_tokens(si) {
            if let Ok(t) = crate::cms::parse::parse(&token) {
                out.extend(signers_of(&t, pool, depth + 1)?);
            }
        }
    }
    Ok(out)
}

fn gather_for(signers: &[(Certificate, Vec<Certificate>)], sources: &Sources) -> Result<Evidence> {
    let mut gatherer = Gatherer::new(sources, crate::pki::time::now_unix());
    let mut ev = Evidence::default();
    for (cert, pool) in signers {
        ev.merge(&gatherer.gather(cert, pool).map_err(Error::Revocation)?);
    }
    Ok(ev)
}

/// DER of a CMS file (PEM armour removed) and whether it was PEM.
fn cms_der(input: &[u8]) -> Result<(Vec<u8>, bool)> {
    let trimmed = input.trim_ascii_start();
    if trimmed.starts_with(b"-----BEGIN") {
        let text = std::str::from_utf8(trimmed).map_err(|_| Error::Crypto("PEM that is not text".into()))?;
        let (_, der) = der::pem::decode_vec(text.as_bytes()).map_err(|e| Error::Crypto(format!("PEM: {e}")))?;
        return Ok((der, true));
    }
    Ok((input.to_vec(), false))
}

/// What each signature covers and its value: must come out of an extension unchanged
/// (the signed attributes as signed, the signature value, the content).
/// Per SignerInfo: the signed attributes as signed, the signature value, the content.
type SignedParts = Vec<(Option<Vec<u8>>, Vec<u8>, Option<Vec<u8>>)>;

fn cms_signed_parts(der: &[u8]) -> Option<SignedParts> {
    let sd = crate::cms::parse::parse(der).ok()?;
    Some(sd.signers.iter().map(|si| (si.signed_attrs_der.clone(), si.signature.clone(), sd.econtent.clone())).collect())
}

/// Raise every SignerInfo of a CMS signature (DER, BER or PEM; detached or attached) to
/// B-LT. Returns the new file in the input's form (PEM stays PEM).
pub fn extend_cms(input: &[u8], sources: &Sources, tsa: Option<&TsaClient>, digest: DigestAlg) -> Result<Vec<u8>> {
    let (der, pem) = cms_der(input)?;
    let sd = crate::cms::parse::parse(&der).map_err(crypto)?;
    if sd.signers.is_empty() {
        return Err(Error::Crypto("the SignedData has no signer to extend".into()));
    }
    let before = cms_signed_parts(&der);
    let mut der = crate::cms::ltv::to_der(&der).map_err(crypto)?.into_owned();
    let values = crate::cms::ltv::signature_values(&der).map_err(crypto)?;
    for (i, si) in sd.signers.iter().enumerate() {
        if !crate::verify::ltv::signature_timestamp_tokens(si).is_empty() {
            continue;
        }
        let tsa = tsa.ok_or_else(|| needs_tsa(&format!("signer {}", i + 1)))?;
        let value = values.get(i).ok_or_else(|| Error::Crypto("SignerInfo count changed".into()))?;
        let token = tsa.stamp(&Imprint::of(digest, value)).map_err(Error::Tsp)?;
        let attr = crate::cms::timestamp::signature_time_stamp(&token.der).map_err(crypto)?;
        let attr = attr.to_der().map_err(|e| Error::Crypto(e.to_string()))?;
        der = crate::cms::ltv::add_unsigned_attribute(&der, i, &attr).map_err(crypto)?;
    }
    let sd = crate::cms::parse::parse(&der).map_err(crypto)?;
    let ev = gather_for(&signers_of(&sd, &sources.certs, 0)?, sources)?;
    let data = ValidationData { certs: &ev.certs, crls: &ev.crls, ocsps: &ev.ocsps };
    let out = crate::cms::ltv::add_validation_data(&der, &data).map_err(crypto)?;
    if before.is_none() || cms_signed_parts(&out) != before {
        return Err(Error::Crypto("internal error: extending would break a signature; nothing written".into()));
    }
    if pem {
        return Ok(crate::cms::build::to_pem(&out).map_err(crypto)?.into_bytes());
    }
    Ok(out)
}

/// Raise every XAdES signature of an XML document to XAdES-LT (a SignatureTimeStamp
/// first where there is none). Signatures without XAdES properties (plain XMLDSig, the
/// tax authority's signature of an e-invoice) are left as they are; signatures that
/// already carry validation values are not changed. Returns the new document and how
/// many signatures were extended.
pub fn extend_xml(
    input: &[u8],
    sources: &Sources,
    tsa: Option<&TsaClient>,
    digest: DigestAlg,
) -> Result<(Vec<u8>, usize)> {
    let states = crate::xml::xades::signatures(input).map_err(Error::xml)?;
    let reports = crate::xml::verify(input, &[]).map_err(Error::xml)?;
    if states.len() != reports.len() {
        return Err(Error::xml(crate::xml::XmlError::Parse(
            "the signatures could not be matched with their verification".into(),
        )));
    }
    if !states.iter().any(|s| s.xades) {
        return Err(Error::xml(crate::xml::XmlError::Options(
            "the document has no XAdES signature to extend (sign with --xades)".into(),
        )));
    }
    let mut additions = Vec::with_capacity(states.len());
    let mut count = 0;
    for (k, (state, report)) in states.iter().zip(&reports).enumerate() {
        if !state.xades || state.has_values {
            additions.push(None);
            continue;
        }
        if !report.is_intact() {
            return Err(Error::xml(crate::xml::XmlError::Options(format!(
                "signature {} does not verify: it is not extended",
                k + 1
            ))));
        }
        let signer_der = report.signer_cert_der.as_ref().ok_or_else(|| {
            Error::xml(crate::xml::XmlError::Certificate(format!("signature {}: no signer certificate", k + 1)))
        })?;
        let signer = Certificate::from_der(signer_der).map_err(|e| Error::Crypto(e.to_string()))?;
        let mut pool: Vec<Certificate> = report
            .certificates_der
            .iter()
            .chain(&report.certificate_values)
            .filter_map(|d| Certificate::from_der(d).ok())
            .collect();
        pool.extend(sources.certs.iter().cloned());
        let mut tokens: Vec<Vec<u8>> = report.signature_timestamps.iter().map(|(t, _)| t.clone()).collect();
        let mut add = crate::xml::xades::Additions::default();
        if !state.has_timestamp {
            let tsa = tsa.ok_or_else(|| needs_tsa(&format!("XML signature {}", k + 1)))?;
            let token = tsa.stamp(&Imprint::of(digest, &state.signature_value_c14n)).map_err(Error::Tsp)?;
            tokens.push(token.der.clone());
            add.timestamp = Some(token.der);
        }
        let mut signers = vec![(signer, pool.clone())];
        for t in &tokens {
            if let Ok(sd) = crate::cms::parse::parse(t) {
                signers.extend(signers_of(&sd, &pool, 1)?);
            }
        }
        let ev = gather_for(&signers, sources)?;
        add.certs = ev.certs;
        add.crls = ev.crls;
        add.ocsps = ev.ocsps;
        additions.push(Some(add));
        count += 1;
    }
    let out = crate::xml::xades::add_unsigned(input, &additions).map_err(Error::xml)?;
    let after = crate::xml::verify(&out, &[]).map_err(Error::xml)?;
    let broken = reports
        .iter()
        .zip(after.iter().map(Some).chain(std::iter::repeat(None)))
        .any(|(b, a)| b.is_intact() && !a.is_some_and(|a| a.is_intact()));
    if broken {
        return Err(Error::xml(crate::xml::XmlError::Options(
            "extending would break a signature (another signature covers it?): nothing written".into(),
        )));
    }
    Ok((out, count))
}

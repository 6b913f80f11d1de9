//! Raising PDF signatures to PAdES B-LT and B-LTA (ETSI EN 319 142-1 §6.3, levels
//! B-LT and B-LTA): for every signature of a document — kyso's or anyone's, document
//! time-stamps included — and for the signature time-stamps they carry, the signer's
//! chain and revocation data are gathered ([`crate::revocation::gather`]) and written
//! into the DSS ([`super::dss`]); B-LTA then adds a document time-stamp over it
//! ([`super::timestamp`]).

use der::Encode;
use x509_cert::Certificate;

use super::dss::{self, VriEntry};
use crate::cms::parse::ParsedSignedData;
use crate::error::{Error, Result};
use crate::pki::alg::DigestAlg;
use crate::pki::oids;
use crate::revocation::gather::{Evidence, Gatherer, Sources};
use crate::tsp::TsaClient;

/// The level to raise a document's signatures to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LtLevel {
    /// B-LT: validation data in the DSS.
    Lt,
    /// B-LTA: B-LT and a document time-stamp over it.
    Lta,
}

fn pdf_err(e: crate::pdf::PdfError) -> Error {
    Error::pdf(e)
}

/// The signer certificates of a SignedData (with the certificates it carries as pool),
/// and of the signature time-stamp tokens in its unsigned attributes.
fn signers_of(sd: &ParsedSignedData, out: &mut Vec<(Certificate, Vec<Certificate>)>, depth: usize) {
    for si in &sd.signers {
        if let Some(c) = sd.certificates.iter().find(|c| si.identifies(c)) {
            out.push((c.clone(), sd.certificates.clone()));
        }
        if depth > 2 {
            continue;
        }
        for a in si.unsigned_attrs.iter().filter(|a| a.oid == oids::ATTR_TIMESTAMP_TOKEN) {
            for v in a.values.iter() {
                if let Ok(der) = v.to_der()
                    && let Ok(token) = crate::cms::parse::parse(&der)
                {
                    signers_of(&token, out, depth + 1);
                }
            }
        }
    }
}

/// Append a DSS revision with validation data for every signature of `input`.
/// Returns the bytes to append.
pub fn add_dss(input: &[u8], sources: &Sources, password: Option<Vec<u8>>) -> Result<Vec<u8>> {
    let ro = crate::pdf::ReadOptions { password, ..Default::default() };
    let reader = crate::pdf::PdfReader::open_with(input, ro).map_err(pdf_err)?;
    let sigs = crate::pdf::find_signatures(&reader).map_err(pdf_err)?;
    if sigs.is_empty() {
        return Err(Error::pdf(crate::pdf::PdfError::NotAllowed("the document has no signature to extend".into())));
    }
    let mut gatherer = Gatherer::new(sources, crate::pki::time::now_unix());
    let mut all = Evidence::default();
    let mut vri = Vec::new();
    for sig in &sigs {
        let Some(contents) = &sig.contents else { continue };
        let sd = crate::cms::parse::parse(contents).map_err(|e| {
            Error::pdf(crate::pdf::PdfError::Structure(format!("signature field \"{}\": {e}", sig.field_name)))
        })?;
        let mut signers = Vec::new();
        signers_of(&sd, &mut signers, 0);
        if signers.is_empty() {
            return Err(Error::pdf(crate::pdf::PdfError::Structure(format!(
                "signature field \"{}\": the signer's certificate is not in the signature",
                sig.field_name
            ))));
        }
        let mut ev = Evidence::default();
        for (cert, pool) in &signers {
            ev.merge(&gatherer.gather(cert, pool).map_err(Error::Revocation)?);
        }
        all.merge(&ev);
        vri.push(VriEntry { contents: contents.clone(), evidence: ev });
    }
    dss::append_dss(&reader, &all, &vri).map_err(pdf_err)
}

/// Raise every signature of `input` to `level`: a DSS revision, then (B-LTA) a
/// document time-stamp. Returns the whole new file.
pub fn extend(
    input: &[u8],
    level: LtLevel,
    sources: &Sources,
    tsa: Option<&TsaClient>,
    digest: DigestAlg,
    password: Option<Vec<u8>>,
) -> Result<Vec<u8>> {
    if level == LtLevel::Lta && tsa.is_none() {
        return Err(Error::InvalidOption { option: "--tsa", detail: "level LTA needs a time-stamp service".into() });
    }
    let appended = add_dss(input, sources, password.clone())?;
    let mut out = Vec::with_capacity(input.len() + appended.len());
    out.extend_from_slice(input);
    out.extend_from_slice(&appended);
    if let (LtLevel::Lta, Some(tsa)) = (level, tsa) {
        let (ts, _) = super::timestamp::timestamp_pdf(&out, tsa, digest, password)?;
        out.extend_from_slice(&ts);
    }
    Ok(out)
}

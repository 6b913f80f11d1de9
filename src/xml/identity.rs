//! Signing XML with a kyso [`SigningIdentity`] (key file, PKCS#12 or token alike).

use der::Encode;

use super::{SignatureMethod, XmlSignOptions};
use crate::error::{Error, Result};
use crate::pki::alg::{DigestAlg, SigScheme};
use crate::pki::identity::SigningIdentity;

/// What asks for a time-stamp over canonical bytes (the token's DER, or why not).
type TimeStampFn<'a> = dyn FnMut(&[u8]) -> std::result::Result<Vec<u8>, String> + 'a;

/// The XMLDSig SignatureMethod for a kyso signature scheme.
pub fn method_for(scheme: SigScheme) -> Option<SignatureMethod> {
    SignatureMethod::from_scheme(scheme)
}

/// Sign `xml` as `opts` say (method and digest are set here from `digest`/`pss`);
/// the signer's certificate and chain go into KeyInfo.
pub fn sign(xml: &[u8], opts: XmlSignOptions, id: &SigningIdentity, digest: DigestAlg, pss: bool) -> Result<Vec<u8>> {
    sign_timestamped(xml, opts, id, digest, pss, None)
}

/// [`sign`] at XAdES level T: a signature time-stamp from `tsa` over the SignatureValue
/// (needs `opts.xades`).
pub fn sign_timestamped(
    xml: &[u8],
    mut opts: XmlSignOptions,
    id: &SigningIdentity,
    digest: DigestAlg,
    pss: bool,
    tsa: Option<&crate::tsp::TsaClient>,
) -> Result<Vec<u8>> {
    let scheme = id.signer.scheme(digest, pss);
    opts.method = method_for(scheme).ok_or_else(|| Error::Crypto(format!("{} is not used for XML", scheme.name())))?;
    opts.digest = digest;
    let mut chain = Vec::with_capacity(1 + id.chain.len());
    for c in std::iter::once(&id.cert).chain(id.chain.iter()) {
        chain.push(c.to_der().map_err(Error::encoding("a certificate (DER)"))?);
    }
    let mut sign_fn = |tbs: &[u8]| id.signer.sign(scheme, tbs).map_err(|e| e.to_string());
    let mut tsp_error = None;
    let mut ts_fn = |data: &[u8]| match tsa.map(|t| t.stamp(&crate::tsp::Imprint::of(digest, data))) {
        Some(Ok(token)) => Ok(token.der),
        Some(Err(e)) => {
            let text = e.to_string();
            tsp_error = Some(e);
            Err(text)
        }
        None => Err("no time-stamp service".to_string()),
    };
    let ts: Option<&mut TimeStampFn> = if tsa.is_some() { Some(&mut ts_fn) } else { None };
    let result = super::sign_timestamped(xml, &opts, &chain, &mut sign_fn, ts);
    if let Some(e) = tsp_error {
        return Err(Error::Tsp(e));
    }
    result.map_err(Error::xml)
}

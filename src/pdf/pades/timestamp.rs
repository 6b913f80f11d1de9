//! PAdES document time-stamps (ETSI EN 319 142-1 §5.4): a `/Type /DocTimeStamp`
//! signature dictionary with `/SubFilter /ETSI.RFC3161`, whose `/Contents` is an RFC 3161
//! token over the ByteRange, appended as an incremental revision. This is what raises
//! a B-LT signature to B-LTA (and what an archive appends again before the last
//! time-stamp's certificate expires).

use super::prepare::{self, SignOptions, SubFilter};
use crate::error::{Error, Result};
use crate::pki::alg::DigestAlg;
use crate::tsp::{Imprint, TsaClient, VerifiedToken};

fn pdf_err(e: crate::pdf::PdfError) -> Error {
    Error::pdf(e)
}

/// Time-stamp the whole of `input`. Returns the bytes to append (the output is
/// `input ++ appended`) and the token. `password` opens an encrypted document.
pub fn timestamp_pdf(
    input: &[u8],
    tsa: &TsaClient,
    digest: DigestAlg,
    password: Option<Vec<u8>>,
) -> Result<(Vec<u8>, VerifiedToken)> {
    let contents_len = tsa.size_estimate(digest).map_err(Error::Tsp)?;
    let ro = crate::pdf::ReadOptions { password, ..Default::default() };
    let reader = crate::pdf::PdfReader::open_with(input, ro).map_err(pdf_err)?;
    let opts = SignOptions {
        subfilter: SubFilter::EtsiRfc3161,
        contents_len,
        signing_time_unix: crate::pki::time::now_unix(),
        ..SignOptions::default()
    };
    let prepared = prepare::prepare_with_reader(&reader, &opts).map_err(pdf_err)?;
    let mut hasher = digest.hasher();
    prepared.for_each_signed_chunk(input, |chunk| hasher.update(chunk));
    let imprint = Imprint { alg: digest, hash: hasher.finalize() };
    let token = tsa.stamp(&imprint).map_err(Error::Tsp)?;
    let appended = prepared.finish(&token.der).map_err(pdf_err)?;
    Ok((appended, token))
}

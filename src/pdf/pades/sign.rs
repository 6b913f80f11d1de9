//! PAdES signing: the PDF revision from [`super::prepare`] joined with the CMS from
//! [`crate::cms::build`].
//!
//! 1. Size: a CMS with a dummy digest and a maximal signature gives the exact DER length,
//!    so the `/Contents` placeholder is sized without a dry-run signature.
//! 2. Prepare the incremental revision with the placeholder.
//! 3. Hash the ByteRange straight from the (memory-mapped) input and the appended bytes.
//! 4. Build the signed attributes, one private-key operation, fill the placeholder.
//!    At level T the placeholder also holds a signature time-stamp (sized from the
//!    TSA's tokens) asked for over the signature value before filling.

use super::prepare::{self as sign, DocMdp, SignOptions, SubFilter};
use crate::cms::build::{self, CmsOptions};
use crate::error::{Error, Result};
use crate::pki::alg::DigestAlg;
use crate::pki::identity::SigningIdentity;

/// Vietnam's UTC offset, used for `/M` unless told otherwise.
pub const VIETNAM_UTC_OFFSET_MINUTES: i32 = 7 * 60;

#[derive(Debug, Clone, Default)]
pub struct PadesOptions {
    pub subfilter: SubFilter,
    pub digest: DigestAlg,
    pub pss: bool,
    /// Name of the new signature field (default `Signature{N}`).
    pub field_name: Option<String>,
    /// Sign this existing empty signature field instead of adding one.
    pub existing_field: Option<String>,
    pub name: Option<String>,
    pub reason: Option<String>,
    pub location: Option<String>,
    pub contact_info: Option<String>,
    pub certify: Option<DocMdp>,
    pub signing_time: i64,
    /// UTC offset of `/M` in minutes (kyso's callers use Vietnam time, +07:00).
    pub tz_offset_minutes: i32,
    pub page: usize,
    pub appearance: Option<crate::pdf::appearance::Appearance>,
    /// A visible signature (Decree 30/2020 steps), built against the input document with
    /// the same signing instant as `/M`; takes precedence over `appearance`.
    pub visible: Option<crate::pdf::appearance::AppearanceSpec>,
    /// Password of an encrypted PDF (user or owner).
    pub password: Option<Vec<u8>>,
    /// A TSA for the signature time-stamp (PAdES B-T); `None` for B-B.
    pub tsa: Option<std::sync::Arc<crate::tsp::TsaClient>>,
}

fn pdf_err(e: crate::pdf::PdfError) -> Error {
    Error::pdf(e)
}

/// Sign `input` (the whole original file, typically memory-mapped). Returns the bytes to
/// append to it; the output file is `input ++ appended`.
pub fn sign_pdf(input: &[u8], id: &SigningIdentity, opts: &PadesOptions) -> Result<Vec<u8>> {
    let scheme = id.signer.scheme(opts.digest, opts.pss);
    // PAdES (ETSI EN 319 142-1): no signingTime attribute, the time goes in /M.
    // The legacy adbe.pkcs7.detached form carries it, as Acrobat's does.
    let signing_time = match opts.subfilter {
        SubFilter::EtsiCadesDetached => None,
        SubFilter::AdbePkcs7Detached => Some(opts.signing_time),
        SubFilter::EtsiRfc3161 => {
            return Err(Error::InvalidOption {
                option: "--subfilter",
                detail: "ETSI.RFC3161 is a document time-stamp: use `kyso timestamp`".into(),
            });
        }
    };
    let cms_opts = CmsOptions { digest: opts.digest, scheme, signing_time };
    let cms = Error::Cms;
    let tsa = opts.tsa.as_deref();
    // The placeholder's size depends on the identity and these options only (a signing
    // time's DER length is fixed within a century): computed once per batch.
    let size_key = format!(
        "pades {:?} {:?} {:?} {:?} tsa={:?}",
        opts.digest,
        opts.pss,
        opts.subfilter,
        signing_time.map(|t| crate::pki::time::to_x509(t).map(|t| der::Encode::encoded_len(&t).ok())),
        tsa.map(|t| &t.url)
    );
    let contents_len = id.once_per_options(size_key, || {
        let template =
            build::prepare(&id.cert, &id.chain, &vec![0u8; opts.digest.output_len()], cms_opts).map_err(cms)?;
        crate::cms::timestamp::reserve(&template, id.signer.max_signature_len(), tsa)
    })?;

    // One reader for the whole operation: the appearance (text anchors, page boxes) and
    // the new revision are both built from it.
    let ro = crate::pdf::ReadOptions { password: opts.password.clone(), ..Default::default() };
    let reader = crate::pdf::PdfReader::open_with(input, ro).map_err(pdf_err)?;
    let (appearance, page) = match &opts.visible {
        Some(spec) => {
            let spec = crate::pdf::appearance::AppearanceSpec { signing_time_unix: opts.signing_time, ..spec.clone() };
            (Some(crate::pdf::appearance::build_appearance(&reader, &spec).map_err(pdf_err)?), spec.page)
        }
        None => (opts.appearance.clone(), opts.page),
    };
    let sign_opts = SignOptions {
        field_name: opts.field_name.clone(),
        existing_field: opts.existing_field.clone(),
        subfilter: opts.subfilter,
        name: opts.name.clone(),
        reason: opts.reason.clone(),
        location: opts.location.clone(),
        contact_info: opts.contact_info.clone(),
        signing_time_unix: opts.signing_time,
        tz_offset_minutes: opts.tz_offset_minutes,
        certify: opts.certify,
        contents_len,
        page,
        appearance,
        password: opts.password.clone(),
    };
    let prepared = sign::prepare_with_reader(&reader, &sign_opts).map_err(pdf_err)?;
    let mut hasher = opts.digest.hasher();
    prepared.for_each_signed_chunk(input, |chunk| hasher.update(chunk));
    let digest = hasher.finalize();
    let signed = build::prepare(&id.cert, &id.chain, &digest, cms_opts).map_err(cms)?;
    let (cms, _token) = crate::cms::timestamp::sign(&signed, id.signer.as_ref(), tsa)?;
    prepared.finish(&cms).map_err(pdf_err)
}

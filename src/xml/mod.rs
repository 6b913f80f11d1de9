//! XML signatures (W3C XMLDSig 1.1, XAdES B-B, the Vietnamese e-invoice layout).
//!
//! - [`c14n`]: Canonical XML 1.0/1.1 and Exclusive C14N, on roxmltree, proven byte for byte
//!   against the W3C/libxml2 vectors, over element-granular node-sets.
//! - [`dsig`]: algorithm URIs (onto `pki::alg`), decoding and safe parsing, the ID
//!   registry, element paths, signature values (through `verify::crypto`).
//! - [`transforms`]: the reference transforms (C14N, enveloped, base64, XPath, XPath
//!   Filter 2.0), with [`xpath`], a small evaluator of the expressions signers write.
//! - [`references`]: dereferencing (same document, detached files inside a folder).
//! - [`keyinfo`]: certificates and what KeyInfo says of the signer.
//! - [`limits`]: safety limits and the pre-scan that refuses hostile shapes.
//! - [`vn`]: the Vietnamese document types and the element each signature must sign.
//! - [`sign`]: enveloped signatures spliced into the original bytes (the rest of the file
//!   stays byte-identical), with the private-key operation as a callback (key files and
//!   tokens alike).
//! - [`xades`]: unsigned XAdES properties spliced into existing signatures (the
//!   SignatureTimeStamp of level T, CertificateValues and RevocationValues of LT).
//! - [`verify`]: every `Signature` in a document, with XSW defences; chain validation and
//!   verdicts are done by [`crate::verify::xml`] with the shared core.
//!
//! May import: `pki` (algorithms, names, times) and `verify::crypto` (one signature check
//! per scheme); nothing of PDF or CMS.

pub mod c14n;
pub mod dsig;
pub mod identity;
pub mod keyinfo;
pub mod limits;
pub mod references;
pub mod sign;
pub mod transforms;
pub mod verify;
pub mod vn;
pub mod xades;
pub mod xpath;
pub use dsig::{SignatureMethod, XmlError};
pub use sign::{Profile, XmlSignOptions, sign, sign_timestamped};
pub use verify::{
    RefReport, VerifyConfig, VerifyProfile, XmlProblem, XmlReport, XmlSignatureReport, verify, verify_with,
};

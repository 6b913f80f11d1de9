//! XML signatures (W3C XMLDSig 1.1, XAdES B-B, the Vietnamese e-invoice layout).
//!
//! - [`c14n`]: Canonical XML 1.0/1.1 and Exclusive C14N, on roxmltree, proven byte for byte
//!   against the W3C/libxml2 vectors.
//! - [`dsig`]: algorithms, the ID registry, element paths.
//! - [`sign`]: enveloped signatures spliced into the original bytes (the rest of the file
//!   stays byte-identical), with the private-key operation as a callback (key files and
//!   tokens alike).
//! - [`verify`]: every `Signature` in a document, with XSW defences; chain validation and
//!   verdicts are done by [`crate::verify::xml`] with the shared core.

pub mod c14n;
pub mod dsig;
pub mod identity;
pub mod sign;
pub mod verify;
pub use dsig::{DigestMethod, SignatureMethod, XmlError};
pub use sign::{Profile, XmlSignOptions, sign};
pub use verify::{RefReport, XmlProblem, XmlSignatureReport, verify};

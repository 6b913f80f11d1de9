//! Keys, certificates and test-PKI issuance (RFC 5280).
//!
//! - [`dn`]: distinguished names in RFC 4514 text form, with the attributes Vietnamese CAs use.
//! - [`key`]: private keys (RSA, ECDSA P-256): generation, PKCS#8 files, signing.
//! - [`alg`]: digest and signature algorithms and their identifiers.
//! - [`issue`]: certificate profiles and issuance.
//! - [`load`]: reading certificates, chains and keys from PEM/DER files.
//! - [`info`]: a plain summary of a certificate for reports.
//! - [`memo`]: answers about certificates remembered for the life of the process.
//! - [`p12`]: PKCS#12 bundles.
//! - [`cadb`]: a kyso CA's database of issued and revoked certificates (OpenSSL's index format).

pub mod alg;
pub mod cadb;
pub mod dn;
pub mod identity;
pub mod info;
pub mod issue;
pub mod key;
pub mod load;
pub mod memo;
pub mod oids;
pub mod p12;
pub mod pem;
pub mod pkcs11;
pub mod signer;
pub mod store;
pub mod time;

pub use x509_cert::Certificate;

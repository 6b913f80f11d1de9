//! The private-key operation behind every signature format. A key file and a hardware
//! token both implement [`Signer`]; CMS, PDF and XML signing only see this trait, and a
//! batch loads the signer once and shares it.

use super::alg::{DigestAlg, SigScheme};
use super::key::{KeyError, PrivateKey};

pub trait Signer: Send + Sync {
    /// Sign `msg` (the digest is computed by the signer) with `scheme`.
    fn sign(&self, scheme: SigScheme, msg: &[u8]) -> Result<Vec<u8>, KeyError>;
    /// Upper bound (exact for RSA) of a signature's length in bytes.
    fn max_signature_len(&self) -> usize;
    /// The scheme to use for a digest; `pss` asks for RSASSA-PSS on RSA keys.
    fn scheme(&self, digest: DigestAlg, pss: bool) -> SigScheme;
    /// "RSA 2048", "ECDSA P-256", "PKCS#11 token X / key Y" — for messages.
    fn description(&self) -> String;
}

impl Signer for PrivateKey {
    fn sign(&self, scheme: SigScheme, msg: &[u8]) -> Result<Vec<u8>, KeyError> {
        PrivateKey::sign(self, scheme, msg)
    }
    fn max_signature_len(&self) -> usize {
        PrivateKey::max_signature_len(self)
    }
    fn scheme(&self, digest: DigestAlg, pss: bool) -> SigScheme {
        PrivateKey::scheme(self, digest, pss)
    }
    fn description(&self) -> String {
        PrivateKey::description(self)
    }
}

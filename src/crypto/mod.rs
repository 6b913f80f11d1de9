//! The crypto provider: the one place that decides which library does kyso's private-key
//! operations, signature checks and hot-path digests (rustls's `CryptoProvider` is the model).
//!
//! Owns: the streaming [`Hasher`] behind `DigestAlg::hasher`/`digest`, the private-key
//! operation behind `PrivateKey::sign` ([`sign`]), the backend's fast path for signature
//! checks ([`verify_prehash`], called by `verify::crypto`, the one verification function per
//! scheme), and [`BackendKey`], a stored key with the backend's own form of it made once.
//! May import: `pki::alg` (the digest and scheme types) and the crypto crates; nothing above.
//!
//! Backends, chosen by cargo feature:
//! - `backend-aws-lc` (default): AWS-LC through `aws-lc-rs` — constant-time, maintained,
//!   FIPS-capable, rustls's default. Every RSA signature (PKCS#1 v1.5 and PSS), ECDSA on
//!   P-256/SHA-256, P-384/SHA-384 and P-521/SHA-256..512, SHA-1/SHA-2 digests and the checks of
//!   RSA 2048–8192 and ECDSA P-256/384/521 signatures run here. So the default build never
//!   signs with the `rsa` crate (RUSTSEC-2023-0071, Marvin).
//! - `backend-rustcrypto`: the pure-Rust RustCrypto crates alone, for targets without a C
//!   compiler (`--no-default-features --features backend-rustcrypto`).
//!
//! AWS-LC's random generator is seeded from the operating system (getrandom) and the CPU's
//! RDRAND, as OpenSSL and ring seed theirs: `.cargo/config.toml` builds it with
//! `AWS_LC_SYS_NO_JITTER_ENTROPY=1`, because the CPU-jitter source's start-up measurement
//! cost ~40 ms of CPU in every process (a single `kyso sign` took 60–70 ms instead of 6).
//!
//! Keys are parsed and stored with the RustCrypto types in every build (PKCS#8, PKCS#1, SEC1,
//! PKCS#12 and PKCS#11 handling is unchanged), and RustCrypto checks what AWS-LC does not
//! offer (Brainpool, Ed25519/Ed448, SHA-3 and SHA-224 with RSA, custom PSS salts, RSA moduli
//! outside 2048–8192). A check the backend rejects is confirmed by the RustCrypto path before
//! it is called bad, so both builds give the same verdicts (a stricter key parser in one can
//! never turn a good signature INVALID).

mod digest;
mod sign;

#[cfg(feature = "backend-aws-lc")]
mod awslc;

pub use digest::Hasher;
#[cfg(test)]
pub(crate) use sign::rustcrypto_sign;
pub use sign::{BackendKey, SignError, SignKey, sign};

/// The name of the backend this build uses (for `kyso --version` and reports).
pub const BACKEND: &str =
    if cfg!(feature = "backend-aws-lc") { "aws-lc-rs (AWS-LC)" } else { "RustCrypto (pure Rust)" };

/// The public key forms the backend checks signatures with.
pub enum BackendPublicKey<'a> {
    /// RSA: the PKCS#1 `RSAPublicKey` DER and the modulus size in bits.
    Rsa {
        pkcs1: &'a [u8],
        bits: usize,
    },
    /// ECDSA on a NIST curve: the uncompressed point (`04 ‖ X ‖ Y`).
    P256(&'a [u8]),
    P384(&'a [u8]),
    P521(&'a [u8]),
}

/// What the backend made of a signature check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FastCheck {
    /// The signature verifies.
    Good,
    /// The backend rejects it (the caller confirms with the pure-Rust path).
    Rejected,
    /// The backend does not do this combination of key, scheme and salt.
    NotHere,
}

/// Check `sig` over `prehash` (a digest with `scheme.digest()`) with the backend, when it does
/// this scheme; `pss_salt` is the PSS salt length (None: the digest length).
#[allow(unused_variables)]
pub fn verify_prehash(
    key: BackendPublicKey<'_>,
    scheme: crate::pki::alg::SigScheme,
    pss_salt: Option<usize>,
    prehash: &[u8],
    sig: &[u8],
) -> FastCheck {
    #[cfg(feature = "backend-aws-lc")]
    {
        awslc::verify_prehash(key, scheme, pss_salt, prehash, sig)
    }
    #[cfg(not(feature = "backend-aws-lc"))]
    {
        FastCheck::NotHere
    }
}

/// A new RSA key of `bits` as PKCS#8 DER, made by the backend; None when the backend leaves
/// key generation to RustCrypto (the pure-Rust build).
#[allow(unused_variables)]
pub fn generate_rsa_pkcs8(bits: usize) -> Option<Result<zeroize::Zeroizing<Vec<u8>>, String>> {
    #[cfg(feature = "backend-aws-lc")]
    {
        Some(awslc::generate_rsa_pkcs8(bits))
    }
    #[cfg(not(feature = "backend-aws-lc"))]
    {
        None
    }
}

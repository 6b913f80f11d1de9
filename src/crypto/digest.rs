//! The streaming digest behind `DigestAlg::hasher` and `DigestAlg::digest`: SHA-1 and SHA-2
//! with the backend (AWS-LC's assembly in the default build), SHA-3 and SHAKE256 with
//! RustCrypto.

use sha2::Digest;

use crate::pki::alg::DigestAlg;

/// A running digest of any supported algorithm.
#[derive(Clone)]
pub struct Hasher(Inner);

#[derive(Clone)]
enum Inner {
    #[cfg(feature = "backend-aws-lc")]
    Lc(aws_lc_rs::digest::Context),
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha224(sha2::Sha224),
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    Shake256(Box<sha3::Shake256>),
}

impl DigestAlg {
    pub fn hasher(self) -> Hasher {
        #[cfg(feature = "backend-aws-lc")]
        if let Some(alg) = super::awslc::digest_algorithm(self) {
            return Hasher(Inner::Lc(aws_lc_rs::digest::Context::new(alg)));
        }
        Hasher(match self {
            DigestAlg::Sha1 => Inner::Sha1(sha1::Sha1::new()),
            DigestAlg::Sha256 => Inner::Sha256(sha2::Sha256::new()),
            DigestAlg::Sha384 => Inner::Sha384(sha2::Sha384::new()),
            DigestAlg::Sha512 => Inner::Sha512(sha2::Sha512::new()),
            DigestAlg::Sha224 => Inner::Sha224(sha2::Sha224::new()),
            DigestAlg::Sha3_224 => Inner::Sha3_224(sha3::Sha3_224::new()),
            DigestAlg::Sha3_256 => Inner::Sha3_256(sha3::Sha3_256::new()),
            DigestAlg::Sha3_384 => Inner::Sha3_384(sha3::Sha3_384::new()),
            DigestAlg::Sha3_512 => Inner::Sha3_512(sha3::Sha3_512::new()),
            DigestAlg::Shake256 => Inner::Shake256(Box::default()),
        })
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        let mut h = self.hasher();
        h.update(data);
        h.finalize()
    }
}

impl Hasher {
    pub fn update(&mut self, data: &[u8]) {
        use sha3::digest::Update;
        match &mut self.0 {
            #[cfg(feature = "backend-aws-lc")]
            Inner::Lc(h) => h.update(data),
            Inner::Sha1(h) => Digest::update(h, data),
            Inner::Sha256(h) => Digest::update(h, data),
            Inner::Sha384(h) => Digest::update(h, data),
            Inner::Sha512(h) => Digest::update(h, data),
            Inner::Sha224(h) => Digest::update(h, data),
            Inner::Sha3_224(h) => Digest::update(h, data),
            Inner::Sha3_256(h) => Digest::update(h, data),
            Inner::Sha3_384(h) => Digest::update(h, data),
            Inner::Sha3_512(h) => Digest::update(h, data),
            Inner::Shake256(h) => Update::update(h.as_mut(), data),
        }
    }

    pub fn finalize(self) -> Vec<u8> {
        match self.0 {
            #[cfg(feature = "backend-aws-lc")]
            Inner::Lc(h) => h.finish().as_ref().to_vec(),
            Inner::Sha1(h) => h.finalize().to_vec(),
            Inner::Sha256(h) => h.finalize().to_vec(),
            Inner::Sha384(h) => h.finalize().to_vec(),
            Inner::Sha512(h) => h.finalize().to_vec(),
            Inner::Sha224(h) => h.finalize().to_vec(),
            Inner::Sha3_224(h) => h.finalize().to_vec(),
            Inner::Sha3_256(h) => h.finalize().to_vec(),
            Inner::Sha3_384(h) => h.finalize().to_vec(),
            Inner::Sha3_512(h) => h.finalize().to_vec(),
            Inner::Shake256(h) => {
                use sha3::digest::{ExtendableOutput, XofReader};
                let mut out = vec![0u8; 64];
                h.finalize_xof().read(&mut out);
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The backend's digests equal RustCrypto's, one-shot and streamed, for every algorithm.
    #[test]
    fn backend_digests_equal_rustcrypto() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 + i / 13) as u8).collect();
        for d in DigestAlg::ALL {
            let mut h = d.hasher();
            for chunk in data.chunks(4093) {
                h.update(chunk);
            }
            let streamed = h.finalize();
            let reference = match d {
                DigestAlg::Sha1 => sha1::Sha1::digest(&data).to_vec(),
                DigestAlg::Sha224 => sha2::Sha224::digest(&data).to_vec(),
                DigestAlg::Sha256 => sha2::Sha256::digest(&data).to_vec(),
                DigestAlg::Sha384 => sha2::Sha384::digest(&data).to_vec(),
                DigestAlg::Sha512 => sha2::Sha512::digest(&data).to_vec(),
                _ => continue,
            };
            assert_eq!(streamed, reference, "{d:?}");
            assert_eq!(d.digest(&data), reference, "{d:?}");
            assert_eq!(streamed.len(), d.output_len());
        }
    }
}

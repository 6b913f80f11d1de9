//! RSA-2048 PKCS#1 v1.5 signatures per second through kyso's crypto provider (one thread):
//! the per-core bound for batch signing. `cargo run --release --example rsa_speed`
//! (AWS-LC in the default build; add `--no-default-features --features backend-rustcrypto`
//! for the pure-Rust `rsa` crate).
use kyso::pki::alg::{DigestAlg, SigScheme};
use kyso::pki::key::{KeyType, PrivateKey};

fn main() {
    let key = PrivateKey::generate(KeyType::Rsa2048).expect("key");
    let scheme = SigScheme::RsaPkcs1(DigestAlg::Sha256);
    let start = std::time::Instant::now();
    let mut n = 0u32;
    while start.elapsed().as_secs_f64() < 3.0 {
        key.sign(scheme, &n.to_be_bytes()).expect("sign");
        n += 1;
    }
    println!("{} RSA-2048 sign: {:.0}/s per core", kyso::crypto::BACKEND, f64::from(n) / start.elapsed().as_secs_f64());
}

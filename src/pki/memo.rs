//! Answers about certificates remembered for the life of the process.
//!
//! A batch verification meets the same signer and CA certificates in thousands of files;
//! a summary for the report or a signature check depends only on the certificate (and
//! the issuer's key), so each is worked out once. The memo is looked up by the last
//! bytes of the certificate's signature value (or encoding, or key: [`bucket_of`]), a
//! cheap discriminator, and an entry is used only when the whole key compares equal —
//! two certificates with the same signature bytes and different contents (a forgery)
//! never share an answer. Memory stays bounded: past `cap` entries (counted across
//! buckets, so inputs made to share a bucket count too) the memo starts again.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Buckets of (key, answer) pairs, and how many pairs they hold in all.
type Slots<K, V> = Mutex<(HashMap<Vec<u8>, Vec<(K, V)>>, usize)>;

/// A process-wide memo from keys of type `K` to answers of type `V`.
pub struct Memo<K, V> {
    slots: OnceLock<Slots<K, V>>,
    cap: usize,
}

impl<K, V: Clone> Memo<K, V> {
    /// An empty memo holding at most `cap` answers.
    pub const fn new(cap: usize) -> Self {
        Memo { slots: OnceLock::new(), cap }
    }

    /// The answer remembered under `bucket` for the key that `is_key` accepts.
    pub fn get(&self, bucket: &[u8], is_key: impl Fn(&K) -> bool) -> Option<V> {
        let slots = self.slots.get()?.lock().unwrap_or_else(|e| e.into_inner());
        slots.0.get(bucket)?.iter().find(|(k, _)| is_key(k)).map(|(_, v)| v.clone())
    }

    /// The answer for the key that `is_key` accepts, worked out by `make` (and
    /// remembered with the key `key()` returns) the first time.
    pub fn get_or_insert(
        &self,
        bucket: &[u8],
        is_key: impl Fn(&K) -> bool,
        key: impl FnOnce() -> K,
        make: impl FnOnce() -> V,
    ) -> V {
        if let Some(v) = self.get(bucket, is_key) {
            return v;
        }
        let v = make();
        self.insert(bucket, key(), v.clone());
        v
    }

    /// Remember `value` for `key` under `bucket` (a function of `key`).
    pub fn insert(&self, bucket: &[u8], key: K, value: V) {
        let mut guard =
            self.slots.get_or_init(|| Mutex::new((HashMap::new(), 0))).lock().unwrap_or_else(|e| e.into_inner());
        let (m, count) = &mut *guard;
        if *count >= self.cap {
            m.clear();
            *count = 0;
        }
        let entries = m.entry(bucket.to_vec()).or_default();
        if entries.len() < 8 {
            entries.push((key, value));
            *count += 1;
        }
    }
}

impl<V: Clone> Memo<Vec<u8>, V> {
    /// The answer remembered for exactly these bytes (an encoding as the key).
    pub fn get_bytes(&self, bytes: &[u8]) -> Option<V> {
        self.get(bucket_of(bytes), |k| k.as_slice() == bytes)
    }

    /// Remember `value` for exactly these bytes.
    pub fn insert_bytes(&self, bytes: &[u8], value: V) {
        self.insert(bucket_of(bytes), bytes.to_vec(), value);
    }
}

/// A certificate decoded from `der`, decoded once per process per encoding (the
/// certificates embedded in a batch's signatures repeat from file to file). The memo is
/// keyed by the exact bytes, so equal input gives the equal certificate.
pub fn certificate(der: &[u8]) -> der::Result<x509_cert::Certificate> {
    use der::Decode;
    // Real certificates are a few kilobytes; anything longer is decoded each time.
    if der.len() > 64 << 10 {
        return x509_cert::Certificate::from_der(der);
    }
    static MEMO: Memo<Vec<u8>, der::Result<x509_cert::Certificate>> = Memo::new(1_000);
    if let Some(cert) = MEMO.get_bytes(der) {
        return cert;
    }
    let cert = x509_cert::Certificate::from_der(der);
    MEMO.insert_bytes(der, cert.clone());
    cert
}

/// The bucket of a whole encoding used as a key: its last bytes, which for a
/// certificate lie in the signature value. Hashing these costs a fraction of hashing
/// the whole encoding; the entry is still used only for equal bytes, and encodings
/// made to share a tail only fill their bucket (which then stops taking entries).
pub fn bucket_of(der: &[u8]) -> &[u8] {
    der.get(der.len().saturating_sub(48)..).unwrap_or(der)
}

#[cfg(test)]
mod tests {
    use super::Memo;

    #[test]
    fn equal_buckets_with_different_keys_keep_their_own_answers() {
        static M: Memo<String, usize> = Memo::new(4);
        M.insert(b"sig", "a".into(), 1);
        assert_eq!(M.get(b"sig", |k| k == "b"), None, "same bucket, other key");
        M.insert(b"sig", "b".into(), 2);
        assert_eq!(M.get(b"sig", |k| k == "a"), Some(1));
        assert_eq!(M.get(b"sig", |k| k == "b"), Some(2));
        assert_eq!(M.get(b"other", |k| k == "a"), None);
    }

    #[test]
    fn the_memo_stays_bounded() {
        static M: Memo<u32, u32> = Memo::new(3);
        for i in 0..10u32 {
            M.insert(&i.to_be_bytes(), i, i);
        }
        let len = M.slots.get().map(|m| m.lock().unwrap().0.len()).unwrap_or(0);
        assert!(len <= 3, "{len}");
        assert_eq!(M.get(&9u32.to_be_bytes(), |&k| k == 9), Some(9), "the newest answers are kept");
    }

    #[test]
    fn entries_sharing_a_bucket_count_toward_the_cap() {
        static M: Memo<u32, u32> = Memo::new(4);
        for i in 0..7u32 {
            M.insert(b"same tail", i, i);
        }
        let held = M.slots.get().map(|m| m.lock().unwrap().1).unwrap_or(0);
        assert!(held <= 4, "{held}");
        assert_eq!(M.get(b"same tail", |&k| k == 6), Some(6));
    }
}

//! The Standard security handler (password-based encryption): ISO 32000-1
//! §7.6.3/§7.6.4 (V 1, 2, 4; R 2, 3, 4) and ISO 32000-2 (V 5, R 6; the
//! deprecated R 5 is accepted too).
//!
//! [`SecurityHandler::new`] parses an `/Encrypt` dictionary, authenticates a
//! user or owner password and computes the file key. The handler then
//! decrypts and encrypts strings and streams of individual objects
//! (Algorithm 1 per-object keys for RC4 / AESV2; the file key itself for
//! AESV3). Exempt from encryption: the `/Encrypt` dictionary, cross-reference
//! streams, the trailer, the `/Contents` of signature dictionaries, metadata
//! streams when `/EncryptMetadata false`, and streams whose `/Crypt` filter
//! names the Identity crypt filter.
//!
//! New AES IVs are derived from SHA-256 over (file key, a per-handler
//! counter, the current time, the object number and the data length): the
//! file key is secret, so the IVs are unpredictable to anyone who cannot
//! decrypt the document anyway. No RNG dependency.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use aes::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use md5::{Digest, Md5};
use sha2::{Sha256, Sha384, Sha512};

use super::error::{PdfError, Result};
use super::object::{Dict, ObjRef, Object, PdfString, StreamData};

/// The 32-byte padding string of Algorithm 2 (step a).
const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08, 0x2E, 0x2E, 0x00,
    0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

/// How a crypt filter encrypts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CryptMethod {
    /// No encryption (the Identity crypt filter, `/CFM /None`).
    Identity,
    /// RC4 with a per-object key (`/V2`, and all of V 1/2).
    Rc4,
    /// AES-128-CBC with a per-object key (`/AESV2`).
    AesV2,
    /// AES-256-CBC with the file key (`/AESV3`).
    AesV3,
}

/// Which password authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordKind {
    User,
    Owner,
}

/// An authenticated Standard security handler.
pub struct SecurityHandler {
    version: u8,
    revision: u8,
    key: Vec<u8>,
    string_method: CryptMethod,
    stream_method: CryptMethod,
    filters: Vec<(Vec<u8>, CryptMethod)>,
    encrypt_metadata: bool,
    permissions: i32,
    auth: PasswordKind,
    encrypt_ref: Option<ObjRef>,
    counter: AtomicU64,
}

impl fmt::Debug for SecurityHandler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The file key is deliberately not printed.
        f.debug_struct("SecurityHandler")
            .field("version", &self.version)
            .field("revision", &self.revision)
            .field("key_len", &self.key.len())
            .field("string_method", &self.string_method)
            .field("stream_method", &self.stream_method)
            .field("encrypt_metadata", &self.encrypt_metadata)
            .field("permissions", &self.permissions)
            .field("auth", &self.auth)
            .finish()
    }
}

fn unsupported(msg: impl Into<String>) -> PdfError {
    PdfError::UnsupportedEncryption(msg.into())
}

fn bad(msg: impl Into<String>) -> PdfError {
    PdfError::Structure(format!("/Encrypt dictionary: {}", msg.into()))
}

/// RC4 (symmetric: encrypts and decrypts).
pub fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: [u8; 256] = std::array::from_fn(|i| i as u8);
    if !key.is_empty() {
        let mut j: u8 = 0;
        for i in 0..256 {
            j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
            s.swap(i, j as usize);
        }
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[i as usize]);
            s.swap(i as usize, j as usize);
            b ^ s[s[i as usize].wrapping_add(s[j as usize]) as usize]
        })
        .collect()
}

fn crypto_err(what: &str) -> PdfError {
    PdfError::Filter { msg: format!("decryption: {what}") }
}

/// AES-CBC over whole blocks, no padding. `key` is 16 or 32 bytes.
fn cbc_encrypt_blocks(key: &[u8], iv: &[u8], buf: &mut [u8]) -> Result<()> {
    macro_rules! run {
        ($c:ty) => {{
            let mut m =
                cbc::Encryptor::<$c>::new_from_slices(key, iv).map_err(|_| crypto_err("bad AES key or IV length"))?;
            for chunk in buf.chunks_exact_mut(16) {
                let b: &mut aes::Block = chunk.try_into().map_err(|_| crypto_err("AES block size"))?;
                m.encrypt_block(b);
            }
        }};
    }
    if !buf.len().is_multiple_of(16) {
        return Err(crypto_err("AES data is not a multiple of 16 bytes"));
    }
    match key.len() {
        16 => run!(aes::Aes128),
        32 => run!(aes::Aes256),
        _ => return Err(crypto_err("AES key must be 16 or 32 bytes")),
    }
    Ok(())
}

fn cbc_decrypt_blocks(key: &[u8], iv: &[u8], buf: &mut [u8]) -> Result<()> {
    macro_rules! run {
        ($c:ty) => {{
            let mut m =
                cbc::Decryptor::<$c>::new_from_slices(key, iv).map_err(|_| crypto_err("bad AES key or IV length"))?;
            for chunk in buf.chunks_exact_mut(16) {
                let b: &mut aes::Block = chunk.try_into().map_err(|_| crypto_err("AES block size"))?;
                m.decrypt_block(b);
            }
        }};
    }
    if !buf.len().is_multiple_of(16) {
        return Err(crypto_err("AES ciphertext is not a multiple of 16 bytes"));
    }
    match key.len() {
        16 => run!(aes::Aes128),
        32 => run!(aes::Aes256),
        _ => return Err(crypto_err("AES key must be 16 or 32 bytes")),
    }
    Ok(())
}

/// AES-CBC decryption of `IV || ciphertext` with PKCS#7 padding removed
/// (a malformed padding is left in place rather than failing).
fn aes_decrypt(key: &[u8], data: &[u8]) -> Result<Vec<u8>> {
    if data.is_empty() {
        return Ok(Vec::new());
    }
    let (iv, ct) = data.split_at_checked(16).ok_or_else(|| crypto_err("AES data shorter than its 16-byte IV"))?;
    let mut buf = ct.to_vec();
    cbc_decrypt_blocks(key, iv, &mut buf)?;
    if let Some(&p) = buf.last() {
        let p = p as usize;
        if (1..=16).contains(&p) && p <= buf.len() && buf[buf.len() - p..].iter().all(|&b| b as usize == p) {
            buf.truncate(buf.len() - p);
        }
    }
    Ok(buf)
}

/// AES-CBC encryption with PKCS#7 padding; returns `IV || ciphertext`.
fn aes_encrypt(key: &[u8], iv: &[u8; 16], data: &[u8]) -> Result<Vec<u8>> {
    let p = 16 - data.len() % 16;
    let mut buf = Vec::with_capacity(16 + data.len() + p);
    buf.extend_from_slice(iv);
    buf.extend_from_slice(data);
    buf.extend(std::iter::repeat_n(p as u8, p));
    let (iv, body) = buf.split_at_mut(16);
    cbc_encrypt_blocks(key, iv, body)?;
    Ok(buf)
}

/// Algorithm 2.B (R 6) / the plain SHA-256 of R 5.
fn hash_r56(revision: u8, pw: &[u8], salt: &[u8], udata: &[u8]) -> Result<Vec<u8>> {
    let mut h = Sha256::new();
    h.update(pw);
    h.update(salt);
    h.update(udata);
    let mut k: Vec<u8> = h.finalize().to_vec();
    if revision == 5 {
        return Ok(k);
    }
    let mut round: u32 = 0;
    loop {
        let mut k1 = Vec::with_capacity(64 * (pw.len() + k.len() + udata.len()));
        for _ in 0..64 {
            k1.extend_from_slice(pw);
            k1.extend_from_slice(&k);
            k1.extend_from_slice(udata);
        }
        let (key, iv) =
            (k.get(..16).ok_or_else(|| crypto_err("hash"))?, k.get(16..32).ok_or_else(|| crypto_err("hash"))?);
        cbc_encrypt_blocks(key, iv, &mut k1)?;
        let e = k1;
        let m = e.iter().take(16).map(|&b| u32::from(b)).sum::<u32>() % 3;
        k = match m {
            0 => Sha256::digest(&e).to_vec(),
            1 => Sha384::digest(&e).to_vec(),
            _ => Sha512::digest(&e).to_vec(),
        };
        round += 1;
        let last = u32::from(e.last().copied().unwrap_or(0));
        if round >= 64 && last + 32 <= round {
            break;
        }
    }
    k.truncate(32);
    Ok(k)
}

/// Password padded / truncated to 32 bytes (Algorithm 2 step a).
fn pad_password(pw: &[u8]) -> [u8; 32] {
    let mut out = PAD;
    let n = pw.len().min(32);
    out[..n].copy_from_slice(&pw[..n]);
    out[n..].copy_from_slice(&PAD[..32 - n]);
    out
}

/// Parsed `/Encrypt` dictionary values needed for authentication.
struct Params<'d> {
    revision: u8,
    /// File key length in bytes.
    n: usize,
    o: &'d [u8],
    u: &'d [u8],
    oe: &'d [u8],
    ue: &'d [u8],
    p: i32,
    encrypt_metadata: bool,
    id0: &'d [u8],
}

fn str_entry<'d>(d: &'d Dict, key: &[u8]) -> &'d [u8] {
    d.get(key).and_then(Object::as_str_bytes).unwrap_or(&[])
}

impl Params<'_> {
    /// Algorithm 2: file key from a (user) password, R 2..4.
    fn file_key_r4(&self, pw: &[u8]) -> Vec<u8> {
        let mut h = Md5::new();
        h.update(pad_password(pw));
        h.update(self.o.get(..32).unwrap_or(self.o));
        h.update(self.p.to_le_bytes());
        h.update(self.id0);
        if self.revision >= 4 && !self.encrypt_metadata {
            h.update([0xFF; 4]);
        }
        let mut k: Vec<u8> = h.finalize().to_vec();
        if self.revision >= 3 {
            for _ in 0..50 {
                k = Md5::digest(&k[..self.n]).to_vec();
            }
        }
        k.truncate(self.n);
        k
    }

    /// Algorithms 4/5: the /U value for a file key; compared on 32 (R 2)
    /// or 16 bytes (R 3/4).
    fn user_ok_r4(&self, key: &[u8]) -> bool {
        if self.revision == 2 {
            let u = rc4(key, &PAD);
            self.u.get(..32) == Some(&u[..])
        } else {
            let mut h = Md5::new();
            h.update(PAD);
            h.update(self.id0);
            let mut x = rc4(key, &h.finalize());
            for i in 1..=19u8 {
                let k: Vec<u8> = key.iter().map(|&b| b ^ i).collect();
                x = rc4(&k, &x);
            }
            self.u.get(..16) == x.get(..16)
        }
    }

    /// Algorithm 7 (owner password, R 2..4): recover the user password
    /// from /O, then authenticate it as the user password.
    fn owner_key_r4(&self, pw: &[u8]) -> Option<Vec<u8>> {
        let mut k: Vec<u8> = Md5::digest(pad_password(pw)).to_vec();
        if self.revision >= 3 {
            for _ in 0..50 {
                k = Md5::digest(&k).to_vec();
            }
        }
        k.truncate(self.n);
        let mut user = self.o.get(..32)?.to_vec();
        if self.revision == 2 {
            user = rc4(&k, &user);
        } else {
            for i in (0..=19u8).rev() {
                let ki: Vec<u8> = k.iter().map(|&b| b ^ i).collect();
                user = rc4(&ki, &user);
            }
        }
        let key = self.file_key_r4(&user);
        self.user_ok_r4(&key).then_some(key)
    }

    /// Algorithm 2.A (R 5/6): owner first, then user.
    fn key_r6(&self, pw: &[u8]) -> Result<Option<(Vec<u8>, PasswordKind)>> {
        let pw = pw.get(..127).unwrap_or(pw);
        let (o, u) = match (self.o.get(..48), self.u.get(..48)) {
            (Some(o), Some(u)) => (o, u),
            _ => return Err(bad("/O and /U must be at least 48 bytes for R 5/6")),
        };
        let (oe, ue) = match (self.oe.get(..32), self.ue.get(..32)) {
            (Some(oe), Some(ue)) => (oe, ue),
            _ => return Err(bad("/OE and /UE must be 32 bytes for R 5/6")),
        };
        let r = self.revision;
        // (hashed value + salts, user data, encrypted file key, kind)
        type Try<'a> = (&'a [u8], &'a [u8], &'a [u8], PasswordKind);
        let tries: [Try<'_>; 2] = [(o, u, oe, PasswordKind::Owner), (u, &[], ue, PasswordKind::User)];
        for (hashed, udata, enc_key, kind) in tries {
            if hash_r56(r, pw, &hashed[32..40], udata)? == hashed[..32] {
                let ik = hash_r56(r, pw, &hashed[40..48], udata)?;
                let mut key = enc_key.to_vec();
                cbc_decrypt_blocks(&ik, &[0u8; 16], &mut key)?;
                return Ok(Some((key, kind)));
            }
        }
        Ok(None)
    }
}

fn method_of_cfm(cfm: Option<&[u8]>) -> Result<CryptMethod> {
    match cfm {
        None | Some(b"None") => Ok(CryptMethod::Identity),
        Some(b"V2") => Ok(CryptMethod::Rc4),
        Some(b"AESV2") => Ok(CryptMethod::AesV2),
        Some(b"AESV3") => Ok(CryptMethod::AesV3),
        Some(other) => Err(unsupported(format!("crypt filter method /{}", String::from_utf8_lossy(other)))),
    }
}

/// Candidate byte encodings of a password: as given, and for R 2..4 also
/// the Latin-1 bytes of a UTF-8 password (PDFDocEncoding agrees with
/// Latin-1 for letters).
fn candidates(pw: &[u8], revision: u8) -> Vec<Vec<u8>> {
    let mut out = vec![pw.to_vec()];
    if revision <= 4
        && !pw.is_ascii()
        && let Ok(s) = std::str::from_utf8(pw)
    {
        let latin: Option<Vec<u8>> = s.chars().map(|c| u8::try_from(c as u32).ok()).collect();
        if let Some(l) = latin {
            out.push(l);
        }
    }
    out
}

impl SecurityHandler {
    /// Parse `encrypt` (the resolved `/Encrypt` dictionary; `encrypt_ref` its
    /// object, which is never decrypted), and authenticate `password` as
    /// owner or user password. `id0` is the first element of the trailer
    /// /ID (empty if missing).
    ///
    /// Errors: [`PdfError::UnsupportedEncryption`] for another security
    /// handler or an unsupported V/R/method, [`PdfError::WrongPassword`]
    /// when the password is neither the user nor the owner password.
    pub fn new(encrypt: &Dict, encrypt_ref: Option<ObjRef>, id0: &[u8], password: &[u8]) -> Result<Self> {
        match encrypt.get_name(b"Filter") {
            Some(b"Standard") => {}
            Some(f) => {
                return Err(unsupported(format!(
                    "security handler /{} (only the /Standard password handler is supported{})",
                    String::from_utf8_lossy(f),
                    if f == b"Adobe.PubSec" { "; this document is encrypted for certificate holders" } else { "" }
                )));
            }
            None => return Err(unsupported("/Encrypt has no /Filter name")),
        }
        let version = match encrypt.get_int(b"V").unwrap_or(0) {
            v @ (1 | 2 | 4 | 5) => v as u8,
            v => return Err(unsupported(format!("encryption algorithm /V {v}"))),
        };
        let revision = match encrypt.get_int(b"R") {
            Some(r @ (2..=6)) => r as u8,
            Some(r) => return Err(unsupported(format!("security handler revision /R {r}"))),
            None => return Err(bad("missing /R")),
        };
        let p = encrypt
            .get_int(b"P")
            .map(|p| p as u32 as i32) // some writers store P unsigned
            .ok_or_else(|| bad("missing /P"))?;
        let encrypt_metadata = encrypt.get(b"EncryptMetadata").and_then(Object::as_bool).unwrap_or(true);

        // Crypt filters.
        let mut filters: Vec<(Vec<u8>, CryptMethod)> = Vec::new();
        let mut cf_len: Option<i64> = None;
        if version >= 4
            && let Some(cf) = encrypt.get_dict(b"CF")
        {
            for (name, v) in cf.iter().take(64) {
                let d = match v.as_dict() {
                    Some(d) => d,
                    None => continue,
                };
                let m = method_of_cfm(d.get_name(b"CFM"))?;
                if let Some(l) = d.get_int(b"Length") {
                    cf_len.get_or_insert(l);
                }
                filters.push((name.to_vec(), m));
            }
        }
        let lookup =
            |name: Option<&[u8]>| -> Result<CryptMethod> {
                match name {
                    None | Some(b"Identity") => Ok(CryptMethod::Identity),
                    Some(n) => filters.iter().find(|(k, _)| k.as_slice() == n).map(|(_, m)| *m).ok_or_else(|| {
                        bad(format!("crypt filter /{} is not defined in /CF", String::from_utf8_lossy(n)))
                    }),
                }
            };
        let (string_method, stream_method) = if version >= 4 {
            (lookup(encrypt.get_name(b"StrF"))?, lookup(encrypt.get_name(b"StmF"))?)
        } else {
            (CryptMethod::Rc4, CryptMethod::Rc4)
        };
        if version == 5 || revision >= 5 {
            if revision < 5 || version != 5 {
                return Err(unsupported(format!("/V {version} with /R {revision}")));
            }
            for m in [string_method, stream_method] {
                if !matches!(m, CryptMethod::AesV3 | CryptMethod::Identity) {
                    return Err(unsupported(format!("crypt method {m:?} with /V 5 (only AESV3)")));
                }
            }
        } else {
            for m in [string_method, stream_method] {
                if m == CryptMethod::AesV3 {
                    return Err(unsupported("AESV3 requires /V 5 /R 6"));
                }
            }
        }

        // Key length in bytes.
        let n = match version {
            // R 2 always uses 40-bit keys.
            _ if revision == 2 => 5,
            1 => 5,
            5 => 32,
            _ => {
                let bits = encrypt.get_int(b"Length").or_else(|| {
                    // V 4: the crypt filter /Length is in bytes (some
                    // writers use bits).
                    cf_len.map(|l| if l <= 16 { l * 8 } else { l })
                });
                let bits = bits.unwrap_or(if version == 4 { 128 } else { 40 });
                if !(40..=128).contains(&bits) || bits % 8 != 0 {
                    return Err(unsupported(format!("key length {bits} bits")));
                }
                (bits / 8) as usize
            }
        };
        let params = Params {
            revision,
            n,
            o: str_entry(encrypt, b"O"),
            u: str_entry(encrypt, b"U"),
            oe: str_entry(encrypt, b"OE"),
            ue: str_entry(encrypt, b"UE"),
            p,
            encrypt_metadata,
            id0,
        };
        if revision <= 4 && (params.o.len() < 32 || params.u.len() < 32) {
            return Err(bad("/O and /U must be 32-byte strings"));
        }
        let mut found: Option<(Vec<u8>, PasswordKind)> = None;
        for pw in candidates(password, revision) {
            found = if revision >= 5 {
                params.key_r6(&pw)?
            } else {
                let key = params.file_key_r4(&pw);
                if params.user_ok_r4(&key) {
                    Some((key, PasswordKind::User))
                } else {
                    params.owner_key_r4(&pw).map(|k| (k, PasswordKind::Owner))
                }
            };
            if found.is_some() {
                break;
            }
        }
        let (key, auth) = found.ok_or(PdfError::WrongPassword)?;
        Ok(SecurityHandler {
            version,
            revision,
            key,
            string_method,
            stream_method,
            filters,
            encrypt_metadata,
            permissions: p,
            auth,
            encrypt_ref,
            counter: AtomicU64::new(0),
        })
    }

    /// /V of the encryption dictionary.
    pub fn version(&self) -> u8 {
        self.version
    }

    /// /R of the encryption dictionary.
    pub fn revision(&self) -> u8 {
        self.revision
    }

    /// File key length in bytes (5..=16, or 32 for AES-256).
    pub fn key_len(&self) -> usize {
        self.key.len()
    }

    /// Method for strings (/StrF).
    pub fn string_method(&self) -> CryptMethod {
        self.string_method
    }

    /// Default method for streams (/StmF).
    pub fn stream_method(&self) -> CryptMethod {
        self.stream_method
    }

    pub fn encrypt_metadata(&self) -> bool {
        self.encrypt_metadata
    }

    /// The /P permission bits (as a signed 32-bit value).
    pub fn permissions(&self) -> i32 {
        self.permissions
    }

    /// True if permission bit `bit` (1-based, as in ISO 32000 Table 22) is
    /// set, or the owner password authenticated.
    pub fn permits(&self, bit: u32) -> bool {
        self.auth == PasswordKind::Owner || (1..=32).contains(&bit) && (self.permissions as u32) & (1 << (bit - 1)) != 0
    }

    /// Which password authenticated.
    pub fn authenticated_as(&self) -> PasswordKind {
        self.auth
    }

    /// The /Encrypt dictionary's object, if it is indirect.
    pub fn encrypt_ref(&self) -> Option<ObjRef> {
        self.encrypt_ref
    }

    /// Algorithm 1: the key for one object.
    fn object_key(&self, r: ObjRef, method: CryptMethod) -> Vec<u8> {
        if method == CryptMethod::AesV3 {
            return self.key.clone();
        }
        let mut h = Md5::new();
        h.update(&self.key);
        h.update(&r.num.to_le_bytes()[..3]);
        h.update(r.r#gen.to_le_bytes());
        if method == CryptMethod::AesV2 {
            h.update(b"sAlT");
        }
        let mut k = h.finalize().to_vec();
        k.truncate((self.key.len() + 5).min(16));
        k
    }

    fn fresh_iv(&self, r: ObjRef, len: usize) -> [u8; 16] {
        let c = self.counter.fetch_add(1, Ordering::Relaxed);
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let mut h = Sha256::new();
        h.update(b"kyso-pdf-aes-iv");
        h.update(&self.key);
        h.update(c.to_le_bytes());
        h.update(t.to_le_bytes());
        h.update(r.num.to_le_bytes());
        h.update(r.r#gen.to_le_bytes());
        h.update((len as u64).to_le_bytes());
        let d = h.finalize();
        let mut iv = [0u8; 16];
        iv.copy_from_slice(&d[..16]);
        iv
    }

    fn decrypt_with(&self, r: ObjRef, method: CryptMethod, data: &[u8]) -> Result<Vec<u8>> {
        match method {
            CryptMethod::Identity => Ok(data.to_vec()),
            CryptMethod::Rc4 => Ok(rc4(&self.object_key(r, method), data)),
            CryptMethod::AesV2 | CryptMethod::AesV3 => aes_decrypt(&self.object_key(r, method), data),
        }
    }

    fn encrypt_with(&self, r: ObjRef, method: CryptMethod, data: &[u8]) -> Result<Vec<u8>> {
        match method {
            CryptMethod::Identity => Ok(data.to_vec()),
            CryptMethod::Rc4 => Ok(rc4(&self.object_key(r, method), data)),
            CryptMethod::AesV2 | CryptMethod::AesV3 => {
                aes_encrypt(&self.object_key(r, method), &self.fresh_iv(r, data.len()), data)
            }
        }
    }

    /// Decrypt a string of object `r`.
    pub fn decrypt_string(&self, r: ObjRef, data: &[u8]) -> Result<Vec<u8>> {
        self.decrypt_with(r, self.string_method, data)
    }

    /// Encrypt a string of object `r` (AES: random-looking IV prepended).
    pub fn encrypt_string(&self, r: ObjRef, data: &[u8]) -> Result<Vec<u8>> {
        self.encrypt_with(r, self.string_method, data)
    }

    /// The method that applies to a stream with dictionary `dict`:
    /// Identity for xref streams, for metadata streams under
    /// `/EncryptMetadata false`, and per a `/Crypt` filter's /Name.
    pub fn stream_method_for(&self, dict: &Dict) -> Result<CryptMethod> {
        match dict.get_name(b"Type") {
            Some(b"XRef") => return Ok(CryptMethod::Identity),
            Some(b"Metadata") if !self.encrypt_metadata => return Ok(CryptMethod::Identity),
            _ => {}
        }
        // A /Crypt filter (must be first in the chain) names the filter.
        let (names, parms): (Vec<&[u8]>, Vec<Option<&Dict>>) = match dict.get(b"Filter") {
            Some(Object::Name(n)) => (vec![n.as_slice()], vec![dict.get(b"DecodeParms").and_then(Object::as_dict)]),
            Some(Object::Array(a)) => {
                let parms: Vec<Option<&Dict>> = match dict.get(b"DecodeParms") {
                    Some(Object::Array(p)) => p.iter().map(Object::as_dict).collect(),
                    Some(Object::Dict(d)) => vec![Some(d)],
                    _ => Vec::new(),
                };
                (a.iter().filter_map(Object::as_name).collect(), parms)
            }
            _ => (Vec::new(), Vec::new()),
        };
        if let Some(i) = names.iter().position(|n| *n == b"Crypt") {
            let name = parms.get(i).copied().flatten().and_then(|p| p.get_name(b"Name"));
            return match name {
                None | Some(b"Identity") => Ok(CryptMethod::Identity),
                Some(n) => self.filters.iter().find(|(k, _)| k.as_slice() == n).map(|(_, m)| *m).ok_or_else(|| {
                    PdfError::Filter {
                        msg: format!("crypt filter /{} is not defined in /CF", String::from_utf8_lossy(n)),
                    }
                }),
            };
        }
        Ok(self.stream_method)
    }

    /// Decrypt the data of a stream of object `r`.
    pub fn decrypt_stream(&self, r: ObjRef, dict: &Dict, data: &[u8]) -> Result<Vec<u8>> {
        self.decrypt_with(r, self.stream_method_for(dict)?, data)
    }

    /// Encrypt the data of a stream of object `r`.
    pub fn encrypt_stream(&self, r: ObjRef, dict: &Dict, data: &[u8]) -> Result<Vec<u8>> {
        self.encrypt_with(r, self.stream_method_for(dict)?, data)
    }

    /// Decrypt all strings and the stream data of indirect object `r` in
    /// place (`source` is the buffer `StreamData::Range` refers to; the
    /// decrypted data becomes `StreamData::Owned`). The /Encrypt object
    /// and the /Contents of signature dictionaries are left alone. A string
    /// that cannot be decrypted (malformed AES length) is kept as is.
    pub fn decrypt_object(&self, r: ObjRef, obj: &mut Object, source: &[u8]) -> Result<()> {
        if Some(r) == self.encrypt_ref {
            return Ok(());
        }
        if let Object::Stream(s) = obj {
            if s.dict.get_name(b"Type") == Some(b"XRef") {
                return Ok(());
            }
            let method = self.stream_method_for(&s.dict)?;
            if method != CryptMethod::Identity {
                let plain = self.decrypt_with(r, method, s.raw(source)?)?;
                s.data = StreamData::Owned(plain);
            }
            self.walk_dict(&mut s.dict, &mut |b| {
                if let Ok(p) = self.decrypt_string(r, b) {
                    *b = p;
                }
                Ok(())
            })?;
            return Ok(());
        }
        self.walk(obj, &mut |b| {
            if let Ok(p) = self.decrypt_string(r, b) {
                *b = p;
            }
            Ok(())
        })
    }

    /// A copy of indirect object `r` with strings and stream data
    /// encrypted (strings become hex strings), for writing. Same
    /// exemptions as [`SecurityHandler::decrypt_object`].
    pub fn encrypt_object(&self, r: ObjRef, obj: &Object, source: &[u8]) -> Result<Object> {
        let mut out = obj.clone();
        if Some(r) == self.encrypt_ref {
            return Ok(out);
        }
        let mut enc = |b: &mut Vec<u8>| -> Result<()> {
            *b = self.encrypt_string(r, b)?;
            Ok(())
        };
        if let Object::Stream(s) = &mut out {
            if s.dict.get_name(b"Type") == Some(b"XRef") {
                return Ok(out);
            }
            let method = self.stream_method_for(&s.dict)?;
            if method != CryptMethod::Identity {
                let c = self.encrypt_with(r, method, s.raw(source)?)?;
                s.data = StreamData::Owned(c);
            }
            self.walk_dict(&mut s.dict, &mut enc)?;
        } else {
            self.walk(&mut out, &mut enc)?;
        }
        mark_hex(&mut out);
        Ok(out)
    }

    fn walk(&self, obj: &mut Object, f: &mut dyn FnMut(&mut Vec<u8>) -> Result<()>) -> Result<()> {
        match obj {
            Object::String(s) => f(&mut s.bytes),
            Object::Array(a) => {
                for o in a {
                    self.walk(o, f)?;
                }
                Ok(())
            }
            Object::Dict(d) => self.walk_dict(d, f),
            // A direct stream inside another object is invalid PDF.
            Object::Stream(s) => self.walk_dict(&mut s.dict, f),
            _ => Ok(()),
        }
    }

    fn walk_dict(&self, d: &mut Dict, f: &mut dyn FnMut(&mut Vec<u8>) -> Result<()>) -> Result<()> {
        let sig = is_signature_dict(d);
        for (k, v) in d.iter_mut() {
            if sig && k == b"Contents" {
                continue;
            }
            self.walk(v, f)?;
        }
        Ok(())
    }
}

/// Encrypted strings are written as hex strings (binary in literal strings
/// is legal but fragile). The signature /Contents keeps its form.
fn mark_hex(obj: &mut Object) {
    match obj {
        Object::String(PdfString { hex, .. }) => *hex = true,
        Object::Array(a) => a.iter_mut().for_each(mark_hex),
        Object::Dict(d) => mark_hex_dict(d),
        Object::Stream(s) => mark_hex_dict(&mut s.dict),
        _ => {}
    }
}

fn mark_hex_dict(d: &mut Dict) {
    let sig = is_signature_dict(d);
    for (k, v) in d.iter_mut() {
        if !(sig && k == b"Contents") {
            mark_hex(v);
        }
    }
}

/// A signature dictionary (/Type /Sig or /DocTimeStamp, or an untyped
/// dictionary with /ByteRange and a string /Contents): its /Contents is
/// never encrypted.
pub fn is_signature_dict(d: &Dict) -> bool {
    match d.get_name(b"Type") {
        Some(b"Sig" | b"DocTimeStamp") => true,
        Some(_) => false,
        None => d.contains_key(b"ByteRange") && d.get(b"Contents").and_then(Object::as_string).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rc4_vectors() {
        // Wikipedia test vectors.
        assert_eq!(rc4(b"Key", b"Plaintext"), [0xBB, 0xF3, 0x16, 0xE8, 0xD9, 0x40, 0xAF, 0x0A, 0xD3]);
        assert_eq!(rc4(b"Wiki", b"pedia"), [0x10, 0x21, 0xBF, 0x04, 0x20]);
        assert_eq!(rc4(b"Key", &rc4(b"Key", b"abc")), b"abc");
    }

    #[test]
    fn aes_round_trip() {
        for key in [vec![7u8; 16], vec![9u8; 32]] {
            for len in [0usize, 1, 15, 16, 17, 100] {
                let data: Vec<u8> = (0..len).map(|i| i as u8).collect();
                let c = aes_encrypt(&key, &[3u8; 16], &data).unwrap();
                assert_eq!(c.len(), 16 + (len / 16 + 1) * 16);
                assert_eq!(aes_decrypt(&key, &c).unwrap(), data);
            }
        }
        assert!(aes_decrypt(&[0u8; 16], &[1u8; 5]).is_err());
        assert!(aes_decrypt(&[0u8; 16], &[1u8; 20]).is_err());
        assert_eq!(aes_decrypt(&[0u8; 16], &[]).unwrap(), b"");
    }

    #[test]
    fn pad() {
        assert_eq!(pad_password(b""), PAD);
        let p = pad_password(b"ab");
        assert_eq!(&p[..2], b"ab");
        assert_eq!(&p[2..], &PAD[..30]);
    }
}

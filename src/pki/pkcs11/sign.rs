//! Signing on a token: [`TokenKey`] picks the mechanism (hash-and-sign on the token when it
//! offers one, else a host digest and the raw mechanism), remembers what a token refused, and
//! turns ECDSA's raw `r || s` into the DER `Ecdsa-Sig-Value` the rest of kyso expects.

use super::*;
use crate::pki::alg::DigestAlg;
// ---------------------------------------------------------------------------
// Signing key
// ---------------------------------------------------------------------------

pub(super) struct KeyShared {
    pub(super) slot: Slot,
    pub(super) handle: ObjectHandle,
    pub(super) kind: KeyKind,
    pub(super) label: String,
    pub(super) id: Vec<u8>,
    pub(super) certificate: Option<Vec<u8>>,
    /// Mechanisms advertised by the token (`None` if the list is unavailable).
    pub(super) mechanisms: Option<HashSet<u64>>,
    /// Bit per [`Mechanism`]: the hash-and-sign mechanism failed at run time.
    pub(super) combined_failed: AtomicU16,
    pub(super) host_hashing: AtomicBool,
    /// Kept (zeroized on drop) only to log in forked sessions on drivers that
    /// do not share the login state between sessions.
    pub(super) pin: Zeroizing<Vec<u8>>,
    pub(super) module: Pkcs11Module,
}

/// A private key on a logged-in token session.
///
/// `TokenKey` is `Send + Sync`: methods take `&self` and serialize on an
/// internal mutex, so a batch may share one key; for parallel signing give
/// each worker its own session with [`TokenKey::fork`].
pub struct TokenKey {
    // Field order matters: the session must close before the module (held
    // in `shared`) may be finalized.
    pub(super) session: Mutex<Session>,
    pub(super) shared: Arc<KeyShared>,
}

impl fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenKey")
            .field("slot", &self.shared.slot.id())
            .field("label", &self.shared.label)
            .field("id", &hex::encode(&self.shared.id))
            .field("kind", &self.shared.kind)
            .finish_non_exhaustive()
    }
}

impl TokenKey {
    /// DER certificate object with the key's `CKA_ID` (or, if the key has
    /// no id / no such certificate exists, the key's `CKA_LABEL`).
    pub fn certificate_der(&self) -> Option<Vec<u8>> {
        self.shared.certificate.clone()
    }

    /// Like [`TokenKey::certificate_der`], as a `Result`.
    pub fn require_certificate_der(&self) -> Result<Vec<u8>, P11Error> {
        self.certificate_der().ok_or(P11Error::CertificateNotFound)
    }

    /// Key algorithm and size.
    pub fn key_type(&self) -> KeyKind {
        self.shared.kind
    }

    /// `CKA_LABEL` of the key.
    pub fn label(&self) -> &str {
        &self.shared.label
    }

    /// `CKA_ID` of the key.
    pub fn id(&self) -> &[u8] {
        &self.shared.id
    }

    /// Slot id of the token.
    pub fn slot_id(&self) -> u64 {
        self.shared.slot.id()
    }

    /// Always hash on the host and use the raw mechanisms (`CKM_RSA_PKCS`
    /// over a DigestInfo, `CKM_RSA_PKCS_PSS` over the digest), for drivers
    /// whose hash-and-sign mechanisms are broken. Shared with forks.
    pub fn set_host_hashing(&self, on: bool) {
        self.shared.host_hashing.store(on, Ordering::Relaxed);
    }

    /// Upper bound of the length of signatures from [`TokenKey::sign`].
    pub fn max_signature_len(&self) -> usize {
        match self.shared.kind {
            KeyKind::Rsa { bits } => bits.div_ceil(8),
            // SEQUENCE(2) + 2 * INTEGER(2 + 33)
            KeyKind::EcP256 => 72,
        }
    }

    /// Sign `msg` (the data itself, not a digest).
    ///
    /// RSA results are the raw signature (modulus length); ECDSA results are
    /// a DER `Ecdsa-Sig-Value`.
    pub fn sign(&self, mech: Mechanism, msg: &[u8]) -> Result<Vec<u8>, P11Error> {
        let sh = &self.shared;
        match (mech.family(), sh.kind) {
            (Family::Pkcs1 | Family::Pss, KeyKind::Rsa { .. }) => {}
            (Family::Ecdsa, KeyKind::EcP256) => {}
            (_, kind) => {
                return Err(P11Error::Mechanism(format!("{mech} cannot be used with a {} key", kind_name(kind))));
            }
        }
        let hash = mech.hash();
        let ck = ck_digest(hash)?;
        let session = self.session.lock().unwrap_or_else(|p| p.into_inner());

        match mech.family() {
            Family::Ecdsa => {
                let mut digest = hash.digest(msg);
                // FIPS 186-4: use the leftmost bits of the digest when it is
                // longer than the group order (256 bits for P-256). Done here
                // because some tokens answer CKR_DATA_LEN_RANGE instead.
                digest.truncate(32);
                let raw = session
                    .sign(&CkMechanism::Ecdsa, sh.handle, &digest)
                    .map_err(|e| ck_err(e, "signing (CKM_ECDSA)"))?;
                ecdsa_raw_to_der(&raw)
            }
            Family::Pkcs1 => {
                if self.use_combined(mech) {
                    let m = match hash {
                        DigestAlg::Sha384 => CkMechanism::Sha384RsaPkcs,
                        DigestAlg::Sha512 => CkMechanism::Sha512RsaPkcs,
                        _ => CkMechanism::Sha256RsaPkcs,
                    };
                    match session.sign(&m, sh.handle, msg) {
                        Ok(sig) => return Ok(sig),
                        Err(e) if is_mechanism_failure(&e) => self.mark_failed(mech),
                        Err(e) => return Err(ck_err(e, &format!("signing ({mech})"))),
                    }
                }
                let digest = hash.digest(msg);
                let mut info = Vec::with_capacity(19 + digest.len());
                info.extend_from_slice(ck.digest_info_prefix);
                info.extend_from_slice(&digest);
                session.sign(&CkMechanism::RsaPkcs, sh.handle, &info).map_err(|e| ck_err(e, "signing (CKM_RSA_PKCS)"))
            }
            Family::Pss => {
                let params =
                    PkcsPssParams { hash_alg: ck.ck_type, mgf: ck.mgf, s_len: Ulong::from(hash.output_len() as u64) };
                if self.use_combined(mech) {
                    let m = match hash {
                        DigestAlg::Sha384 => CkMechanism::Sha384RsaPkcsPss(params),
                        DigestAlg::Sha512 => CkMechanism::Sha512RsaPkcsPss(params),
                        _ => CkMechanism::Sha256RsaPkcsPss(params),
                    };
                    match session.sign(&m, sh.handle, msg) {
                        Ok(sig) => return Ok(sig),
                        Err(e) if is_mechanism_failure(&e) => self.mark_failed(mech),
                        Err(e) => return Err(ck_err(e, &format!("signing ({mech})"))),
                    }
                }
                let digest = hash.digest(msg);
                session
                    .sign(&CkMechanism::RsaPkcsPss(params), sh.handle, &digest)
                    .map_err(|e| ck_err(e, "signing (CKM_RSA_PKCS_PSS)"))
            }
        }
    }

    /// Open another logged-in session on the same token and key, for
    /// another worker thread.
    pub fn fork(&self) -> Result<TokenKey, P11Error> {
        let sh = &self.shared;
        let ctx = sh.module.ctx();
        let session = ctx.open_ro_session(sh.slot).map_err(|e| ck_err(e, "opening a session"))?;
        // PKCS#11 shares the login state between the sessions of an
        // application, so this is normally already logged in.
        let state = session.get_session_info().map_err(|e| ck_err(e, "reading session info"))?.session_state();
        if !matches!(state, SessionState::RoUser | SessionState::RwUser) {
            let ti = ctx.get_token_info(sh.slot).map_err(|e| ck_err(e, "reading token info"))?;
            login(ctx, &session, sh.slot, &ti, &sh.pin)?;
        }
        Ok(TokenKey { session: Mutex::new(session), shared: Arc::clone(sh) })
    }

    fn use_combined(&self, mech: Mechanism) -> bool {
        let sh = &self.shared;
        if sh.host_hashing.load(Ordering::Relaxed) {
            return false;
        }
        if sh.combined_failed.load(Ordering::Relaxed) & mech.bit() != 0 {
            return false;
        }
        let ty = match mech {
            Mechanism::RsaPkcs1Sha256 => MechanismType::SHA256_RSA_PKCS,
            Mechanism::RsaPkcs1Sha384 => MechanismType::SHA384_RSA_PKCS,
            Mechanism::RsaPkcs1Sha512 => MechanismType::SHA512_RSA_PKCS,
            Mechanism::RsaPssSha256 => MechanismType::SHA256_RSA_PKCS_PSS,
            Mechanism::RsaPssSha384 => MechanismType::SHA384_RSA_PKCS_PSS,
            Mechanism::RsaPssSha512 => MechanismType::SHA512_RSA_PKCS_PSS,
            _ => return false,
        };
        sh.mechanisms.as_ref().is_none_or(|set| set.contains(&mech_id(ty)))
    }

    fn mark_failed(&self, mech: Mechanism) {
        self.shared.combined_failed.fetch_or(mech.bit(), Ordering::Relaxed);
    }
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

#[derive(Clone, Copy)]
pub(super) enum Family {
    Pkcs1,
    Pss,
    Ecdsa,
}

/// PKCS#11's side of the digests its hash-and-sign mechanisms use ([`Mechanism::hash`] names
/// SHA-256, SHA-384 and SHA-512 only): the hash mechanism and MGF1 of RSA-PSS, and the DER
/// `DigestInfo` header of PKCS#1 v1.5 (RFC 8017 §9.2 note 1).
pub(super) struct CkDigest {
    pub(super) ck_type: MechanismType,
    pub(super) mgf: PkcsMgfType,
    pub(super) digest_info_prefix: &'static [u8],
}

pub(super) fn ck_digest(d: DigestAlg) -> Result<CkDigest, P11Error> {
    let (ck_type, mgf, digest_info_prefix): (_, _, &'static [u8]) = match d {
        DigestAlg::Sha256 => (
            MechanismType::SHA256,
            PkcsMgfType::MGF1_SHA256,
            &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
                0x04, 0x20,
            ],
        ),
        DigestAlg::Sha384 => (
            MechanismType::SHA384,
            PkcsMgfType::MGF1_SHA384,
            &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00,
                0x04, 0x30,
            ],
        ),
        DigestAlg::Sha512 => (
            MechanismType::SHA512,
            PkcsMgfType::MGF1_SHA512,
            &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00,
                0x04, 0x40,
            ],
        ),
        other => return Err(P11Error::Mechanism(format!("no PKCS#11 signing mechanism uses {}", other.name()))),
    };
    Ok(CkDigest { ck_type, mgf, digest_info_prefix })
}

/// Raw `r || s` (each half the same length) to DER `Ecdsa-Sig-Value`.
pub(super) fn ecdsa_raw_to_der(raw: &[u8]) -> Result<Vec<u8>, P11Error> {
    if raw.is_empty() || !raw.len().is_multiple_of(2) {
        return Err(P11Error::Pkcs11(format!("token returned a malformed ECDSA signature ({} bytes)", raw.len())));
    }
    let (r, s) = raw.split_at(raw.len() / 2);
    let mut body = Vec::with_capacity(raw.len() + 8);
    der_integer(&mut body, r);
    der_integer(&mut body, s);
    let mut out = Vec::with_capacity(body.len() + 4);
    out.push(0x30);
    der_len(&mut out, body.len());
    out.extend_from_slice(&body);
    Ok(out)
}

pub(super) fn der_integer(out: &mut Vec<u8>, be: &[u8]) {
    let start = be.iter().position(|&b| b != 0).unwrap_or(be.len());
    let v = &be[start..];
    out.push(0x02);
    if v.is_empty() {
        out.extend_from_slice(&[0x01, 0x00]);
        return;
    }
    let pad = v[0] & 0x80 != 0;
    der_len(out, v.len() + usize::from(pad));
    if pad {
        out.push(0);
    }
    out.extend_from_slice(v);
}

pub(super) fn der_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len() - 1);
        out.push(0x80 | (bytes.len() - start) as u8);
        out.extend_from_slice(&bytes[start..]);
    }
}

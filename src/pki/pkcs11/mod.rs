//! Hardware-token (PKCS#11) key source.
//!
//! Vietnamese clerks sign with USB tokens through each CA's PKCS#11 driver
//! (VNPT-CA, Viettel-CA, BKAV-CA, FPT-CA, ...). This module loads such a
//! driver with [`cryptoki`], selects a token and a private key, logs in with
//! the user PIN and produces signatures in the formats the rest of the
//! signing pipeline expects:
//!
//! * RSA PKCS#1 v1.5 and RSA-PSS: the raw signature block (modulus length);
//! * ECDSA: a DER `Ecdsa-Sig-Value` (`SEQUENCE { r INTEGER, s INTEGER }`),
//!   converted from the raw `r || s` returned by the token.
//!
//! [`TokenKey::sign`] always takes the *message* (not a digest). When the
//! token advertises a hash-and-sign mechanism (`CKM_SHA256_RSA_PKCS`, ...)
//! it is used; otherwise (or if the token rejects it with
//! `CKR_MECHANISM_INVALID`/`CKR_MECHANISM_PARAM_INVALID`/
//! `CKR_FUNCTION_NOT_SUPPORTED`) the digest is computed on the host and the
//! raw mechanism (`CKM_RSA_PKCS` over a DER `DigestInfo`, `CKM_RSA_PKCS_PSS`
//! over the digest) is used. ECDSA always hashes on the host (`CKM_ECDSA`).
//!
//! PINs are accepted as `&[u8]` and only ever copied into
//! [`zeroize::Zeroizing`] buffers or cryptoki's `RawAuthPin` (a
//! zeroize-on-drop `secrecy` box). They are never formatted or logged.
//!
//! This file owns loading a driver, its slots and tokens, sessions and login; signing
//! mechanisms live in [`sign`] ([`TokenKey`]), object search in [`objects`]. May import
//! [`crate::pki`]'s types; knows nothing of documents.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU16, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, Weak};
use std::time::{Duration, Instant};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::rsa::{PkcsMgfType, PkcsPssParams};
use cryptoki::mechanism::{Mechanism as CkMechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, SessionState, UserType};
use cryptoki::slot::{Slot, TokenInfo};
use cryptoki::types::{RawAuthPin, Ulong};
use der::{Decode, Reader};
use zeroize::Zeroizing;

mod objects;
mod sign;

use objects::*;
pub use sign::TokenKey;
use sign::*;

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

/// Signature mechanism requested by the caller. The message passed to
/// [`TokenKey::sign`] is hashed with the named hash (by the token or on the
/// host, see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mechanism {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RsaPkcs1Sha256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RsaPkcs1Sha384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RsaPkcs1Sha512,
    /// RSASSA-PSS, SHA-256, MGF1-SHA-256, salt length 32.
    RsaPssSha256,
    /// RSASSA-PSS, SHA-384, MGF1-SHA-384, salt length 48.
    RsaPssSha384,
    /// RSASSA-PSS, SHA-512, MGF1-SHA-512, salt length 64.
    RsaPssSha512,
    /// ECDSA with SHA-256; DER `Ecdsa-Sig-Value` output.
    EcdsaSha256,
    /// ECDSA with SHA-384; DER `Ecdsa-Sig-Value` output.
    EcdsaSha384,
    /// ECDSA with SHA-512; DER `Ecdsa-Sig-Value` output.
    EcdsaSha512,
}

impl Mechanism {
    /// Every mechanism, in declaration order.
    pub const ALL: [Mechanism; 9] = [
        Mechanism::RsaPkcs1Sha256,
        Mechanism::RsaPkcs1Sha384,
        Mechanism::RsaPkcs1Sha512,
        Mechanism::RsaPssSha256,
        Mechanism::RsaPssSha384,
        Mechanism::RsaPssSha512,
        Mechanism::EcdsaSha256,
        Mechanism::EcdsaSha384,
        Mechanism::EcdsaSha512,
    ];

    /// A short, stable name (`"RSA-PKCS1-SHA256"`, `"ECDSA-SHA384"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Mechanism::RsaPkcs1Sha256 => "RSA-PKCS1-SHA256",
            Mechanism::RsaPkcs1Sha384 => "RSA-PKCS1-SHA384",
            Mechanism::RsaPkcs1Sha512 => "RSA-PKCS1-SHA512",
            Mechanism::RsaPssSha256 => "RSA-PSS-SHA256",
            Mechanism::RsaPssSha384 => "RSA-PSS-SHA384",
            Mechanism::RsaPssSha512 => "RSA-PSS-SHA512",
            Mechanism::EcdsaSha256 => "ECDSA-SHA256",
            Mechanism::EcdsaSha384 => "ECDSA-SHA384",
            Mechanism::EcdsaSha512 => "ECDSA-SHA512",
        }
    }

    /// The digest the mechanism signs with (one of SHA-256, SHA-384, SHA-512).
    fn hash(self) -> crate::pki::alg::DigestAlg {
        use crate::pki::alg::DigestAlg;
        match self {
            Mechanism::RsaPkcs1Sha256 | Mechanism::RsaPssSha256 | Mechanism::EcdsaSha256 => DigestAlg::Sha256,
            Mechanism::RsaPkcs1Sha384 | Mechanism::RsaPssSha384 | Mechanism::EcdsaSha384 => DigestAlg::Sha384,
            Mechanism::RsaPkcs1Sha512 | Mechanism::RsaPssSha512 | Mechanism::EcdsaSha512 => DigestAlg::Sha512,
        }
    }

    fn family(self) -> Family {
        match self {
            Mechanism::RsaPkcs1Sha256 | Mechanism::RsaPkcs1Sha384 | Mechanism::RsaPkcs1Sha512 => Family::Pkcs1,
            Mechanism::RsaPssSha256 | Mechanism::RsaPssSha384 | Mechanism::RsaPssSha512 => Family::Pss,
            Mechanism::EcdsaSha256 | Mechanism::EcdsaSha384 | Mechanism::EcdsaSha512 => Family::Ecdsa,
        }
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for Mechanism {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which token to use. Give at most one of the fields (if both are given,
/// both must match); with neither, the only initialized token present is
/// used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenSelector {
    /// Token label (`CKA_LABEL` of the token, compared after trimming the
    /// blank padding).
    pub label: Option<String>,
    /// PKCS#11 slot id, as shown by [`Pkcs11Module::list`].
    pub slot: Option<u64>,
}

/// Which private key to use. With neither field the only private key on the
/// token is used; with both, both must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeySelector {
    /// `CKA_LABEL` of the private key (exact match).
    pub label: Option<String>,
    /// `CKA_ID` of the private key (exact match).
    pub id: Option<Vec<u8>>,
}

/// Hint read from the token flags after a failed login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinHint {
    /// `CKF_USER_PIN_COUNT_LOW`: few tries left.
    CountLow,
    /// `CKF_USER_PIN_FINAL_TRY`: one try left.
    FinalTry,
    /// `CKF_USER_PIN_LOCKED`: this failure locked the PIN.
    Locked,
}

/// Errors of the PKCS#11 key source. `Display` is English;
/// [`P11Error::message_vi`] gives the Vietnamese text for the clerk.
#[derive(Debug)]
pub enum P11Error {
    /// The driver could not be loaded or initialized.
    ModuleLoad {
        /// Path given to [`Pkcs11Module::load`].
        path: PathBuf,
        /// Technical detail (English).
        detail: String,
    },
    /// No (initialized) token is present, or it was removed.
    NoToken,
    /// No token matches the selector (the string describes the selector).
    TokenNotFound(String),
    /// Several tokens match; descriptions of the candidates.
    AmbiguousToken(Vec<String>),
    /// `CKR_PIN_INCORRECT` (or `CKR_PIN_LEN_RANGE` / `CKR_PIN_INVALID`).
    WrongPin {
        /// Hint from the token flags read after the failure.
        tries_left_hint: Option<PinHint>,
    },
    /// `CKR_PIN_LOCKED`: the user PIN is blocked.
    PinLocked,
    /// No private key matches the selector (the string describes it).
    KeyNotFound(String),
    /// Several private keys match; descriptions of the candidates.
    AmbiguousKey(Vec<String>),
    /// No certificate object belongs to the key.
    CertificateNotFound,
    /// Mechanism not usable with this key / token.
    Mechanism(String),
    /// Any other PKCS#11 failure.
    Pkcs11(String),
}

impl fmt::Display for P11Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            P11Error::ModuleLoad { path, detail } => {
                write!(f, "cannot load PKCS#11 module {}: {detail}", path.display())
            }
            P11Error::NoToken => f.write_str("no token present: plug in the USB token"),
            P11Error::TokenNotFound(what) => write!(f, "no token matches {what}"),
            P11Error::AmbiguousToken(c) => {
                write!(f, "several tokens present ({}); select one by label or slot", c.join("; "))
            }
            P11Error::WrongPin { tries_left_hint } => {
                f.write_str("wrong PIN")?;
                match tries_left_hint {
                    None => Ok(()),
                    Some(PinHint::CountLow) => f.write_str(" (few tries left)"),
                    Some(PinHint::FinalTry) => f.write_str(" (one try left before the token locks)"),
                    Some(PinHint::Locked) => f.write_str(" (the PIN is now locked)"),
                }
            }
            P11Error::PinLocked => f.write_str("the token PIN is locked; contact your certificate authority"),
            P11Error::KeyNotFound(what) => write!(f, "no private key matches {what}"),
            P11Error::AmbiguousKey(c) => {
                write!(f, "several private keys on the token ({}); select one by label or id", c.join("; "))
            }
            P11Error::CertificateNotFound => f.write_str("no certificate for the selected key on the token"),
            P11Error::Mechanism(d) => write!(f, "unsupported signature mechanism: {d}"),
            P11Error::Pkcs11(d) => write!(f, "PKCS#11 error: {d}"),
        }
    }
}

impl std::error::Error for P11Error {}

impl P11Error {
    /// Vietnamese message (with full diacritics) for display to the clerk.
    pub fn message_vi(&self) -> String {
        match self {
            P11Error::ModuleLoad { path, detail } => format!(
                "Không thể nạp thư viện PKCS#11 {}: {detail}. Hãy kiểm tra đã cài trình điều khiển (driver) của token chưa.",
                path.display()
            ),
            P11Error::NoToken => "Không tìm thấy token. Vui lòng cắm USB token vào máy.".to_string(),
            P11Error::TokenNotFound(what) => format!("Không tìm thấy token khớp với {what}."),
            P11Error::AmbiguousToken(c) => {
                format!("Có nhiều token đang cắm ({}). Vui lòng chọn token theo nhãn hoặc số khe.", c.join("; "))
            }
            P11Error::WrongPin { tries_left_hint } => {
                let mut s = "Mã PIN không đúng.".to_string();
                match tries_left_hint {
                    None => {}
                    Some(PinHint::CountLow) => s.push_str(" Chỉ còn ít lần thử."),
                    Some(PinHint::FinalTry) => s.push_str(" Chỉ còn một lần thử trước khi token bị khóa."),
                    Some(PinHint::Locked) => s.push_str(" Mã PIN đã bị khóa."),
                }
                s
            }
            P11Error::PinLocked => {
                "Mã PIN của token đã bị khóa. Vui lòng liên hệ nhà cung cấp chứng thư số.".to_string()
            }
            P11Error::KeyNotFound(what) => {
                format!("Không tìm thấy khóa bí mật khớp với {what} trên token.")
            }
            P11Error::AmbiguousKey(c) => format!(
                "Token có nhiều khóa bí mật ({}). Vui lòng chọn khóa theo nhãn hoặc mã định danh.",
                c.join("; ")
            ),
            P11Error::CertificateNotFound => "Không tìm thấy chứng thư số của khóa đã chọn trên token.".to_string(),
            P11Error::Mechanism(d) => format!("Cơ chế ký không được hỗ trợ: {d}"),
            P11Error::Pkcs11(d) => format!("Lỗi PKCS#11: {d}"),
        }
    }
}

/// Type of the selected key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA with the given modulus size in bits.
    Rsa {
        /// Modulus length in bits.
        bits: usize,
    },
    /// ECDSA on NIST P-256 (secp256r1).
    EcP256,
}

/// One object on a token, as shown by [`Pkcs11Module::list`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectInfo {
    /// `"private-key"`, `"certificate"` or `"public-key"`.
    pub kind: &'static str,
    /// `CKA_LABEL` (lossy UTF-8).
    pub label: String,
    /// `CKA_ID`, lower-case hex.
    pub id_hex: String,
    /// `"RSA-2048"`, `"EC-P256"`, `"EC"`, ... for keys.
    pub key_type: Option<String>,
    /// Subject DN (RFC 4514 via x509-cert), for certificates (and keys with
    /// a `CKA_SUBJECT`).
    pub subject: Option<String>,
}

/// One slot with an initialized token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotInfo {
    /// PKCS#11 slot id.
    pub slot_id: u64,
    /// Token label (blank padding trimmed); `None` if empty.
    pub token_label: Option<String>,
    /// Token manufacturer.
    pub manufacturer: String,
    /// Token model.
    pub model: String,
    /// Token serial number.
    pub serial: String,
    /// Objects visible in the session (private keys only after login).
    pub objects: Vec<ObjectInfo>,
}

// ---------------------------------------------------------------------------
// Module loading
// ---------------------------------------------------------------------------

struct ModuleInner {
    ctx: Pkcs11,
    key: PathBuf,
    owns_init: bool,
}

type Registry = Mutex<Vec<(PathBuf, Weak<ModuleInner>)>>;

fn registry() -> MutexGuard<'static, Vec<(PathBuf, Weak<ModuleInner>)>> {
    static REG: OnceLock<Registry> = OnceLock::new();
    REG.get_or_init(|| Mutex::new(Vec::new())).lock().unwrap_or_else(|p| p.into_inner())
}

impl Drop for ModuleInner {
    fn drop(&mut self) {
        // Finalize under the registry lock so a concurrent `load` of the
        // same library waits for us instead of racing C_Initialize.
        let mut reg = registry();
        if self.owns_init {
            let _ = self.ctx.clone().finalize();
        }
        reg.retain(|(p, w)| !(p == &self.key && w.strong_count() == 0));
    }
}

/// A loaded and initialized PKCS#11 driver.
///
/// A library is loaded and `C_Initialize`d (with `CKF_OS_LOCKING_OK`) once
/// per process: loading the same path again shares the instance. The
/// library is finalized when the last `Pkcs11Module` and every
/// [`TokenKey`] made from it are dropped.
#[derive(Clone)]
pub struct Pkcs11Module {
    inner: Arc<ModuleInner>,
}

impl fmt::Debug for Pkcs11Module {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pkcs11Module").field("path", &self.inner.key).finish()
    }
}

impl Pkcs11Module {
    /// Load and initialize the driver at `path`.
    pub fn load(path: &Path) -> Result<Self, P11Error> {
        let load_err = |detail: String| P11Error::ModuleLoad { path: path.to_path_buf(), detail };
        // A bare file name ("libfoo.so") is left to the dynamic loader's
        // search path; anything with a directory must exist.
        let is_bare = path.components().count() == 1;
        if !is_bare && !path.exists() {
            return Err(load_err("file does not exist".into()));
        }
        if !is_bare && path.is_dir() {
            return Err(load_err("path is a directory, not a library".into()));
        }
        let key = if is_bare { path.to_path_buf() } else { path.canonicalize().unwrap_or_else(|_| path.to_path_buf()) };

        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let mut reg = registry();
            let existing = reg.iter().find(|(p, _)| p == &key).map(|(_, w)| w.clone());
            if let Some(w) = existing {
                if let Some(inner) = w.upgrade() {
                    return Ok(Pkcs11Module { inner });
                }
                if Instant::now() < deadline {
                    // Being finalized by another thread: wait for it.
                    drop(reg);
                    std::thread::sleep(Duration::from_millis(2));
                    continue;
                }
                reg.retain(|(p, w)| !(p == &key && w.strong_count() == 0));
            }

            let ctx = Pkcs11::new(&key).map_err(|e| {
                load_err(match e {
                    CkError::LibraryLoading(e) => format!("cannot open the library: {e}"),
                    CkError::MissingSymbol(s) => {
                        format!("not a PKCS#11 library (symbol {s} is missing)")
                    }
                    CkError::NullFunctionPointer => {
                        "not a PKCS#11 library (C_GetFunctionList returned no functions)".into()
                    }
                    other => format!("not a usable PKCS#11 library: {other}"),
                })
            })?;
            let owns_init = match ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
                Ok(()) => true,
                Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => false,
                Err(e) => return Err(load_err(format!("C_Initialize failed: {}", ck_text(&e)))),
            };
            let inner = Arc::new(ModuleInner { ctx, key: key.clone(), owns_init });
            reg.push((key, Arc::downgrade(&inner)));
            return Ok(Pkcs11Module { inner });
        }
    }

    fn ctx(&self) -> &Pkcs11 {
        &self.inner.ctx
    }

    /// List every slot holding an initialized token with its objects.
    ///
    /// Without a PIN only public objects are listed (certificates, public
    /// keys; most tokens hide private keys until login). With a PIN the
    /// token is logged in first; to avoid burning PIN tries on the wrong
    /// token this is refused with [`P11Error::AmbiguousToken`] when several
    /// tokens are present — use [`Pkcs11Module::list_token`] then.
    pub fn list(&self, pin: Option<&[u8]>) -> Result<Vec<SlotInfo>, P11Error> {
        let slots = self.token_slots()?;
        if pin.is_some() && slots.len() > 1 {
            return Err(P11Error::AmbiguousToken(slots.iter().map(|(s, ti)| describe_token(*s, ti)).collect()));
        }
        let mut out = Vec::with_capacity(slots.len());
        for (slot, ti) in &slots {
            match self.slot_info(*slot, ti, pin) {
                Ok(info) => out.push(info),
                // Token pulled out while listing: skip it.
                Err(P11Error::NoToken) if pin.is_none() => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Like [`Pkcs11Module::list`] for one selected token.
    pub fn list_token(&self, token: &TokenSelector, pin: Option<&[u8]>) -> Result<SlotInfo, P11Error> {
        let (slot, ti) = self.select_token(token)?;
        self.slot_info(slot, &ti, pin)
    }

    /// Select a token and a private key, log in with `pin` and return a
    /// signing handle.
    ///
    /// An empty `pin` on a token with a protected authentication path (PIN
    /// pad) logs in through the pad.
    ///
    /// PKCS#11 login state is per process and token: while another session
    /// of this process is logged in to the token (e.g. an open [`TokenKey`]),
    /// the driver answers `CKR_USER_ALREADY_LOGGED_IN` without checking the
    /// PIN, and this call succeeds whatever `pin` is.
    pub fn open_key(&self, token: &TokenSelector, key: &KeySelector, pin: &[u8]) -> Result<TokenKey, P11Error> {
        let pin = Zeroizing::new(pin.to_vec());
        let (slot, ti) = self.select_token(token)?;
        let session = self.ctx().open_ro_session(slot).map_err(|e| ck_err(e, "opening a session"))?;
        login(self.ctx(), &session, slot, &ti, &pin)?;

        let handle = select_key(&session, key)?;
        let attrs = session
            .get_attributes(handle, &[AttributeType::Label, AttributeType::Id])
            .map_err(|e| ck_err(e, "reading key attributes"))?;
        let mut label = String::new();
        let mut id = Vec::new();
        for a in attrs {
            match a {
                Attribute::Label(l) => label = String::from_utf8_lossy(&l).into_owned(),
                Attribute::Id(i) => id = i,
                _ => {}
            }
        }
        let certificate = find_certificate(&session, &id, &label);
        let kind = detect_key_kind(&session, handle, &id, certificate.as_deref())?;
        let mechanisms = self
            .ctx()
            .get_mechanism_list(slot)
            .ok()
            .map(|list| list.into_iter().map(mech_id).collect::<HashSet<u64>>());

        Ok(TokenKey {
            session: Mutex::new(session),
            shared: Arc::new(KeyShared {
                slot,
                handle,
                kind,
                label,
                id,
                certificate,
                mechanisms,
                combined_failed: AtomicU16::new(0),
                host_hashing: AtomicBool::new(false),
                pin,
                module: self.clone(),
            }),
        })
    }

    /// Slots with an initialized token and their token info.
    fn token_slots(&self) -> Result<Vec<(Slot, TokenInfo)>, P11Error> {
        let slots = self.ctx().get_slots_with_initialized_token().map_err(|e| ck_err(e, "listing slots"))?;
        let mut out = Vec::with_capacity(slots.len());
        for slot in slots {
            match self.ctx().get_token_info(slot) {
                Ok(ti) => out.push((slot, ti)),
                Err(CkError::Pkcs11(
                    RvError::TokenNotPresent | RvError::DeviceRemoved | RvError::TokenNotRecognized,
                    _,
                )) => {}
                Err(e) => return Err(ck_err(e, "reading token info")),
            }
        }
        Ok(out)
    }

    fn select_token(&self, sel: &TokenSelector) -> Result<(Slot, TokenInfo), P11Error> {
        let slots = self.token_slots()?;
        if slots.is_empty() {
            return Err(P11Error::NoToken);
        }
        let want_label = sel.label.as_deref().map(str::trim);
        let mut matches: Vec<(Slot, TokenInfo)> = slots
            .into_iter()
            .filter(|(s, ti)| {
                want_label.is_none_or(|l| ti.label().trim() == l) && sel.slot.is_none_or(|id| s.id() == id)
            })
            .collect();
        match matches.len() {
            1 => Ok(matches.remove(0)),
            0 => Err(P11Error::TokenNotFound(describe_token_selector(sel))),
            _ => Err(P11Error::AmbiguousToken(matches.iter().map(|(s, ti)| describe_token(*s, ti)).collect())),
        }
    }

    fn slot_info(&self, slot: Slot, ti: &TokenInfo, pin: Option<&[u8]>) -> Result<SlotInfo, P11Error> {
        let session = self.ctx().open_ro_session(slot).map_err(|e| ck_err(e, "opening a session"))?;
        if let Some(pin) = pin {
            let pin = Zeroizing::new(pin.to_vec());
            login(self.ctx(), &session, slot, ti, &pin)?;
        }
        let mut objects = Vec::new();
        for (class, kind) in [
            (ObjectClass::PRIVATE_KEY, "private-key"),
            (ObjectClass::CERTIFICATE, "certificate"),
            (ObjectClass::PUBLIC_KEY, "public-key"),
        ] {
            let handles = session
                .find_objects(&[Attribute::Token(true), Attribute::Class(class)])
                .map_err(|e| ck_err(e, "searching objects"))?;
            for h in handles {
                objects.push(object_info(&session, h, class, kind)?);
            }
        }
        let label = ti.label().trim();
        Ok(SlotInfo {
            slot_id: slot.id(),
            token_label: (!label.is_empty()).then(|| label.to_string()),
            manufacturer: ti.manufacturer_id().trim().to_string(),
            model: ti.model().trim().to_string(),
            serial: ti.serial_number().trim().to_string(),
            objects,
        })
    }
}

/// DER of the namedCurve OID prime256v1 / secp256r1 (1.2.840.10045.3.1.7).
const P256_PARAMS: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const P256_OID: &str = "1.2.840.10045.3.1.7";
const RSA_OID: &str = "1.2.840.113549.1.1.1";
const EC_OID: &str = "1.2.840.10045.2.1";

/// Mechanism number as `u64` (`CK_ULONG` is 32 bits on Windows).
#[allow(clippy::useless_conversion)]
fn mech_id(m: MechanismType) -> u64 {
    u64::from(*m)
}

fn kind_name(kind: KeyKind) -> String {
    match kind {
        KeyKind::Rsa { bits } => format!("RSA-{bits}"),
        KeyKind::EcP256 => "EC-P256".into(),
    }
}

fn ck_text(e: &CkError) -> String {
    match e {
        CkError::Pkcs11(rv, func) => format!("C_{func:?} returned {rv:?}"),
        other => other.to_string(),
    }
}

/// Map a cryptoki error; `what` says what we were doing.
fn ck_err(e: CkError, what: &str) -> P11Error {
    match &e {
        CkError::Pkcs11(rv, _) => match rv {
            RvError::TokenNotPresent | RvError::DeviceRemoved | RvError::TokenNotRecognized => P11Error::NoToken,
            RvError::PinLocked => P11Error::PinLocked,
            RvError::MechanismInvalid | RvError::MechanismParamInvalid => {
                P11Error::Mechanism(format!("{what}: {}", ck_text(&e)))
            }
            _ => P11Error::Pkcs11(format!("{what}: {}", ck_text(&e))),
        },
        _ => P11Error::Pkcs11(format!("{what}: {}", ck_text(&e))),
    }
}

fn is_mechanism_failure(e: &CkError) -> bool {
    matches!(
        e,
        CkError::Pkcs11(RvError::MechanismInvalid | RvError::MechanismParamInvalid | RvError::FunctionNotSupported, _)
    )
}

/// `C_Login` as the normal user; PIN errors mapped with the token's hints.
fn login(
    ctx: &Pkcs11,
    session: &Session,
    slot: Slot,
    ti: &TokenInfo,
    pin: &Zeroizing<Vec<u8>>,
) -> Result<(), P11Error> {
    if ti.user_pin_locked() {
        return Err(P11Error::PinLocked);
    }
    let res = if pin.is_empty() && ti.protected_authentication_path() {
        session.login(UserType::User, None)
    } else {
        let raw = RawAuthPin::new(Box::new(pin.to_vec()));
        session.login_with_raw(UserType::User, &raw)
    };
    match res {
        Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => Ok(()),
        Err(CkError::Pkcs11(RvError::PinIncorrect | RvError::PinLenRange | RvError::PinInvalid, _)) => {
            // Flags must be read after the failure: they reflect this attempt.
            let hint = ctx.get_token_info(slot).ok().and_then(|ti| {
                if ti.user_pin_locked() {
                    Some(PinHint::Locked)
                } else if ti.user_pin_final_try() {
                    Some(PinHint::FinalTry)
                } else if ti.user_pin_count_low() {
                    Some(PinHint::CountLow)
                } else {
                    None
                }
            });
            Err(P11Error::WrongPin { tries_left_hint: hint })
        }
        Err(e) => Err(ck_err(e, "logging in")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecdsa_der_encoding() {
        let mut raw = vec![0u8; 64];
        raw[31] = 1; // r = 1
        raw[32] = 0x80; // s has the high bit set -> needs a 0x00 pad
        let der = ecdsa_raw_to_der(&raw).unwrap();
        assert_eq!(&der[..5], &[0x30, 3 + 35, 0x02, 0x01, 0x01]);
        assert_eq!(&der[5..8], &[0x02, 33, 0x00]);
        assert_eq!(der.len(), 2 + 3 + 35);
        assert!(ecdsa_raw_to_der(&[1, 2, 3]).is_err());
        let mut long = Vec::new();
        der_len(&mut long, 300);
        assert_eq!(long, [0x82, 0x01, 0x2c]);
    }

    #[test]
    fn digest_info_prefixes() {
        use crate::pki::alg::DigestAlg;
        for h in [DigestAlg::Sha256, DigestAlg::Sha384, DigestAlg::Sha512] {
            let p = ck_digest(h).unwrap().digest_info_prefix;
            assert_eq!(p.len(), 19);
            assert_eq!(p[18] as usize, h.output_len());
            assert_eq!(p[1] as usize, 17 + h.output_len());
        }
        assert!(ck_digest(DigestAlg::Sha1).is_err());
    }

    #[test]
    fn bit_lengths() {
        assert_eq!(bit_len(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(bit_len(&[0x01]), 1);
        assert_eq!(bit_len(&[0, 0]), 0);
    }

    #[test]
    fn messages() {
        let e = P11Error::WrongPin { tries_left_hint: Some(PinHint::FinalTry) };
        assert!(e.to_string().contains("wrong PIN"));
        assert!(e.message_vi().contains("Mã PIN không đúng"));
        assert!(e.message_vi().contains("một lần thử"));
    }
}

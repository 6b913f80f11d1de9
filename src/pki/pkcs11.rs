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
use sha2::Digest;
use zeroize::Zeroizing;

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

    fn hash(self) -> Hash {
        match self {
            Mechanism::RsaPkcs1Sha256 | Mechanism::RsaPssSha256 | Mechanism::EcdsaSha256 => Hash::Sha256,
            Mechanism::RsaPkcs1Sha384 | Mechanism::RsaPssSha384 | Mechanism::EcdsaSha384 => Hash::Sha384,
            Mechanism::RsaPkcs1Sha512 | Mechanism::RsaPssSha512 | Mechanism::EcdsaSha512 => Hash::Sha512,
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

// ---------------------------------------------------------------------------
// Signing key
// ---------------------------------------------------------------------------

struct KeyShared {
    slot: Slot,
    handle: ObjectHandle,
    kind: KeyKind,
    label: String,
    id: Vec<u8>,
    certificate: Option<Vec<u8>>,
    /// Mechanisms advertised by the token (`None` if the list is unavailable).
    mechanisms: Option<HashSet<u64>>,
    /// Bit per [`Mechanism`]: the hash-and-sign mechanism failed at run time.
    combined_failed: AtomicU16,
    host_hashing: AtomicBool,
    /// Kept (zeroized on drop) only to log in forked sessions on drivers that
    /// do not share the login state between sessions.
    pin: Zeroizing<Vec<u8>>,
    module: Pkcs11Module,
}

/// A private key on a logged-in token session.
///
/// `TokenKey` is `Send + Sync`: methods take `&self` and serialize on an
/// internal mutex, so a batch may share one key; for parallel signing give
/// each worker its own session with [`TokenKey::fork`].
pub struct TokenKey {
    // Field order matters: the session must close before the module (held
    // in `shared`) may be finalized.
    session: Mutex<Session>,
    shared: Arc<KeyShared>,
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
                        Hash::Sha256 => CkMechanism::Sha256RsaPkcs,
                        Hash::Sha384 => CkMechanism::Sha384RsaPkcs,
                        Hash::Sha512 => CkMechanism::Sha512RsaPkcs,
                    };
                    match session.sign(&m, sh.handle, msg) {
                        Ok(sig) => return Ok(sig),
                        Err(e) if is_mechanism_failure(&e) => self.mark_failed(mech),
                        Err(e) => return Err(ck_err(e, &format!("signing ({mech})"))),
                    }
                }
                let digest = hash.digest(msg);
                let mut info = Vec::with_capacity(19 + digest.len());
                info.extend_from_slice(hash.digest_info_prefix());
                info.extend_from_slice(&digest);
                session.sign(&CkMechanism::RsaPkcs, sh.handle, &info).map_err(|e| ck_err(e, "signing (CKM_RSA_PKCS)"))
            }
            Family::Pss => {
                let params =
                    PkcsPssParams { hash_alg: hash.ck_type(), mgf: hash.mgf(), s_len: Ulong::from(hash.len() as u64) };
                if self.use_combined(mech) {
                    let m = match hash {
                        Hash::Sha256 => CkMechanism::Sha256RsaPkcsPss(params),
                        Hash::Sha384 => CkMechanism::Sha384RsaPkcsPss(params),
                        Hash::Sha512 => CkMechanism::Sha512RsaPkcsPss(params),
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
enum Family {
    Pkcs1,
    Pss,
    Ecdsa,
}

#[derive(Clone, Copy)]
enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn digest(self, msg: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha256 => sha2::Sha256::digest(msg).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(msg).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(msg).to_vec(),
        }
    }

    fn len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }

    fn ck_type(self) -> MechanismType {
        match self {
            Hash::Sha256 => MechanismType::SHA256,
            Hash::Sha384 => MechanismType::SHA384,
            Hash::Sha512 => MechanismType::SHA512,
        }
    }

    fn mgf(self) -> PkcsMgfType {
        match self {
            Hash::Sha256 => PkcsMgfType::MGF1_SHA256,
            Hash::Sha384 => PkcsMgfType::MGF1_SHA384,
            Hash::Sha512 => PkcsMgfType::MGF1_SHA512,
        }
    }

    /// DER `DigestInfo` header (RFC 8017 §9.2 note 1).
    fn digest_info_prefix(self) -> &'static [u8] {
        match self {
            Hash::Sha256 => &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
                0x04, 0x20,
            ],
            Hash::Sha384 => &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00,
                0x04, 0x30,
            ],
            Hash::Sha512 => &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00,
                0x04, 0x40,
            ],
        }
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

fn describe_token(slot: Slot, ti: &TokenInfo) -> String {
    format!("'{}' (slot {}, serial {})", ti.label().trim(), slot.id(), ti.serial_number().trim())
}

fn describe_token_selector(sel: &TokenSelector) -> String {
    match (&sel.label, sel.slot) {
        (Some(l), Some(s)) => format!("label '{l}' in slot {s}"),
        (Some(l), None) => format!("label '{l}'"),
        (None, Some(s)) => format!("slot {s}"),
        (None, None) => "any token".into(),
    }
}

fn describe_key_selector(sel: &KeySelector) -> String {
    match (&sel.label, &sel.id) {
        (Some(l), Some(i)) => format!("label '{l}' and id {}", hex::encode(i)),
        (Some(l), None) => format!("label '{l}'"),
        (None, Some(i)) => format!("id {}", hex::encode(i)),
        (None, None) => "any private key (the token holds none)".into(),
    }
}

fn select_key(session: &Session, sel: &KeySelector) -> Result<ObjectHandle, P11Error> {
    let mut template = vec![Attribute::Token(true), Attribute::Class(ObjectClass::PRIVATE_KEY)];
    if let Some(l) = &sel.label {
        template.push(Attribute::Label(l.as_bytes().to_vec()));
    }
    if let Some(i) = &sel.id {
        template.push(Attribute::Id(i.clone()));
    }
    let found = session.find_objects(&template).map_err(|e| ck_err(e, "searching private keys"))?;
    match found.len() {
        1 => Ok(found[0]),
        0 => Err(P11Error::KeyNotFound(describe_key_selector(sel))),
        _ => {
            let mut names = Vec::with_capacity(found.len());
            for h in found {
                let attrs = session.get_attributes(h, &[AttributeType::Label, AttributeType::Id]).unwrap_or_default();
                let (mut label, mut id) = (String::new(), String::new());
                for a in attrs {
                    match a {
                        Attribute::Label(l) => label = String::from_utf8_lossy(&l).into_owned(),
                        Attribute::Id(i) => id = hex::encode(i),
                        _ => {}
                    }
                }
                names.push(format!("'{label}' (id {id})"));
            }
            Err(P11Error::AmbiguousKey(names))
        }
    }
}

/// Certificate with the key's CKA_ID, else with its CKA_LABEL.
fn find_certificate(session: &Session, id: &[u8], label: &str) -> Option<Vec<u8>> {
    let mut attempts: Vec<Attribute> = Vec::new();
    if !id.is_empty() {
        attempts.push(Attribute::Id(id.to_vec()));
    }
    if !label.is_empty() {
        attempts.push(Attribute::Label(label.as_bytes().to_vec()));
    }
    for attr in attempts {
        let found = session.find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE), attr]).ok()?;
        for h in found {
            let Ok(attrs) = session.get_attributes(h, &[AttributeType::Value]) else {
                continue;
            };
            for a in attrs {
                if let Attribute::Value(v) = a
                    && x509_cert::Certificate::from_der(&v).is_ok()
                {
                    return Some(v);
                }
            }
        }
    }
    None
}

fn bit_len(be: &[u8]) -> usize {
    let mut i = 0;
    while i < be.len() && be[i] == 0 {
        i += 1;
    }
    if i == be.len() {
        return 0;
    }
    (be.len() - i) * 8 - be[i].leading_zeros() as usize
}

fn detect_key_kind(
    session: &Session,
    handle: ObjectHandle,
    id: &[u8],
    cert: Option<&[u8]>,
) -> Result<KeyKind, P11Error> {
    let attrs = session
        .get_attributes(handle, &[AttributeType::KeyType, AttributeType::Modulus, AttributeType::EcParams])
        .map_err(|e| ck_err(e, "reading key attributes"))?;
    let mut key_type = None;
    let mut modulus = None;
    let mut params = None;
    for a in attrs {
        match a {
            Attribute::KeyType(t) => key_type = Some(t),
            Attribute::Modulus(m) => modulus = Some(m),
            Attribute::EcParams(p) => params = Some(p),
            _ => {}
        }
    }
    // Matching public key object, for tokens that hide the private key's
    // public attributes.
    let public = || -> Vec<Attribute> {
        if id.is_empty() {
            return Vec::new();
        }
        let Ok(found) = session.find_objects(&[Attribute::Class(ObjectClass::PUBLIC_KEY), Attribute::Id(id.to_vec())])
        else {
            return Vec::new();
        };
        found
            .first()
            .and_then(|h| {
                session
                    .get_attributes(*h, &[AttributeType::Modulus, AttributeType::ModulusBits, AttributeType::EcParams])
                    .ok()
            })
            .unwrap_or_default()
    };
    let spki = cert.and_then(cert_key_kind);

    match key_type {
        Some(t) if t == KeyType::RSA => {
            if let Some(m) = modulus.filter(|m| !m.is_empty()) {
                return Ok(KeyKind::Rsa { bits: bit_len(&m) });
            }
            for a in public() {
                match a {
                    Attribute::Modulus(m) if !m.is_empty() => {
                        return Ok(KeyKind::Rsa { bits: bit_len(&m) });
                    }
                    Attribute::ModulusBits(b) => {
                        return Ok(KeyKind::Rsa { bits: usize::from(b) });
                    }
                    _ => {}
                }
            }
            match spki {
                Some(k @ KeyKind::Rsa { .. }) => Ok(k),
                _ => Err(P11Error::Pkcs11(
                    "cannot determine the RSA key size (no CKA_MODULUS, public key or certificate)".into(),
                )),
            }
        }
        Some(t) if t == KeyType::EC => {
            let params = params.or_else(|| {
                public().into_iter().find_map(|a| match a {
                    Attribute::EcParams(p) => Some(p),
                    _ => None,
                })
            });
            match params {
                Some(p) if p == P256_PARAMS => Ok(KeyKind::EcP256),
                Some(p) => Err(P11Error::Mechanism(format!(
                    "unsupported EC curve (CKA_EC_PARAMS {}); only P-256 is supported",
                    hex::encode(p)
                ))),
                None => match spki {
                    Some(KeyKind::EcP256) => Ok(KeyKind::EcP256),
                    _ => Err(P11Error::Mechanism("cannot determine the EC curve of the key".into())),
                },
            }
        }
        Some(t) => Err(P11Error::Mechanism(format!("unsupported key type {t}; only RSA and EC P-256 keys can sign"))),
        None => spki.ok_or_else(|| P11Error::Pkcs11("cannot read CKA_KEY_TYPE of the key".into())),
    }
}

/// Key kind from a certificate's SubjectPublicKeyInfo.
fn cert_key_kind(der_cert: &[u8]) -> Option<KeyKind> {
    let cert = x509_cert::Certificate::from_der(der_cert).ok()?;
    let spki = cert.tbs_certificate().subject_public_key_info();
    let alg = spki.algorithm.oid.to_string();
    if alg == RSA_OID {
        let bits = spki.subject_public_key.as_bytes()?;
        let mut reader = der::SliceReader::new(bits).ok()?;
        let n = reader
            .sequence(|r| {
                let n = der::asn1::UintRef::decode(r)?;
                let _e = der::asn1::UintRef::decode(r)?;
                Ok::<_, der::Error>(n.as_bytes().to_vec())
            })
            .ok()?;
        Some(KeyKind::Rsa { bits: bit_len(&n) })
    } else if alg == EC_OID {
        let params = spki.algorithm.parameters.as_ref()?;
        let curve = params.decode_as::<der::asn1::ObjectIdentifier>().ok()?;
        (curve.to_string() == P256_OID).then_some(KeyKind::EcP256)
    } else {
        None
    }
}

fn object_info(
    session: &Session,
    h: ObjectHandle,
    class: ObjectClass,
    kind: &'static str,
) -> Result<ObjectInfo, P11Error> {
    let mut wanted = vec![AttributeType::Label, AttributeType::Id, AttributeType::Subject];
    if class == ObjectClass::CERTIFICATE {
        wanted.push(AttributeType::Value);
    } else {
        wanted.extend([AttributeType::KeyType, AttributeType::Modulus, AttributeType::EcParams]);
    }
    let attrs = session.get_attributes(h, &wanted).map_err(|e| ck_err(e, "reading object attributes"))?;
    let mut info = ObjectInfo { kind, label: String::new(), id_hex: String::new(), key_type: None, subject: None };
    let (mut key_type, mut modulus, mut params, mut value, mut subject) = (None, None, None, None, None);
    for a in attrs {
        match a {
            Attribute::Label(l) => info.label = String::from_utf8_lossy(&l).into_owned(),
            Attribute::Id(i) => info.id_hex = hex::encode(i),
            Attribute::KeyType(t) => key_type = Some(t),
            Attribute::Modulus(m) => modulus = Some(m),
            Attribute::EcParams(p) => params = Some(p),
            Attribute::Value(v) => value = Some(v),
            Attribute::Subject(s) => subject = Some(s),
            _ => {}
        }
    }
    if let Some(v) = value
        && let Ok(cert) = x509_cert::Certificate::from_der(&v)
    {
        info.subject = Some(cert.tbs_certificate().subject().to_string());
        info.key_type = cert_key_kind(&v).map(kind_name);
    }
    if info.subject.is_none() {
        info.subject = subject
            .filter(|s| !s.is_empty())
            .and_then(|s| x509_cert::name::Name::from_der(&s).ok())
            .map(|n| n.to_string());
    }
    if let Some(t) = key_type {
        info.key_type = Some(if t == KeyType::RSA {
            match modulus.filter(|m| !m.is_empty()) {
                Some(m) => format!("RSA-{}", bit_len(&m)),
                None => "RSA".into(),
            }
        } else if t == KeyType::EC {
            match params {
                Some(p) if p == P256_PARAMS => "EC-P256".into(),
                _ => "EC".into(),
            }
        } else {
            t.to_string()
        });
    }
    Ok(info)
}

/// Raw `r || s` (each half the same length) to DER `Ecdsa-Sig-Value`.
fn ecdsa_raw_to_der(raw: &[u8]) -> Result<Vec<u8>, P11Error> {
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

fn der_integer(out: &mut Vec<u8>, be: &[u8]) {
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

fn der_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len() - 1);
        out.push(0x80 | (bytes.len() - start) as u8);
        out.extend_from_slice(&bytes[start..]);
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
        for h in [Hash::Sha256, Hash::Sha384, Hash::Sha512] {
            let p = h.digest_info_prefix();
            assert_eq!(p.len(), 19);
            assert_eq!(p[18] as usize, h.len());
            assert_eq!(p[1] as usize, 17 + h.len());
        }
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

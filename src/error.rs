//! The library's error type.
//!
//! English texts live in the `#[error]` attributes; the Vietnamese catalogue is
//! [`crate::report::messages::error_message`], an exhaustive match, so a new variant
//! cannot be added without its translation. Every variant has a stable machine code
//! ([`Error::code`]) for JSON output and a place in the exit-code scheme
//! ([`Error::exit_status`]).

use std::path::PathBuf;

use crate::exit::ExitStatus;
use crate::pki::dn::DnError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },

    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },

    #[error("{} already exists; use --force to overwrite it", path.display())]
    OutputExists { path: PathBuf },

    #[error("invalid distinguished name {input:?}: {reason}")]
    InvalidDn { input: String, reason: DnError },

    #[error("{}: the private key is encrypted; give its password with --password-file or KYSO_KEY_PASSWORD", path.display())]
    PasswordRequired { path: PathBuf },

    #[error("{}: wrong password, or the key file is damaged", path.display())]
    WrongPassword { path: PathBuf },

    #[error("{}: not a usable private key: {detail}", path.display())]
    BadKey { path: PathBuf, detail: String },

    #[error("{}: not a usable certificate: {detail}", path.display())]
    BadCertificate { path: PathBuf, detail: String },

    #[error("{}: no certificate found", path.display())]
    NoCertificate { path: PathBuf },

    #[error("the private key {} does not match the certificate {}", key.display(), cert.display())]
    KeyMismatch { key: PathBuf, cert: PathBuf },

    #[error("the issuer certificate {} is not a CA certificate (it lacks basicConstraints cA=TRUE or keyCertSign)", path.display())]
    NotACa { path: PathBuf },

    #[error("the issuer certificate {} does not allow a further CA below it (pathLenConstraint 0)", path.display())]
    PathLenExceeded { path: PathBuf },

    #[error(
        "the requested validity ({not_before} to {not_after}) is outside the issuer's validity ({issuer_not_before} to {issuer_not_after}); choose a shorter --days or another --not-before"
    )]
    ValidityOutsideIssuer { not_before: String, not_after: String, issuer_not_before: String, issuer_not_after: String },

    #[error("invalid value for {option}: {detail}")]
    InvalidOption { option: &'static str, detail: String },

    #[error("verification policy {0}")]
    Policy(crate::policy::config::PolicyError),

    #[error("a PKCS#12 file needs a password: give one with --password-file or KYSO_KEY_PASSWORD")]
    P12NeedsPassword,

    /// A cryptographic operation failed (key generation, a signature, randomness). Not for
    /// encoding or I/O: those have their own variants.
    #[error("cryptographic operation failed: {0}")]
    Crypto(String),

    /// Encoding a structure kyso built (DER, PEM, a key) failed: a value out of range, not bad input.
    #[error("encoding {what} failed: {source}")]
    Encoding {
        what: &'static str,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },

    /// Encoding a JSON report or journal line failed.
    #[error("encoding JSON failed: {0}")]
    Json(#[source] serde_json::Error),

    /// Building a CMS signature failed; the stable code comes from the inner error.
    #[error("CMS: {0}")]
    Cms(#[source] crate::cms::CmsError),

    /// The content to sign could not be read (a stream with no file name).
    #[error("cannot read the content to sign: {0}")]
    ReadContent(#[source] std::io::Error),

    /// Content too large to be embedded in an attached CMS signature.
    #[error("the content is larger than {limit} bytes: sign it detached (.p7s) instead")]
    ContentTooLarge { limit: usize },

    #[error("{}: cannot determine the file's format; give the signature with --signature", path.display())]
    UnknownFormat { path: PathBuf },

    #[error("{}: {detail}", path.display())]
    Unsupported { path: PathBuf, detail: String },

    /// A PDF kyso cannot sign or change; the stable code comes from the inner error
    /// (a password, an encryption kyso does not implement, a broken file...).
    #[error("{}PDF: {source}", at(path))]
    Pdf { path: Option<PathBuf>, source: crate::pdf::PdfError },

    /// An XML document kyso cannot sign; the stable code comes from the inner error.
    #[error("{}XML: {source}", at(path))]
    Xml { path: Option<PathBuf>, source: crate::xml::dsig::XmlError },

    #[error("PKCS#11: {0}")]
    Token(crate::pki::pkcs11::P11Error),

    #[error("{what} is required: {hint}")]
    SecretRequired { what: &'static str, hint: &'static str },

    #[error("the CA database {}: {detail}", path.display())]
    CaDatabase { path: PathBuf, detail: String },

    #[error("{0}")]
    Tsp(crate::tsp::TspError),

    #[error("{0}")]
    Ocsp(crate::revocation::ocsp::OcspError),

    #[error("{0}")]
    Crl(crate::revocation::error::CrlError),

    #[error("cannot listen on {addr}: {detail}")]
    Listen { addr: String, detail: String },

    #[error("{addr} is not a loopback address; a test PKI serves other machines only with --allow-remote")]
    NotLoopback { addr: String },

    #[error("{}: {detail}", path.display())]
    TestPki { path: PathBuf, detail: String },

    #[error("{0}")]
    Config(crate::config::ConfigError),

    #[error("long-term validation data: {0}")]
    Revocation(crate::revocation::error::GatherError),

    #[error("{0}")]
    Trust(crate::trust::error::TrustError),
}

impl From<crate::cms::CmsError> for Error {
    fn from(e: crate::cms::CmsError) -> Error {
        Error::Cms(e)
    }
}

impl From<crate::config::ConfigError> for Error {
    fn from(e: crate::config::ConfigError) -> Error {
        Error::Config(e)
    }
}

fn at(path: &Option<PathBuf>) -> String {
    path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default()
}

fn pdf_code(e: &crate::pdf::PdfError) -> &'static str {
    use crate::pdf::PdfError as P;
    match e {
        P::Io(_) => "READ_FAILED",
        P::PasswordRequired => "PDF_PASSWORD_REQUIRED",
        P::WrongPassword => "PDF_WRONG_PASSWORD",
        P::Encrypted | P::UnsupportedEncryption(_) | P::Unsupported(_) => "UNSUPPORTED",
        P::NotAllowed(_) => "NOT_ALLOWED",
        P::Limit { .. } => "LIMIT_EXCEEDED",
        _ => "PARSE_FAILED",
    }
}

fn cms_code(e: &crate::cms::CmsError) -> &'static str {
    use crate::cms::CmsError as C;
    match e {
        C::Malformed(_) => "CMS_MALFORMED",
        C::Encode(_) => "ENCODING_FAILED",
        C::Sign(_) => "CRYPTO_FAILED",
    }
}

fn xml_code(e: &crate::xml::dsig::XmlError) -> &'static str {
    use crate::xml::dsig::XmlError as X;
    match e {
        X::Parse(_) => "PARSE_FAILED",
        X::Options(_) => "INVALID_OPTION",
        X::Certificate(_) => "BAD_CERTIFICATE",
        X::Signer(_) => "CRYPTO_FAILED",
        X::C14n(_) => "XML",
        X::Limit(_) => "LIMIT_EXCEEDED",
    }
}

impl Error {
    /// An encoding failure of `what` (DER, PEM, a key), keeping the inner error.
    pub fn encoding<E>(what: &'static str) -> impl FnOnce(E) -> Error
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        move |e| Error::Encoding { what, source: Box::new(e) }
    }

    /// A PDF error without the file it is about (the caller may add it).
    pub fn pdf(source: crate::pdf::PdfError) -> Error {
        Error::Pdf { path: None, source }
    }

    /// An XML error without the file it is about.
    pub fn xml(source: crate::xml::dsig::XmlError) -> Error {
        Error::Xml { path: None, source }
    }

    /// The same error, naming `path` when it is about a document and names none yet.
    pub fn at_path(self, p: &std::path::Path) -> Error {
        match self {
            Error::Pdf { path: None, source } => Error::Pdf { path: Some(p.to_path_buf()), source },
            Error::Xml { path: None, source } => Error::Xml { path: Some(p.to_path_buf()), source },
            other => other,
        }
    }

    /// A stable, machine-readable code for JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Read { .. } => "READ_FAILED",
            Error::Write { .. } => "WRITE_FAILED",
            Error::OutputExists { .. } => "OUTPUT_EXISTS",
            Error::InvalidDn { .. } => "INVALID_DN",
            Error::PasswordRequired { .. } => "PASSWORD_REQUIRED",
            Error::WrongPassword { .. } => "WRONG_PASSWORD",
            Error::BadKey { .. } => "BAD_KEY",
            Error::BadCertificate { .. } => "BAD_CERTIFICATE",
            Error::NoCertificate { .. } => "NO_CERTIFICATE",
            Error::KeyMismatch { .. } => "KEY_MISMATCH",
            Error::NotACa { .. } => "NOT_A_CA",
            Error::PathLenExceeded { .. } => "PATH_LEN_EXCEEDED",
            Error::ValidityOutsideIssuer { .. } => "VALIDITY_OUTSIDE_ISSUER",
            Error::InvalidOption { .. } => "INVALID_OPTION",
            Error::Policy(_) => "POLICY_INVALID",
            Error::P12NeedsPassword => "P12_NEEDS_PASSWORD",
            Error::Crypto(_) => "CRYPTO_FAILED",
            Error::Encoding { .. } => "ENCODING_FAILED",
            Error::Json(_) => "JSON_ENCODING_FAILED",
            Error::Cms(e) => cms_code(e),
            Error::ReadContent(_) => "READ_FAILED",
            Error::ContentTooLarge { .. } => "LIMIT_EXCEEDED",
            Error::UnknownFormat { .. } => "UNKNOWN_FORMAT",
            Error::Unsupported { .. } => "UNSUPPORTED",
            Error::Token(_) => "TOKEN",
            Error::Pdf { source, .. } => pdf_code(source),
            Error::Xml { source, .. } => xml_code(source),
            Error::SecretRequired { .. } => "SECRET_REQUIRED",
            Error::CaDatabase { .. } => "CA_DATABASE",
            Error::Tsp(_) => "TIMESTAMP",
            Error::Ocsp(_) => "OCSP",
            Error::Crl(_) => "CRL",
            Error::Listen { .. } => "LISTEN_FAILED",
            Error::NotLoopback { .. } => "NOT_LOOPBACK",
            Error::TestPki { .. } => "TEST_PKI",
            Error::Config(_) => "CONFIG",
            Error::Revocation(_) => "REVOCATION_DATA",
            Error::Trust(_) => "TRUST_STORE",
        }
    }

    /// Every error that stops a whole command is a usage or setup error (exit 2);
    /// per-file problems during verification are verdicts, not errors.
    pub fn exit_status(&self) -> ExitStatus {
        ExitStatus::Error
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cms::CmsError;
    use crate::report::Lang;
    use crate::report::messages::error_message;

    /// Failures that are not cryptographic keep their inner error and have codes of their own;
    /// a CMS signing failure still reports CRYPTO_FAILED.
    #[test]
    fn non_crypto_failures_are_typed() {
        let json = serde_json::from_str::<u8>("x").map_err(|e| e.to_string()).unwrap_err();
        let json_err = Error::Json(serde_json::Error::io(std::io::Error::other(json)));
        let cases: Vec<(Error, &str)> = vec![
            (Error::encoding("a certificate (DER)")(der::Error::from(der::ErrorKind::Overflow)), "ENCODING_FAILED"),
            (json_err, "JSON_ENCODING_FAILED"),
            (Error::Cms(CmsError::Encode("x".into())), "ENCODING_FAILED"),
            (Error::Cms(CmsError::Malformed("x".into())), "CMS_MALFORMED"),
            (Error::Cms(CmsError::Sign("x".into())), "CRYPTO_FAILED"),
            (Error::ReadContent(std::io::Error::other("gone")), "READ_FAILED"),
            (Error::ContentTooLarge { limit: 1 }, "LIMIT_EXCEEDED"),
            (Error::Crypto("x".into()), "CRYPTO_FAILED"),
        ];
        for (e, code) in cases {
            assert_eq!(e.code(), code, "{e}");
            assert!(!error_message(&e, Lang::Vi).is_empty());
            if !matches!(e, Error::Crypto(_) | Error::ContentTooLarge { .. }) {
                assert!(std::error::Error::source(&e).is_some(), "{e} keeps its inner error");
            }
        }
    }
}

//! Error type shared by the low-level PDF modules.

use std::fmt;

/// Everything that can go wrong while reading or writing a PDF.
///
/// Offsets are absolute byte offsets into the input buffer unless stated
/// otherwise (object-stream offsets are relative to the decoded stream).
#[derive(Debug)]
pub enum PdfError {
    /// I/O error while writing output.
    Io(std::io::Error),
    /// No `%PDF-` header within the first 1024 bytes.
    NotPdf,
    /// Low-level syntax error at a byte offset.
    Syntax { offset: usize, msg: String },
    /// Problem with a cross-reference section (table or stream).
    Xref { offset: usize, msg: String },
    /// The `/Prev` (or `/XRefStm`) chain visits the same offset twice.
    XrefLoop { offset: usize },
    /// An xref entry points outside the file or to something that is not
    /// the expected object.
    BadXrefEntry { num: u32, generation: u16, offset: usize, msg: String },
    /// A resource limit was hit (nesting depth, decoded size, counts...).
    Limit { what: &'static str, offset: usize },
    /// A stream filter failed.
    Filter { msg: String },
    /// An object does not have the expected type / structure.
    Structure(String),
    /// A feature this module does not implement (yet).
    Unsupported(String),
    /// The document is encrypted but was not decrypted (no authenticated
    /// security handler), so the operation cannot proceed.
    Encrypted,
    /// The document is encrypted with a non-empty user password and none
    /// was given (`ReadOptions::password` / `SignOptions::password`).
    PasswordRequired,
    /// The given password is neither the user nor the owner password.
    WrongPassword,
    /// Encryption the Standard security handler here does not implement:
    /// another handler (e.g. public-key `/Adobe.PubSec`), an unknown /V or
    /// /R, or an unknown crypt filter method.
    UnsupportedEncryption(String),
    /// The operation refuses files whose xref had to be reconstructed.
    Reconstructed,
    /// The operation is not permitted on this document (e.g. signing a
    /// document certified with DocMDP P=1, or an already signed field).
    NotAllowed(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Io(e) => write!(f, "I/O error: {e}"),
            PdfError::NotPdf => write!(f, "not a PDF file (no %PDF- header in the first 1024 bytes)"),
            PdfError::Syntax { offset, msg } => write!(f, "syntax error at offset {offset}: {msg}"),
            PdfError::Xref { offset, msg } => {
                write!(f, "broken cross-reference section at offset {offset}: {msg}")
            }
            PdfError::XrefLoop { offset } => {
                write!(f, "cross-reference /Prev chain loops (offset {offset} visited twice)")
            }
            PdfError::BadXrefEntry { num, generation, offset, msg } => {
                write!(f, "xref entry for object {num} {generation} {msg} (offset {offset})")
            }
            PdfError::Limit { what, offset } => {
                write!(f, "limit exceeded: {what} (at offset {offset})")
            }
            PdfError::Filter { msg } => write!(f, "stream filter error: {msg}"),
            PdfError::Structure(msg) => write!(f, "invalid document structure: {msg}"),
            PdfError::Unsupported(msg) => write!(f, "unsupported: {msg}"),
            PdfError::Encrypted => write!(f, "document is encrypted and was not decrypted (no authenticated password)"),
            PdfError::PasswordRequired => {
                write!(f, "document is encrypted with a user password: a password is needed to open it")
            }
            PdfError::WrongPassword => {
                write!(f, "wrong password: it is neither the user nor the owner password of this encrypted document")
            }
            PdfError::UnsupportedEncryption(msg) => {
                write!(f, "unsupported encryption: {msg}")
            }
            PdfError::Reconstructed => {
                write!(f, "cross-reference table was broken and had to be reconstructed; refusing")
            }
            PdfError::NotAllowed(msg) => write!(f, "not allowed: {msg}"),
        }
    }
}

impl std::error::Error for PdfError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PdfError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for PdfError {
    fn from(e: std::io::Error) -> Self {
        PdfError::Io(e)
    }
}

/// Convenience alias.
pub type Result<T> = std::result::Result<T, PdfError>;

pub(crate) fn syntax(offset: usize, msg: impl Into<String>) -> PdfError {
    PdfError::Syntax { offset, msg: msg.into() }
}

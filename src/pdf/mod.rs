//! PDF: lazy reading (xref tables, xref streams, object streams, hybrid files,
//! per-revision information), incremental updates, PAdES signature preparation and
//! signature discovery (ISO 32000, ETSI EN 319 142-1).
//!
//! The low-level modules (`error` … `signatures`) know nothing of CMS or certificates;
//! [`pades`] joins them with [`crate::cms`] to sign, and [`crate::verify::pdf`] to verify.

// The low-level modules are kept in sync with an edition-2021 scratch crate
// (scripts/sync-pdf-from-scratch.sh), where let-chains do not exist.
#![allow(clippy::collapsible_if, clippy::let_and_return)]

pub mod appearance;
pub mod crypt;
pub mod diff;
pub mod error;
pub mod filters;
pub mod font;
pub mod image;
pub mod lexer;
pub mod object;
pub mod pades;
pub mod parser;
pub mod reader;
pub mod sign;
pub mod signatures;
pub mod textfind;
pub mod writer;

pub use appearance::{AppearanceSpec, Placement, Step, build_appearance};
pub use crypt::{CryptMethod, PasswordKind, SecurityHandler};
pub use diff::{
    AllowedChange, ChangeKind, DisallowedChange, Permission, RevisionReport, SignatureAnalysis, analyze,
    document_permission, duplicate_byte_ranges, fuzz_verify_path,
};
pub use error::{PdfError, Result};
pub use object::{Dict, ObjRef, Object, PdfString, Stream, StreamData};
pub use reader::{Location, PdfReader, ReadOptions, Revision, XrefKind};
pub use sign::{Appearance, DocMdp, PreparedSignature, SignOptions, SubFilter, prepare, prepare_with_reader};
pub use signatures::{ByteRangeProblem, PdfSignature, find_signatures, signed_chunks};
pub use textfind::find_text;
pub use writer::{IncrementalUpdate, WriteInfo};

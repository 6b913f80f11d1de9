//! PDF: reading and writing the syntax, finding and analysing signatures, drawing
//! visible signatures, and PAdES signing (ISO 32000, ETSI EN 319 142-1).
//!
//! Rooms by layer, each importing only the ones above it in this list:
//! - [`syntax`]: bytes ↔ objects — lexer, parser, filters, encryption, the
//!   revision-aware reader and the incremental writer;
//! - [`analysis`]: signature discovery, ByteRange checks and the revision analysis
//!   (no CMS);
//! - [`appearance`]: the visible signature's layout, font, images and text search;
//! - [`pades`]: the signing flow, joining the above with [`crate::cms`].
//!
//! Verification lives in [`crate::verify::pdf`], which joins [`analysis`] with the CMS
//! verification core. kyso reads PDFs itself (rather than through lopdf or pdf-rs)
//! because the revision analysis needs every revision's objects at their exact byte
//! offsets, and signing must append to the input's exact bytes.

pub mod analysis;
pub mod appearance;
pub mod pades;
pub mod syntax;

pub use analysis::diff::{
    ChangeClass, Finding, FindingCode, History, MdpState, RevisionRuling, Ruling, SignatureAnalysis, Unassessed,
    analyze, duplicate_byte_ranges, fuzz_verify_path, history, judge, mdp_state, shared_signature_dictionaries,
};
pub use analysis::mdp::{DocMdp, FieldLock};
pub use analysis::signatures::{ByteRangeProblem, PdfSignature, find_signatures, signed_chunks};
pub use appearance::textfind::find_text;
pub use appearance::{Appearance, AppearanceSpec, Placement, Step, build_appearance};
pub use pades::prepare::{PreparedSignature, SignOptions, SubFilter, prepare, prepare_with_reader};
pub use syntax::crypt::{CryptMethod, PasswordKind, SecurityHandler};
pub use syntax::error::{PdfError, Result};
pub use syntax::object::{Dict, ObjRef, Object, PdfString, Stream, StreamData};
pub use syntax::reader::{Location, PdfReader, ReadOptions, Revision, XrefKind};
pub use syntax::writer::{IncrementalUpdate, WriteInfo};

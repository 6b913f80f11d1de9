//! PDF syntax (ISO 32000-1 §7): objects, the lexer and parser, stream filters, the
//! Standard security handler, the revision-aware reader, the viewer-style rebuilt view
//! and its comparison with the xref chain ([`views`]), and the incremental writer.
//! Owns bytes ↔ objects; knows nothing of signatures, CMS or certificates, and imports
//! nothing from the rest of `pdf/`.

pub mod ambiguity;
pub mod crypt;
pub mod error;
pub mod filters;
pub mod lexer;
pub mod object;
pub mod parser;
pub mod reader;
pub mod text;
pub mod views;
pub mod writer;

//! What a PDF's signatures cover and what changed after them: signature discovery and
//! ByteRange checks ([`signatures`]), DocMDP/FieldMDP permissions ([`mdp`]), and the
//! revision analysis ([`diff`]) that judges every later revision against what PAdES and
//! DocMDP/FieldMDP allow.
//! May import [`crate::pdf::syntax`]; knows no CMS, certificates or appearances.

pub mod diff;
pub mod mdp;
pub mod signatures;

//! The PDF layer on its own (library level): reading, incremental writing, encryption,
//! signature preparation and discovery, and the revision analysis against the known
//! attack classes — each checked with qpdf, pdfinfo, pdfsig, pyHanko and openssl.

mod appearance;
mod attacks;
mod common;
mod encrypted;
mod forms;
#[path = "../common/pdf_check.rs"]
mod pdf_check;
mod reference_files;
mod robustness;
mod roundtrip;
mod sign;
mod tolerances;

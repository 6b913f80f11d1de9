//! Visible signatures as Decree 30/2020/NĐ-CP draws them: placement and layout
//! ([`layout`]), the embedded font subset ([`font`]), PNG/JPEG images ([`image`]) and the
//! page-text search that finds an anchor ([`textfind`], decoding fonts with [`textfont`]).
//! May import [`crate::pdf::syntax`] and [`crate::pki::time`]; knows nothing of signing.

pub mod font;
pub mod image;
pub mod layout;
pub mod textfind;
pub mod textfont;

pub use layout::{Appearance, AppearanceSpec, Placement, Step, build_appearance};

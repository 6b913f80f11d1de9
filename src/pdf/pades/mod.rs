//! PAdES signing (ETSI EN 319 142-1): the incremental revision with its signature
//! dictionary and placeholder ([`prepare`]), joined with the CMS from [`crate::cms`]
//! ([`sign`]). May import every other room of `pdf/`, [`crate::cms`] and [`crate::pki`].

pub mod prepare;
pub mod sign;
pub use sign::{PadesOptions, VIETNAM_UTC_OFFSET_MINUTES, sign_pdf};

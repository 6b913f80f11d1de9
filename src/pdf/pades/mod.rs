//! PAdES signing (ETSI EN 319 142-1): the incremental revision with its signature
//! dictionary and placeholder ([`prepare`]), joined with the CMS from [`crate::cms`]
//! ([`sign`]); document time-stamps ([`timestamp`]); the DSS ([`dss`]) and raising
//! signatures to B-LT / B-LTA ([`ltv`]). May import every other room of `pdf/`,
//! [`crate::cms`], [`crate::pki`], [`crate::tsp`] and [`crate::revocation`].

pub mod dss;
pub mod ltv;
pub mod prepare;
pub mod sign;
pub mod timestamp;
pub use sign::{PadesOptions, VIETNAM_UTC_OFFSET_MINUTES, sign_pdf};

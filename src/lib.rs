//! kyso — sign and verify official documents.
//!
//! The library mirrors the standards and the flow of the tool:
//!
//! - [`crypto`]: the crypto provider: which library signs, checks signatures and digests.
//! - [`pki`]: keys, X.509 certificates, distinguished names, test-PKI issuance (RFC 5280).
//! - [`cms`]: CMS `SignedData` building and parsing (RFC 5652, CAdES B-B).
//! - [`tsp`]: RFC 3161 time-stamp requests, tokens and the TSA side.
//! - [`revocation`]: RFC 6960 OCSP and RFC 5280 CRLs: building, parsing, verifying, fetching.
//! - [`http`]: the HTTP client and server those protocols use.
//! - [`services`]: the test PKI's time-stamp, OCSP and CRL service (`kyso pki serve`).
//! - [`edxml`]: edXML packages of the document exchange axis (QCVN 102:2016).
//! - [`verify`]: certificate path validation and verdicts (ETSI EN 319 102-1 vocabulary).
//! - [`config`]: the user's `config.toml` and a project's `kyso.toml`: named signing profiles.
//! - [`trust`]: named trust stores: the user's (`kyso trust`) and the built-in `@vn`.
//! - [`report`]: human and JSON rendering, messages in English and Vietnamese, the output layer.
//! - [`cli`]: the `kyso` command line (one file per subcommand); [`cli::run`] is what `main` calls.
//!
//! Library code returns typed errors ([`Error`]) and never prints or exits; only
//! [`report::output`] writes to stdout/stderr.

pub mod batch;
pub mod cli;
pub mod cms;
pub mod config;
pub mod crypto;
pub mod edxml;
pub mod error;
pub mod exit;
pub mod extend;
pub mod format;
pub mod fsutil;
pub mod fuzzing;
pub mod http;
pub mod pdf;
pub mod pki;
pub mod policy;
pub mod report;
pub mod revocation;
pub mod services;
pub mod sign;
pub mod trust;
pub mod tsp;
pub mod verify;
pub mod xml;

pub use error::{Error, Result};
pub use exit::ExitStatus;

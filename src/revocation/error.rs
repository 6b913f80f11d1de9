//! Errors of revocation: a CRL that cannot be had or used, validation data that cannot be
//! gathered. Imports nothing that reaches the crate's `Error`, which carries them.

use crate::http::HttpError;

/// Why a CRL could not be had or is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CrlError {
    #[error("CRL distribution point: {0}")]
    Http(#[from] HttpError),
    #[error("malformed CRL: {0}")]
    Malformed(String),
    #[error("the CRL is issued by \"{found}\", not by \"{wanted}\"")]
    WrongIssuer { wanted: String, found: String },
    #[error("the CRL's issuer \"{0}\" may not sign CRLs (its key usage lacks cRLSign)")]
    NotAuthorised(String),
    #[error("the CRL's signature does not verify")]
    BadSignature,
    #[error("the CRL is stale: its nextUpdate {next_update} is before {at}")]
    Stale { next_update: String, at: String },
    #[error("the CRL is from the future: thisUpdate {this_update} is after {at}")]
    NotYetValid { this_update: String, at: String },
    #[error("unsupported in a CRL: {0}")]
    Unsupported(String),
}

impl From<der::Error> for CrlError {
    fn from(e: der::Error) -> Self {
        CrlError::Malformed(e.to_string())
    }
}

/// Why validation data could not be gathered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GatherError {
    #[error("the issuer of \"{subject}\" was not found{hint}")]
    IssuerNotFound { subject: String, hint: &'static str },
    #[error("no revocation data for \"{subject}\"{}", tried_text(.tried))]
    NoRevocationData { subject: String, tried: Vec<String> },
    #[error("the certificate \"{subject}\" is revoked (since {time}, by {source_kind})")]
    Revoked { subject: String, time: String, source_kind: &'static str },
    #[error("certificate chain longer than 8")]
    ChainTooLong,
}

fn tried_text(tried: &[String]) -> String {
    if tried.is_empty() {
        ": give --online to fetch it from the certificate's AIA/CDP, or --crl/--ocsp-response files".into()
    } else {
        format!(" ({})", tried.join("; "))
    }
}

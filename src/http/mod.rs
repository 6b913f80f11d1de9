//! HTTP for the PKI protocols: the client that fetches time-stamps (RFC 3161 §3.4),
//! OCSP responses (RFC 6960 Appendix A) and CRLs (RFC 5280 §4.2.1.13), and the small
//! server behind `kyso pki serve`. No HTTP is written by hand here.
//!
//! - [`client`]: `ureq` 3 without default features — a blocking client with no async
//!   runtime, a handful of small crates, and per-call global timeouts and response-size
//!   caps, so a fetch can never hang or fill memory. TLS is left out on purpose: OCSP,
//!   CRL distribution points and most time-stamping services are plain `http://`
//!   because what they return is signed (RFC 6960 A.1, RFC 5280 §4.2.1.13, RFC 3161
//!   §3.4), and rustls would add a C-compiled crypto provider to every build. An
//!   `https://` URL is refused with a clear error.
//! - [`server`]: `tiny_http` — a synchronous server with no runtime, four small
//!   dependencies, and a `recv_timeout` that makes a clean Ctrl-C shutdown simple. An
//!   async stack (axum, hyper, tokio) would triple the build time on two cores for a
//!   test service that answers a few requests a second.
//!
//! Owns: transport only. It may import [`crate::error`] and nothing of the protocols;
//! [`crate::tsp`], [`crate::revocation`] and [`crate::services`] import it.

pub mod client;
pub mod server;

/// Why an HTTP exchange failed. Every variant says which URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    #[error("{url}: only http:// URLs are supported (the protocols kyso fetches are signed end to end)")]
    UnsupportedScheme { url: String },
    #[error("{url}: not a valid URL")]
    BadUrl { url: String },
    #[error("{url}: no answer within {secs} s")]
    Timeout { url: String, secs: u64 },
    #[error("{url}: cannot connect: {detail}")]
    Connect { url: String, detail: String },
    #[error("{url}: the server answered HTTP {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: the answer is larger than {limit} bytes")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: {detail}")]
    Other { url: String, detail: String },
}

impl HttpError {
    pub fn url(&self) -> &str {
        match self {
            HttpError::UnsupportedScheme { url }
            | HttpError::BadUrl { url }
            | HttpError::Timeout { url, .. }
            | HttpError::Connect { url, .. }
            | HttpError::Status { url, .. }
            | HttpError::TooLarge { url, .. }
            | HttpError::Other { url, .. } => url,
        }
    }
}

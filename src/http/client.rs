//! A blocking HTTP client with a global timeout and a response-size cap per call.

use std::time::Duration;

use super::HttpError;

/// How long a call may take and how much it may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The whole exchange: resolving, connecting, sending, receiving.
    pub timeout: Duration,
    /// The largest response body accepted.
    pub max_bytes: u64,
}

impl Limits {
    /// Time-stamp and OCSP answers: a few kilobytes in practice.
    pub const SMALL: Limits = Limits { timeout: Duration::from_secs(5), max_bytes: 1 << 20 };
    /// CRLs: national CAs publish lists of several megabytes.
    pub const CRL: Limits = Limits { timeout: Duration::from_secs(10), max_bytes: 32 << 20 };

    pub fn with_timeout(self, timeout: Duration) -> Limits {
        Limits { timeout, ..self }
    }
}

/// A response: its `Content-Type` (if any) and body.
#[derive(Debug, Clone)]
pub struct Reply {
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// POST `body` as `content_type`, expecting HTTP 200.
pub fn post(url: &str, content_type: &str, accept: &str, body: &[u8], limits: Limits) -> Result<Reply, HttpError> {
    let agent = agent(url, limits)?;
    let result = agent.post(url).header("Content-Type", content_type).header("Accept", accept).send(body);
    finish(url, result, limits)
}

/// GET `url`, expecting HTTP 200.
pub fn get(url: &str, accept: &str, limits: Limits) -> Result<Reply, HttpError> {
    let agent = agent(url, limits)?;
    let result = agent.get(url).header("Accept", accept).call();
    finish(url, result, limits)
}

fn agent(url: &str, limits: Limits) -> Result<ureq::Agent, HttpError> {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("http://") else {
        return Err(if lower.contains("://") {
            HttpError::UnsupportedScheme { url: url.to_string() }
        } else {
            HttpError::BadUrl { url: url.to_string() }
        });
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        return Err(HttpError::BadUrl { url: url.to_string() });
    }
    // Loopback never goes through a proxy from the environment.
    let proxy = if is_loopback_host(host) { None } else { ureq::Proxy::try_from_env() };
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .http_status_as_error(false)
        .max_redirects(3)
        .proxy(proxy)
        .user_agent(concat!("kyso/", env!("CARGO_PKG_VERSION")))
        .build();
    Ok(config.into())
}

/// `host[:port]` names this machine.
fn is_loopback_host(host_port: &str) -> bool {
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        host_port.rsplit_once(':').map_or(host_port, |(h, _)| h)
    };
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn finish(
    url: &str,
    result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    limits: Limits,
) -> Result<Reply, HttpError> {
    let mut resp = result.map_err(|e| map_error(url, e, limits))?;
    let status = resp.status().as_u16();
    if status != 200 {
        return Err(HttpError::Status { url: url.to_string(), status });
    }
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    let body =
        resp.body_mut().with_config().limit(limits.max_bytes).read_to_vec().map_err(|e| map_error(url, e, limits))?;
    Ok(Reply { content_type, body })
}

fn map_error(url: &str, e: ureq::Error, limits: Limits) -> HttpError {
    let url = url.to_string();
    match e {
        ureq::Error::Timeout(_) => HttpError::Timeout { url, secs: limits.timeout.as_secs().max(1) },
        ureq::Error::BodyExceedsLimit(_) => HttpError::TooLarge { url, limit: limits.max_bytes },
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => HttpError::BadUrl { url },
        ureq::Error::HostNotFound => HttpError::Connect { url, detail: "host not found".into() },
        ureq::Error::ConnectionFailed => HttpError::Connect { url, detail: "connection failed".into() },
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                HttpError::Timeout { url, secs: limits.timeout.as_secs().max(1) }
            }
            std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::AddrNotAvailable
            | std::io::ErrorKind::HostUnreachable
            | std::io::ErrorKind::NetworkUnreachable => HttpError::Connect { url, detail: io.to_string() },
            _ => HttpError::Other { url, detail: io.to_string() },
        },
        other => HttpError::Other { url, detail: other.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_other_schemes_and_recognises_loopback() {
        for (url, https) in [("https://tsa.example/", true), ("ftp://x/", true), ("tsa.example", false)] {
            let e = get(url, "*/*", Limits::SMALL).unwrap_err();
            assert_eq!(matches!(e, HttpError::UnsupportedScheme { .. }), https, "{url}: {e}");
        }
        assert!(matches!(get("http:///x", "*/*", Limits::SMALL), Err(HttpError::BadUrl { .. })));
        assert!(is_loopback_host("127.0.0.1:8080"));
        assert!(is_loopback_host("localhost"));
        assert!(is_loopback_host("[::1]:80"));
        assert!(!is_loopback_host("10.0.0.1:80"));
        assert!(!is_loopback_host("ocsp.example.vn"));
    }

    #[test]
    fn a_silent_server_times_out() {
        // Accepts the connection (the kernel does) and never answers.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/ocsp", listener.local_addr().unwrap());
        let start = std::time::Instant::now();
        let e = post(&url, "application/ocsp-request", "*/*", b"x", Limits::SMALL.with_timeout(Duration::from_secs(1)))
            .unwrap_err();
        assert!(matches!(e, HttpError::Timeout { .. }), "{e}");
        assert!(start.elapsed() < Duration::from_secs(5));
        drop(listener);
    }
}

//! A small multi-threaded HTTP server for the test-PKI services: requests are read with
//! a body cap, handed to a handler, and answered; it stops when a flag is raised.

use std::io::Read;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Largest request body accepted (time-stamp and OCSP requests are a few hundred bytes).
pub const MAX_REQUEST_BODY: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Other,
}

/// One request as the handler sees it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    /// The request target as sent (path and query, still percent-encoded).
    pub target: String,
    /// `Content-Type` without parameters, lower case.
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub remote: Option<SocketAddr>,
}

/// The handler's answer.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Response {
    pub fn ok(content_type: &'static str, body: Vec<u8>) -> Response {
        Response { status: 200, content_type, body }
    }

    pub fn error(status: u16, text: &str) -> Response {
        Response { status, content_type: "text/plain; charset=utf-8", body: format!("{text}\n").into_bytes() }
    }
}

pub struct Server {
    inner: tiny_http::Server,
    addr: SocketAddr,
}

impl Server {
    /// Listen on `addr` (port 0 picks a free port; see [`Server::local_addr`]).
    pub fn bind(addr: SocketAddr) -> std::io::Result<Server> {
        let inner = tiny_http::Server::http(addr).map_err(std::io::Error::other)?;
        let addr = inner.server_addr().to_ip().ok_or_else(|| std::io::Error::other("not an IP listener"))?;
        Ok(Server { inner, addr })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Answer requests on `workers` threads until `stop` is raised (checked every 100 ms).
    /// `handle` is called for every request and returns the answer with a note of what
    /// it did; `log` gets both after the answer is sent.
    pub fn serve<E>(
        &self,
        workers: usize,
        stop: &AtomicBool,
        handle: &(dyn Fn(&Request) -> (Response, E) + Sync),
        log: &(dyn Fn(&Request, &Response, E) + Sync),
    ) {
        std::thread::scope(|s| {
            for _ in 0..workers.max(1) {
                s.spawn(|| {
                    while !stop.load(Ordering::SeqCst) {
                        match self.inner.recv_timeout(Duration::from_millis(100)) {
                            Ok(Some(req)) => answer(req, handle, log),
                            Ok(None) => {}
                            Err(_) => std::thread::sleep(Duration::from_millis(50)),
                        }
                    }
                });
            }
        });
    }
}

fn answer<E>(
    mut raw: tiny_http::Request,
    handle: &(dyn Fn(&Request) -> (Response, E) + Sync),
    log: &(dyn Fn(&Request, &Response, E) + Sync),
) {
    let method = match raw.method() {
        tiny_http::Method::Get => Method::Get,
        tiny_http::Method::Post => Method::Post,
        _ => Method::Other,
    };
    let content_type = raw
        .headers()
        .iter()
        .find(|h| h.field.equiv("Content-Type"))
        .map(|h| h.value.as_str().split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    let mut body = Vec::new();
    let too_large = raw.body_length().is_some_and(|n| n > MAX_REQUEST_BODY)
        || raw.as_reader().take(MAX_REQUEST_BODY as u64 + 1).read_to_end(&mut body).is_err()
        || body.len() > MAX_REQUEST_BODY;
    let req = Request { method, target: raw.url().to_string(), content_type, body, remote: raw.remote_addr().copied() };
    if too_large {
        let _ = raw.respond(tiny_http::Response::from_string("request too large\n").with_status_code(413));
        return;
    }
    let (resp, note) = handle(&req);
    let mut out = tiny_http::Response::from_data(resp.body.clone()).with_status_code(resp.status);
    if let Ok(h) = tiny_http::Header::from_bytes(&b"Content-Type"[..], resp.content_type.as_bytes()) {
        out.add_header(h);
    }
    if let Ok(h) = tiny_http::Header::from_bytes(&b"Cache-Control"[..], &b"no-store"[..]) {
        out.add_header(h);
    }
    // A client that went away is not the server's problem.
    let _ = raw.respond(out);
    log(&req, &resp, note);
}

/// Decode `%XX` escapes (for OCSP GET requests, RFC 6960 A.1).
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("MEow%2BQ%3D%3D").as_deref(), Some("MEow+Q=="));
        assert_eq!(percent_decode("a/b").as_deref(), Some("a/b"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%4"), None);
    }

    #[test]
    fn serves_and_stops() {
        let server = Server::bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let addr = server.local_addr();
        assert_ne!(addr.port(), 0);
        let stop = AtomicBool::new(false);
        std::thread::scope(|s| {
            s.spawn(|| {
                server.serve(
                    2,
                    &stop,
                    &|r: &Request| {
                        (Response::ok("application/octet-stream", r.body.iter().rev().copied().collect()), ())
                    },
                    &|_, _, _| {},
                )
            });
            let limits = crate::http::client::Limits::SMALL;
            let url = format!("http://{addr}/echo");
            let reply = crate::http::client::post(&url, "application/x", "*/*", b"abc", limits).unwrap();
            assert_eq!(reply.body, b"cba");
            assert_eq!(reply.content_type.as_deref(), Some("application/octet-stream"));
            let big = vec![0u8; MAX_REQUEST_BODY + 1];
            let e = crate::http::client::post(&url, "application/x", "*/*", &big, limits).unwrap_err();
            assert!(matches!(e, crate::http::HttpError::Status { status: 413, .. }), "{e}");
            stop.store(true, Ordering::SeqCst);
        });
    }
}

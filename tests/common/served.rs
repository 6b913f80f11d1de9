//! [`Served`]: `kyso pki serve` on loopback (port 0) over a test PKI folder — the TSA,
//! OCSP responder and CRL/caIssuers server of the tests (real HTTP, no mocks).
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `kyso pki serve`; stopped with SIGINT when dropped.
pub struct Served {
    child: Child,
    /// The base URL (`http://127.0.0.1:PORT`).
    pub url: String,
    /// Everything it printed on stdout (its first line, then one line per request).
    pub log: Arc<Mutex<String>>,
}

impl Served {
    /// Serve `dir` with extra `kyso pki serve` arguments.
    pub fn start(dir: &Path, extra: &[&str]) -> Served {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("kyso"))
            .args(["pki", "serve"])
            .arg(dir)
            .args(["--listen", "127.0.0.1:0"])
            .args(extra)
            .env("LANG", "C")
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn kyso pki serve");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().expect("a first line").expect("utf-8");
        let url =
            first.split_whitespace().find(|w| w.starts_with("http://")).expect("URL in the first line").to_string();
        assert!(!url.ends_with(":0"), "port 0 must be replaced by the real port: {first}");
        let log = Arc::new(Mutex::new(first + "\n"));
        let l = log.clone();
        // Keep draining stdout: per-request log lines must never block the server.
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                l.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        Served { child, url, log }
    }

    /// Stop it with SIGINT (within 10 s) and return its exit status.
    pub fn interrupt(&mut self) -> ExitStatus {
        if let Some(st) = self.child.try_wait().ok().flatten() {
            return st;
        }
        let _ = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status();
        let start = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                return st;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "kyso pki serve did not stop on SIGINT");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stop it (SIGINT), e.g. to prove a later step works offline.
    pub fn stop(&mut self) {
        self.interrupt();
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            self.interrupt();
        }
    }
}

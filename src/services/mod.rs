//! The test PKI's services, as `kyso pki serve` runs them over HTTP: RFC 3161
//! time-stamps, RFC 6960 OCSP (POST and GET) and CRL downloads for a folder of CAs made
//! by kyso — what an integrator needs to test long-term signatures without the
//! internet, and what kyso's own tests use.
//!
//! | request                                   | answer                                                 |
//! |-------------------------------------------|--------------------------------------------------------|
//! | `POST /tsa` (`application/timestamp-query`) | `application/timestamp-reply` from the folder's TSA  |
//! | `POST /ocsp` (`application/ocsp-request`) | `application/ocsp-response`, signed by the CA's delegated responder or the CA |
//! | `GET /ocsp/{base64 request}`              | the same (RFC 6960 A.1)                                |
//! | `GET /crl/{NAME}.crl`                     | a current DER CRL of CA `NAME` (`application/pkix-crl`) |
//! | `GET /ca/{NAME}.crt`                      | CA `NAME`'s certificate, DER (for caIssuers URLs)      |
//! | `POST /` with either content type         | the TSA or the OCSP responder                          |
//!
//! The folder is read again whenever one of its certificate, key, chain or database
//! files changes, so certificates issued or revoked while the server runs are answered
//! for at once. CRLs are made on demand and kept until the database changes or half
//! their validity has passed.
//!
//! Owns: routing and the folder's state. May import [`crate::http`], [`crate::tsp`],
//! [`crate::revocation`], [`crate::pki`]; never prints (the CLI reports [`Event`]s).

pub mod dir;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use base64::Engine;
use der::Encode;
use serde::Serialize;
use zeroize::Zeroizing;

use crate::error::Result;
use crate::http::server::{Method, Request, Response, percent_decode};
use crate::pki::{dn, time};
use crate::revocation::crl::{self, CrlParams};
use crate::revocation::ocsp::responder::{self, Authority as OcspAuthority};
use dir::TestPki;

/// How the service runs.
pub struct Config {
    pub dir: PathBuf,
    /// The TSA's name when the folder has several.
    pub tsa: Option<String>,
    /// Opens encrypted keys of the CAs, TSA and responders.
    pub password: Option<Zeroizing<Vec<u8>>>,
    /// Seconds from an OCSP response's thisUpdate to its nextUpdate.
    pub ocsp_validity: i64,
    /// Seconds from a CRL's thisUpdate to its nextUpdate.
    pub crl_validity: i64,
}

/// What happened with one request, for the log.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// `tsa`, `ocsp`, `crl`, `ca` or `other`.
    pub service: &'static str,
    pub status: u16,
    /// Technical detail (serial numbers, statuses, CA names).
    pub detail: String,
}

/// What the folder offers, for the start-up report.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub authorities: Vec<AuthoritySummary>,
    pub tsa: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuthoritySummary {
    pub name: String,
    pub subject: String,
    /// Certificates in its database, and how many of them are revoked.
    pub issued: usize,
    pub revoked: usize,
    /// The delegated OCSP responder's name, or `None` when the CA signs its own answers.
    pub ocsp_responder: Option<String>,
}

pub struct Service {
    config: Config,
    state: Mutex<(dir::Fingerprint, Arc<TestPki>)>,
}

impl Service {
    /// Read the folder once (so that a broken folder fails at start, not per request).
    pub fn new(config: Config) -> Result<Service> {
        let fp = dir::fingerprint(&config.dir);
        let pki = dir::load_dir(&config.dir, config.tsa.as_deref(), config.password.as_deref().map(|p| p.as_slice()))?;
        Ok(Service { config, state: Mutex::new((fp, Arc::new(pki))) })
    }

    /// The current state, read again if the folder changed. A folder that became
    /// unreadable keeps being served as it was.
    fn pki(&self) -> Arc<TestPki> {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let fp = dir::fingerprint(&self.config.dir);
        if fp != st.0
            && let Ok(pki) = dir::load_dir(
                &self.config.dir,
                self.config.tsa.as_deref(),
                self.config.password.as_deref().map(|p| p.as_slice()),
            )
        {
            *st = (fp, Arc::new(pki));
        }
        st.1.clone()
    }

    pub fn summary(&self) -> Summary {
        let pki = self.pki();
        Summary {
            authorities: pki
                .authorities
                .iter()
                .map(|a| AuthoritySummary {
                    name: a.name.clone(),
                    subject: dn::to_string(a.cert.tbs_certificate().subject()),
                    issued: a.db.entries.len(),
                    revoked: a.db.entries.iter().filter(|e| e.revoked.is_some()).count(),
                    ocsp_responder: a.responder.as_ref().map(|r| r.0.clone()),
                })
                .collect(),
            tsa: pki.tsa.as_ref().map(|t| t.0.clone()),
        }
    }

    /// Answer one request.
    pub fn handle(&self, req: &Request) -> (Response, Event) {
        let path = req.target.split('?').next().unwrap_or("");
        let ct = req.content_type.as_deref().unwrap_or("");
        match (req.method, path) {
            (Method::Post, "/tsa") => self.tsa(&req.body),
            (Method::Post, "/ocsp") => self.ocsp(&req.body),
            (Method::Post, "/") if ct == "application/timestamp-query" => self.tsa(&req.body),
            (Method::Post, "/") if ct == "application/ocsp-request" => self.ocsp(&req.body),
            (Method::Get, p) if p.starts_with("/ocsp/") => {
                let raw = &req.target["/ocsp/".len()..];
                let decoded =
                    percent_decode(raw).and_then(|b| base64::engine::general_purpose::STANDARD.decode(b.trim()).ok());
                match decoded {
                    Some(der) => self.ocsp(&der),
                    None => error(400, "ocsp", "the GET request is not URL-encoded base64"),
                }
            }
            (Method::Get, p) if p.starts_with("/crl/") && p.ends_with(".crl") => self.crl(&p[5..p.len() - 4]),
            (Method::Get, p) if p.starts_with("/ca/") && p.ends_with(".crt") => self.ca_cert(&p[4..p.len() - 4]),
            (Method::Get, "/") => self.index(),
            (Method::Get, _) => error(404, "other", "no such resource"),
            _ => error(405, "other", "use POST for /tsa and /ocsp, GET for /ocsp/…, /crl/… and /ca/…"),
        }
    }

    fn tsa(&self, body: &[u8]) -> (Response, Event) {
        let pki = self.pki();
        let Some((name, tsa)) = &pki.tsa else {
            return error(404, "tsa", "this test PKI has no TSA (issue one with --profile tsa)");
        };
        let resp = tsa.respond(body, time::GenTime::now());
        let detail = match crate::tsp::asn1::TimeStampResp::from_der_bytes(&resp) {
            Some(s) if s.status.status <= 1 => format!("{name}: granted"),
            Some(s) => format!("{name}: {}", s.status.status_string.unwrap_or_default().join("; ")),
            None => format!("{name}: response"),
        };
        (Response::ok("application/timestamp-reply", resp), Event { service: "tsa", status: 200, detail })
    }

    fn ocsp(&self, body: &[u8]) -> (Response, Event) {
        let pki = self.pki();
        let auths: Vec<OcspAuthority> = pki
            .authorities
            .iter()
            .map(|a| {
                let (cert, key) = match &a.responder {
                    Some((_, c, k)) => (c, k as &dyn crate::pki::signer::Signer),
                    None => (&a.cert, &a.key as &dyn crate::pki::signer::Signer),
                };
                OcspAuthority {
                    ca: &a.cert,
                    db: &a.db,
                    signer_cert: cert,
                    signer: key,
                    validity: self.config.ocsp_validity,
                }
            })
            .collect();
        let now = time::now_unix();
        let resp = responder::respond(body, &auths, now);
        let detail = describe_ocsp(body, &resp, &pki);
        (Response::ok("application/ocsp-response", resp), Event { service: "ocsp", status: 200, detail })
    }

    fn crl(&self, name: &str) -> (Response, Event) {
        let pki = self.pki();
        let Some(a) = pki.authorities.iter().find(|a| a.name == name) else {
            return error(404, "crl", &format!("no CA named {name:?}"));
        };
        let now = time::now_unix();
        let mut cache = a.crl.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = cache.as_ref().is_some_and(|(made, _)| now - made < self.config.crl_validity / 2);
        if !fresh {
            let made = cadb_number(&a.prefix).and_then(|number| {
                let p = CrlParams { this_update: now, next_update: now + self.config.crl_validity, number };
                crl::build(&a.cert, &a.key, &a.db, &p).map_err(|e| e.to_string())
            });
            match made {
                Ok(der) => *cache = Some((now, der)),
                Err(e) => return error(500, "crl", &format!("{name}: {e}")),
            }
        }
        let der = cache.as_ref().map(|(_, d)| d.clone()).unwrap_or_default();
        let revoked = a.db.entries.iter().filter(|e| e.revoked.is_some_and(|(t, _)| t <= now)).count();
        (
            Response::ok("application/pkix-crl", der),
            Event { service: "crl", status: 200, detail: format!("{name}: {revoked} revoked") },
        )
    }

    fn ca_cert(&self, name: &str) -> (Response, Event) {
        let pki = self.pki();
        match pki.authorities.iter().find(|a| a.name == name).and_then(|a| a.cert.to_der().ok()) {
            Some(der) => {
                (Response::ok("application/pkix-cert", der), Event { service: "ca", status: 200, detail: name.into() })
            }
            None => error(404, "ca", &format!("no CA named {name:?}")),
        }
    }

    fn index(&self) -> (Response, Event) {
        let s = self.summary();
        let mut text = String::from("kyso test PKI\n\nPOST /tsa      RFC 3161 time-stamps");
        text += &match &s.tsa {
            Some(t) => format!(" (TSA {t})\n"),
            None => " (no TSA in this folder)\n".into(),
        };
        text += "POST /ocsp     RFC 6960 OCSP; GET /ocsp/{base64} too\n";
        for a in &s.authorities {
            text += &format!("GET  /crl/{}.crl  /ca/{}.crt   {}\n", a.name, a.name, a.subject);
        }
        (
            Response { status: 200, content_type: "text/plain; charset=utf-8", body: text.into_bytes() },
            Event { service: "other", status: 200, detail: "index".into() },
        )
    }
}

fn cadb_number(prefix: &std::path::Path) -> std::result::Result<Vec<u8>, String> {
    crate::pki::cadb::next_crl_number(prefix).map_err(|e| e.to_string())
}

fn error(status: u16, service: &'static str, text: &str) -> (Response, Event) {
    (Response::error(status, text), Event { service, status, detail: text.to_string() })
}

/// "inter 1A2B…: good" for the log.
fn describe_ocsp(req: &[u8], resp: &[u8], pki: &TestPki) -> String {
    use crate::revocation::ocsp::asn1::{CertStatus, OcspResponse, ResponseStatus};
    use der::Decode;
    let Ok(r) = OcspResponse::from_der(resp) else { return "response".into() };
    if r.response_status != ResponseStatus::Successful {
        return r.response_status.name().to_string();
    }
    let Ok(parsed) = crate::revocation::ocsp::request::parse(req) else { return "successful".into() };
    let now = time::now_unix();
    parsed
        .tbs_request
        .request_list
        .iter()
        .map(|q| {
            let id = &q.req_cert;
            let serial = hex::encode_upper(crate::pki::cadb::normalize_serial(id.serial_number.as_bytes()));
            match pki.authorities.iter().find(|a| crate::revocation::ocsp::id_matches_issuer(id, &a.cert)) {
                Some(a) => {
                    let st = match responder::status_of(&a.db, id.serial_number.as_bytes(), now) {
                        CertStatus::Good(_) => "good",
                        CertStatus::Revoked(_) => "revoked",
                        CertStatus::Unknown(_) => "unknown",
                    };
                    format!("{} {serial}: {st}", a.name)
                }
                None => format!("{serial}: unauthorized"),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

//! `kyso pki serve`: the test PKI's time-stamp, OCSP and CRL services over HTTP.

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Args, Subcommand};
use serde_json::json;

use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::http::server::Server;
use crate::pki::load;
use crate::report::output::Output;
use crate::services::{Config, Service};

#[derive(Debug, Subcommand)]
pub enum PkiCommand {
    /// Answer RFC 3161 time-stamp, RFC 6960 OCSP and CRL requests for a test PKI folder
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  \
    kyso pki serve pki/ --listen 127.0.0.1:8080\n\n\
    Endpoints: POST /tsa (application/timestamp-query), POST /ocsp and GET /ocsp/{base64} \
    (application/ocsp-request), GET /crl/NAME.crl, GET /ca/NAME.crt — NAME is a CA's file prefix in DIR. \
    Port 0 picks a free port and prints it. Ctrl-C stops the server.")]
pub struct ServeArgs {
    /// The test PKI folder: CAs made by kyso (NAME.crt, NAME.key, NAME.index.txt), a TSA
    /// (--profile tsa) and delegated OCSP responders (--profile ocsp)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Address to listen on (port 0: any free port)
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Allow a non-loopback address (the services sign whatever they are asked to)
    #[arg(long)]
    pub allow_remote: bool,
    /// The TSA to use when DIR has several (its file prefix)
    #[arg(long, value_name = "NAME")]
    pub tsa: Option<String>,
    /// Seconds from an OCSP response's thisUpdate to its nextUpdate
    #[arg(long, value_name = "SECS", default_value_t = 86_400)]
    pub ocsp_validity: u32,
    /// Seconds from a CRL's thisUpdate to its nextUpdate
    #[arg(long, value_name = "SECS", default_value_t = 86_400)]
    pub crl_validity: u32,
    /// Password of encrypted CA, TSA or responder keys, in a file; KYSO_CA_KEY_PASSWORD is used when not given
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Worker threads
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub workers: u16,
}

pub fn run(cmd: PkiCommand, out: &Output) -> Result<ExitStatus> {
    match cmd {
        PkiCommand::Serve(args) => serve(args, out),
    }
}

fn listen_addr(s: &str, allow_remote: bool) -> Result<SocketAddr> {
    let addr = s
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .ok_or_else(|| Error::InvalidOption { option: "--listen", detail: format!("{s:?} is not ADDRESS:PORT") })?;
    if !addr.ip().is_loopback() && !allow_remote {
        return Err(Error::NotLoopback { addr: addr.to_string() });
    }
    Ok(addr)
}

fn serve(args: ServeArgs, out: &Output) -> Result<ExitStatus> {
    let addr = listen_addr(&args.listen, args.allow_remote)?;
    let password = load::password(args.password_file.as_deref(), "KYSO_CA_KEY_PASSWORD")?;
    let service = Service::new(Config {
        dir: args.dir.clone(),
        tsa: args.tsa.clone(),
        password,
        ocsp_validity: i64::from(args.ocsp_validity.max(1)),
        crl_validity: i64::from(args.crl_validity.max(60)),
    })?;
    let server = Server::bind(addr).map_err(|e| Error::Listen { addr: addr.to_string(), detail: e.to_string() })?;
    let local = server.local_addr();
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst))
            .map_err(|e| Error::Listen { addr: local.to_string(), detail: format!("cannot handle Ctrl-C: {e}") })?;
    }
    let base = format!("http://{local}");
    let summary = service.summary();
    let l = out.lang;
    out.result(
        || {
            let mut s = format!(
                "{} {} {} {base}\n",
                l.pick("Serving test PKI", "Đang phục vụ PKI thử nghiệm"),
                args.dir.display(),
                l.pick("on", "tại"),
            );
            match &summary.tsa {
                Some(t) => s += &format!("  {:<20} {base}/tsa\n", format!("TSA {t}")),
                None => s += l.pick("  no TSA in this folder\n", "  thư mục không có TSA\n"),
            }
            s += &format!("  {:<20} {base}/ocsp\n", "OCSP");
            for a in &summary.authorities {
                let signer = match &a.ocsp_responder {
                    Some(r) => format!("{} {r}", l.pick("OCSP signed by", "OCSP ký bởi")),
                    None => l.pick("OCSP signed by the CA", "OCSP do CA ký").to_string(),
                };
                s += &format!(
                    "  {:<20} {base}/crl/{}.crl  ({}; {} {}, {} {})\n",
                    format!("CRL {}", a.name),
                    a.name,
                    signer,
                    a.issued,
                    l.pick("issued", "đã cấp"),
                    a.revoked,
                    l.pick("revoked", "đã thu hồi")
                );
            }
            s += l.pick("Press Ctrl-C to stop.", "Nhấn Ctrl-C để dừng.");
            s
        },
        || json!({ "listening": base, "dir": args.dir, "tsa": summary.tsa, "authorities": summary.authorities }),
    );
    let handle = |req: &crate::http::server::Request| service.handle(req);
    let log = |req: &crate::http::server::Request, resp: &crate::http::server::Response, ev: crate::services::Event| {
        // Per-request lines are for people; a JSON run prints only its start document.
        if !out.is_json() {
            let method = match req.method {
                crate::http::server::Method::Get => "GET",
                crate::http::server::Method::Post => "POST",
                crate::http::server::Method::Other => "?",
            };
            let target: String = req.target.chars().take(48).collect();
            let ellipsis = if req.target.chars().count() > 48 { "…" } else { "" };
            out.human(&format!("{method} {target}{ellipsis} {} {}: {}", resp.status, ev.service, ev.detail));
        }
    };
    server.serve(usize::from(args.workers), &stop, &handle, &log);
    out.result(|| l.pick("Stopped.", "Đã dừng.").to_string(), || json!({ "stopped": true }));
    Ok(ExitStatus::Success)
}

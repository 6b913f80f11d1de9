//! `kyso trust add|list|show|remove`: named trust stores ([`crate::trust`]), used as
//! `--trust @NAME` (anchors) and `--certs @NAME` (intermediates) wherever those are accepted.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{Value, json};
use x509_cert::Certificate;

use crate::error::Result;
use crate::exit::ExitStatus;
use crate::pki::info::CertInfo;
use crate::report::output::Output;
use crate::trust::{self, TrustError, builtin, store};

#[derive(Debug, Subcommand)]
#[command(after_help = "Examples:
  kyso trust add partners ca-root.pem ca-sub.cer    # a store named \"partners\"
  kyso verify invoice.xml --trust @partners
  kyso verify invoice.xml --trust @vn --certs @vn   # the built-in Vietnamese roots and CAs
  kyso trust show vn")]
pub enum TrustCommand {
    /// Add CA certificates (PEM or DER, several per file, or a .p7b bundle) to a store, creating it
    Add(AddArgs),
    /// List the trust stores: the built-in ones and the user's
    List,
    /// Show each certificate of a store: subject, issuer, validity, SHA-256
    Show(NameArg),
    /// Remove a user store and its certificates
    Remove(NameArg),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Store name (letters, digits, '-', '_', '.'); "vn" is reserved for the built-in store
    pub name: String,
    /// Certificate files
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NameArg {
    /// Store name (with or without the leading '@')
    pub name: String,
}

fn bare(name: &str) -> &str {
    name.strip_prefix('@').unwrap_or(name)
}

pub fn run(cmd: TrustCommand, out: &Output) -> Result<ExitStatus> {
    match cmd {
        TrustCommand::Add(a) => add(a, out),
        TrustCommand::List => list(out),
        TrustCommand::Show(n) => show(bare(&n.name), out),
        TrustCommand::Remove(n) => remove(bare(&n.name), out),
    }
}

fn add(args: AddArgs, out: &Output) -> Result<ExitStatus> {
    let name = bare(&args.name).to_string();
    store::valid_name(&name)?;
    if builtin::get(&name).is_some() {
        return Err(TrustError::Reserved { name }.into());
    }
    // Read and check every file before writing anything.
    let mut certs: Vec<Certificate> = Vec::new();
    for f in &args.files {
        certs.extend(store::read_ca_certificates(f)?);
    }
    let dir = store::stores_dir()?;
    let added = store::add(&dir, &name, &certs)?;
    let l = out.lang;
    out.result(
        || {
            let mut s = String::new();
            for a in &added {
                let i = CertInfo::new(&a.certificate);
                let what =
                    if a.new { l.pick("added", "đã thêm") } else { l.pick("already there", "đã có sẵn") };
                s += &format!("{what}: {}\n  SHA-256 {}\n", i.subject, i.sha256);
            }
            s += &format!(
                "{} @{name}: {} ({})",
                l.pick("trust store", "kho tin cậy"),
                dir.join(&name).display(),
                l.pick("use it as --trust @", "dùng bằng --trust @").to_string() + &name
            );
            s
        },
        || {
            json!({
                "store": name,
                "path": dir.join(&name),
                "added": added.iter().map(|a| {
                    let i = CertInfo::new(&a.certificate);
                    json!({ "subject": i.subject, "sha256": i.sha256, "new": a.new })
                }).collect::<Vec<Value>>(),
            })
        },
    );
    Ok(ExitStatus::Success)
}

fn list(out: &Output) -> Result<ExitStatus> {
    let dir = store::stores_dir().ok();
    let user = match &dir {
        Some(d) => store::list(d)?,
        None => Vec::new(),
    };
    let l = out.lang;
    out.result(
        || {
            let mut s = String::new();
            for b in builtin::STORES {
                s += &format!(
                    "@{}  {} ({} {}, {} {})\n  {}\n",
                    b.name,
                    l.pick("built-in", "có sẵn"),
                    b.roots.len(),
                    l.pick("roots", "chứng thư gốc"),
                    b.intermediates.len(),
                    l.pick("intermediates", "chứng thư trung gian"),
                    l.pick(b.description[0], b.description[1])
                );
            }
            for u in &user {
                s += &format!("@{}  {} {}\n", u.name, u.certificates, l.pick("certificates", "chứng thư"));
            }
            if user.is_empty() {
                s += l.pick(
                    "no user trust store yet: kyso trust add NAME FILE…",
                    "chưa có kho tin cậy của người dùng: kyso trust add TÊN TỆP…",
                );
            }
            s
        },
        || {
            let mut stores: Vec<Value> = builtin::STORES
                .iter()
                .map(|b| {
                    json!({ "name": b.name, "builtin": true, "roots": b.roots.len(),
                            "intermediates": b.intermediates.len() })
                })
                .collect();
            stores.extend(
                user.iter().map(|u| json!({ "name": u.name, "builtin": false, "certificates": u.certificates })),
            );
            json!({ "path": dir, "stores": stores })
        },
    );
    Ok(ExitStatus::Success)
}

fn show(name: &str, out: &Output) -> Result<ExitStatus> {
    let sections: Vec<(&str, Vec<Certificate>)> = match builtin::get(name) {
        Some(b) => vec![("roots", b.roots()?), ("intermediates", b.intermediates()?)],
        None => vec![("certificates", trust::resolve(name, trust::Role::Anchors)?)],
    };
    let l = out.lang;
    out.result(
        || {
            let mut s = format!("@{name}\n");
            for (kind, certs) in &sections {
                let title = match *kind {
                    "roots" => l.pick("roots (--trust)", "chứng thư gốc (--trust)"),
                    "intermediates" => l.pick(
                        "intermediates (--certs, not trusted)",
                        "chứng thư trung gian (--certs, không được tin cậy)",
                    ),
                    _ => l.pick("certificates", "chứng thư"),
                };
                s += &format!("{title}: {}\n", certs.len());
                for c in certs {
                    let i = CertInfo::new(c);
                    s += &format!(
                        "  {}\n    {}: {}\n    {}: {} .. {}\n    SHA-256: {}\n",
                        i.subject,
                        l.pick("issuer", "bên cấp"),
                        i.issuer,
                        l.pick("valid", "hiệu lực"),
                        i.not_before,
                        i.not_after,
                        i.sha256
                    );
                }
            }
            s
        },
        || {
            let mut doc = json!({ "store": name, "builtin": builtin::get(name).is_some() });
            for (kind, certs) in &sections {
                doc[*kind] = certs
                    .iter()
                    .map(|c| {
                        let i = CertInfo::new(c);
                        json!({ "subject": i.subject, "issuer": i.issuer, "not_before": i.not_before,
                                "not_after": i.not_after, "sha256": i.sha256 })
                    })
                    .collect::<Vec<Value>>()
                    .into();
            }
            doc
        },
    );
    Ok(ExitStatus::Success)
}

fn remove(name: &str, out: &Output) -> Result<ExitStatus> {
    let dir = store::stores_dir()?;
    store::remove(&dir, name)?;
    let l = out.lang;
    out.result(
        || format!("{} @{name}", l.pick("removed the trust store", "đã xóa kho tin cậy")),
        || json!({ "removed": name }),
    );
    Ok(ExitStatus::Success)
}

//! `kyso profile list|show|add` and `--as NAME` for the signing commands: named signing
//! profiles from the user's config.toml and the project's kyso.toml (see [`crate::config`]).
//!
//! A profile fills in the signing flags that were not given on the command line: [`Given`]
//! records which ones were (clap's value source), and [`apply`] merges the profile into the
//! parsed arguments, so the signing commands themselves do not change.

use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use serde_json::{Value, json};

use super::args::SignerArgs;
use super::profile_add::{AddArgs, from_flags};
use super::sign_args::{C14nArg, CertifyArg, PdfArgs, StepArg, SubFilterArg, XmlArgs, XmlProfileArg};
use crate::cli::choices::Digest;
use crate::config::profile::{resolve_path, valid_name, with_profile};
use crate::config::{self, ConfigError, Problem, Profile, ProfileDef, Profiles, Scope};
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::fsutil::{self, WriteOptions};
use crate::report::output::Output;

/// With `--as NAME`: fill in what the command line left out from the profile.
pub fn apply(signer: &mut SignerArgs, pdf: &mut PdfArgs, xml: &mut XmlArgs) -> Result<()> {
    let Some(name) = signer.as_profile.clone() else { return Ok(()) };
    let cwd = std::env::current_dir().map_err(|source| Error::Read { path: ".".into(), source })?;
    let profiles = Profiles::load(&cwd)?;
    let p = profiles.get(&name)?;
    merge(p, signer, pdf, xml)
}

fn value<T: ValueEnum>(p: &Profile, key: &str, v: &str) -> Result<T> {
    T::from_str(v, false).map_err(|_| {
        let names: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|x| x.to_possible_value())
            .map(|pv| pv.get_name().to_string())
            .collect();
        p.error(key, Problem::BadValue { value: v.into(), expected: names.join(", ") }).into()
    })
}

/// Merge profile `p` into the parsed arguments; flags given on the command line win.
pub fn merge(p: &Profile, signer: &mut SignerArgs, pdf: &mut PdfArgs, xml: &mut XmlArgs) -> Result<()> {
    p.check()?;
    let g = signer.given.clone();
    let d = &p.def;
    let file = |key: &str, v: &Option<String>| -> Result<Option<PathBuf>> {
        v.as_deref().map(|s| p.file(key, s)).transpose().map_err(Error::from)
    };
    // Who signs: a key source on the command line replaces the profile's as a whole.
    if !(g.has("key") || g.has("p12") || g.has("pkcs11")) {
        macro_rules! fill {
            ($field:expr, $id:literal, $value:expr) => {
                if !g.has($id) && $value.is_some() {
                    $field = $value;
                }
            };
        }
        fill!(signer.key, "key", file("key", &d.key)?);
        fill!(signer.p12, "p12", file("p12", &d.p12)?);
        fill!(signer.pkcs11, "pkcs11", file("pkcs11", &d.pkcs11)?);
        fill!(signer.token, "token", d.token.clone());
        fill!(signer.slot, "slot", d.slot);
        fill!(signer.key_label, "key_label", d.key_label.clone());
        fill!(signer.key_id, "key_id", d.key_id.clone());
        fill!(signer.cert, "cert", file("cert", &d.cert)?);
        fill!(signer.pin_file, "pin_file", file("pin-file", &d.pin_file)?);
        fill!(signer.password_file, "password_file", file("password-file", &d.password_file)?);
        if !g.has("chain")
            && let Some(chain) = &d.chain
        {
            signer.chain = chain.iter().map(|c| p.file("chain", c)).collect::<config::Result<_>>()?;
        }
    }
    if !g.has("digest")
        && let Some(v) = &d.digest
    {
        signer.digest = value::<Digest>(p, "digest", v)?;
    }
    if !g.has("pss") && d.pss == Some(true) {
        signer.pss = true;
    }

    // PDF
    macro_rules! text {
        ($field:expr, $id:literal, $value:expr) => {
            if !g.has($id) && $value.is_some() {
                $field = $value.clone();
            }
        };
    }
    text!(pdf.reason, "reason", d.reason);
    text!(pdf.location, "location", d.location);
    text!(pdf.contact, "contact", d.contact);
    text!(pdf.copy_type, "copy_type", d.copy_type);
    text!(pdf.agency, "agency", d.agency);
    if !g.has("appearance")
        && let Some(v) = &d.appearance
    {
        pdf.appearance = Some(value::<StepArg>(p, "appearance", v)?);
    }
    if !g.has("image") && d.image.is_some() {
        pdf.image = file("image", &d.image)?;
    }
    if !g.has("font") && d.font.is_some() {
        pdf.font = file("font", &d.font)?;
    }
    // Placement: --rect or --anchor on the command line replaces the profile's placement.
    if !(g.has("rect") || g.has("anchor")) {
        if let Some(r) = &d.rect {
            let n: Vec<f64> = r.split(',').filter_map(|x| x.trim().parse().ok()).collect();
            if n.len() != 4 || r.split(',').count() != 4 {
                return Err(p
                    .error("rect", Problem::BadValue { value: r.clone(), expected: "x1,y1,x2,y2".into() })
                    .into());
            }
            pdf.rect = Some(r.clone());
        }
        text!(pdf.anchor, "anchor", d.anchor);
    }
    if !g.has("page")
        && let Some(n) = d.page
    {
        if n == 0 {
            return Err(p.error("page", Problem::BadValue { value: "0".into(), expected: "1, 2, …".into() }).into());
        }
        pdf.page = n;
    }
    if !g.has("subfilter")
        && let Some(v) = &d.subfilter
    {
        pdf.subfilter = value::<SubFilterArg>(p, "subfilter", v)?;
    }
    if !g.has("certify")
        && let Some(v) = &d.certify
    {
        pdf.certify = Some(value::<CertifyArg>(p, "certify", v)?);
    }
    // The command line's `requires = "appearance"` accepts --as in its place; check now.
    if pdf.appearance.is_none() {
        for (id, set) in [
            ("--image", pdf.image.is_some()),
            ("--anchor", pdf.anchor.is_some()),
            ("--rect", pdf.rect.is_some()),
            ("--doc-number", pdf.doc_number.is_some()),
            ("--copy-type", pdf.copy_type.is_some()),
            ("--agency", pdf.agency.is_some()),
            ("--font", pdf.font.is_some()),
        ] {
            if set {
                return Err(Error::InvalidOption {
                    option: "--appearance",
                    detail: format!(
                        "{id} needs a visible signature: give --appearance or set `appearance` in the profile"
                    ),
                });
            }
        }
    }

    // XML
    if !g.has("profile")
        && let Some(v) = &d.xml_profile
    {
        xml.profile = value::<XmlProfileArg>(p, "xml-profile", v)?;
    }
    if !g.has("c14n")
        && let Some(v) = &d.c14n
    {
        xml.c14n = value::<C14nArg>(p, "c14n", v)?;
    }
    if !g.has("id_attr")
        && let Some(v) = &d.id_attr
    {
        xml.id_attr = v.clone();
    }
    if d.xades == Some(true) {
        xml.xades = true;
    }
    if d.ds_prefix == Some(true) {
        xml.ds_prefix = true;
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run; boxing buys nothing
pub enum ProfileCommand {
    /// List the signing profiles (the user's config.toml, then the project's kyso.toml)
    List,
    /// Show what a profile resolves to (PINs and passwords shown as where they come from)
    Show {
        /// The profile's name
        name: String,
    },
    /// Create a profile: asks on a terminal (token, key, appearance, image), or takes flags
    Add(AddArgs),
}

pub fn run(cmd: ProfileCommand, out: &Output) -> Result<ExitStatus> {
    let cwd = std::env::current_dir().map_err(|source| Error::Read { path: ".".into(), source })?;
    match cmd {
        ProfileCommand::List => list(&Profiles::load(&cwd)?, out),
        ProfileCommand::Show { name } => {
            let profiles = Profiles::load(&cwd)?;
            show(profiles.get(&name)?, out)
        }
        ProfileCommand::Add(args) => add(args, &cwd, out),
    }
}

fn summary(d: &ProfileDef) -> String {
    let who = match (&d.pkcs11, &d.p12, &d.key) {
        (Some(_), _, _) => {
            let mut s = "PKCS#11".to_string();
            if let Some(t) = &d.token {
                s += &format!(" token {t:?}");
            }
            if let Some(k) = d.key_label.as_ref().or(d.key_id.as_ref()) {
                s += &format!(" key {k:?}");
            }
            s
        }
        (None, Some(p12), _) => format!("p12 {p12}"),
        (None, None, Some(k)) => format!("key {k}"),
        _ => "-".into(),
    };
    match &d.appearance {
        Some(a) => format!("{who}, {a}"),
        None => who,
    }
}

fn list(profiles: &Profiles, out: &Output) -> Result<ExitStatus> {
    let effective = profiles.effective();
    let l = out.lang;
    out.result(
        || {
            if effective.is_empty() {
                return format!(
                    "{}\n",
                    l.pick(
                        "no signing profiles; create one with `kyso profile add NAME`",
                        "chưa có hồ sơ ký nào; hãy tạo bằng `kyso profile add TÊN`"
                    )
                );
            }
            let mut s = String::new();
            for (name, p) in &effective {
                s += &format!("{name:<16} {:<36} {}:{}\n", summary(&p.def), p.path.display(), p.line);
            }
            s
        },
        || {
            json!({
                "profiles": effective.values().map(|p| json!({
                    "name": p.name, "scope": p.scope, "file": p.path, "line": p.line, "summary": summary(&p.def),
                })).collect::<Vec<_>>(),
                "files": profiles.files.iter().map(|f| json!({"file": f.path, "scope": f.scope})).collect::<Vec<_>>(),
            })
        },
    );
    Ok(ExitStatus::Success)
}

/// The resolved values of a profile, as (key, value) pairs; secrets as their source.
fn resolved(p: &Profile, lang: crate::report::Lang) -> Vec<(String, Value)> {
    let d = &p.def;
    let path = |v: &str| Value::String(resolve_path(&p.path, v).display().to_string());
    let mut rows: Vec<(String, Value)> = Vec::new();
    let all = serde_json::to_value(d).unwrap_or(Value::Null);
    if let Value::Object(m) = all {
        for (k, v) in m {
            let v = match (&v, config::profile::PATH_KEYS.contains(&k.as_str())) {
                (Value::String(s), true) => path(s),
                (Value::Array(a), true) => {
                    Value::Array(a.iter().map(|x| x.as_str().map(path).unwrap_or(Value::Null)).collect())
                }
                _ => v,
            };
            rows.push((k, v));
        }
    }
    let order = |k: &str| config::profile::KEYS.iter().position(|x| *x == k).unwrap_or(usize::MAX);
    rows.sort_by_key(|(k, _)| order(k));
    // where the secret will come from at signing time
    let secret = |file: &Option<String>, env: &str| -> String {
        match file {
            Some(f) => format!("{} {}", lang.pick("file", "tệp"), resolve_path(&p.path, f).display()),
            None if std::env::var_os(env).is_some() => format!("{env} ({})", lang.pick("set", "đã đặt")),
            None => format!(
                "{env} {}",
                lang.pick("if set, else a prompt on the terminal", "nếu có, nếu không thì hỏi trên terminal")
            ),
        }
    };
    if d.pkcs11.is_some() {
        rows.push(("pin".into(), Value::String(secret(&d.pin_file, "KYSO_PIN"))));
    } else if d.p12.is_some() || d.key.is_some() {
        rows.push(("password".into(), Value::String(secret(&d.password_file, "KYSO_KEY_PASSWORD"))));
    }
    rows
}

fn show(p: &Profile, out: &Output) -> Result<ExitStatus> {
    let check = p.check().err();
    let rows = resolved(p, out.lang);
    let l = out.lang;
    out.result(
        || {
            let mut s = format!("{} {} ({}:{})\n", l.pick("profile", "hồ sơ ký"), p.name, p.path.display(), p.line);
            for (k, v) in &rows {
                let v = match v {
                    Value::String(s) => s.clone(),
                    Value::Array(a) => a.iter().map(|x| x.as_str().unwrap_or("?")).collect::<Vec<_>>().join(", "),
                    other => other.to_string(),
                };
                s += &format!("  {k:<14} {v}\n");
            }
            if let Some(e) = &check {
                s +=
                    &format!("  {} {}\n", l.pick("problem:", "vấn đề:"), crate::report::messages::config_message(e, l));
            }
            s
        },
        || {
            json!({"profile": {
                "name": p.name, "scope": p.scope, "file": p.path, "line": p.line,
                "values": rows.iter().cloned().collect::<serde_json::Map<_, _>>(),
                "problem": check.as_ref().map(|e| crate::report::messages::config_message(e, l)),
            }})
        },
    );
    Ok(if check.is_some() { ExitStatus::Error } else { ExitStatus::Success })
}

fn add(args: AddArgs, cwd: &Path, out: &Output) -> Result<ExitStatus> {
    if !valid_name(&args.name) {
        return Err(Error::InvalidOption {
            option: "NAME",
            detail: format!("{:?}: use letters, digits, '-', '_' or '.'", args.name),
        });
    }
    let target = if args.project {
        config::find_project_config(cwd).unwrap_or_else(|| cwd.join(config::PROJECT_FILE))
    } else {
        config::user_config_path().ok_or_else(|| ConfigError::new(None, Problem::NoConfigDir))?
    };
    let existing = match target.is_file() {
        // read and check it first: never write into a file kyso would refuse to read
        true => {
            let scope = if args.project { Scope::Project } else { Scope::User };
            let f = config::read_file(&target, scope)?;
            if f.profiles.contains_key(&args.name) && !args.force {
                let mut e = ConfigError::new(Some(&target), Problem::ProfileExists { name: args.name.clone() });
                e.line = f.profiles.get(&args.name).map(|p| p.line);
                return Err(e.into());
            }
            std::fs::read_to_string(&target).map_err(|source| Error::Read { path: target.clone(), source })?
        }
        false => String::new(),
    };
    let has_source = args.key.is_some() || args.p12.is_some() || args.pkcs11.is_some();
    let def = if has_source || args.no_input {
        from_flags(&args)
    } else {
        match super::profile_ask::ask(&args, out)? {
            Some(def) => def,
            None => {
                return Err(Error::InvalidOption {
                    option: "--pkcs11",
                    detail: "no terminal to ask on: give the key source (--pkcs11, --p12 or --key) and the other \
                             values as flags"
                        .into(),
                });
            }
        }
    };
    Profile::in_memory(&args.name, &target, def.clone()).check()?;
    let text = with_profile(&existing, &target, &args.name, &def, args.force)?;
    if let Some(dir) = target.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_path_buf(), source })?;
    }
    fsutil::write_atomic(&target, text.as_bytes(), WriteOptions::SECRET.force(true))?;
    let l = out.lang;
    out.result(
        || {
            format!(
                "{} {} → {}\n  {} kyso sign FILE --as {}\n",
                l.pick("profile", "hồ sơ ký"),
                args.name,
                target.display(),
                l.pick("sign with:", "ký bằng:"),
                args.name
            )
        },
        || json!({"profile": {"name": args.name, "file": target, "summary": summary(&def)}}),
    );
    Ok(ExitStatus::Success)
}

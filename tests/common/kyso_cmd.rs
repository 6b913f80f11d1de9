//! [`Kyso`]: the `kyso` binary as an `assert_cmd::Command` that, when a run succeeds,
//! runs the lopdf oracle ([`super::pdf_check::lopdf_agrees`]) on every PDF the run
//! wrote: new or changed files (by size and modification time) among the places the
//! command names — `-o`/`--out`/`--output` paths (files or batch folders), folder
//! arguments, inputs changed in place, `STEM.*` files written next to an input `STEM.ext`
//! (default output names) — plus a PDF written to stdout. An encrypted output is opened with
//! the `--pdf-password-file` / `KYSO_PDF_PASSWORD` password the command was given.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::SystemTime;

use assert_cmd::assert::{Assert, OutputAssertExt};

/// The `kyso` binary with the PDF oracle on what it writes (see the module doc).
pub struct Kyso {
    cmd: assert_cmd::Command,
    args: Vec<OsString>,
    dir: Option<PathBuf>,
    envs: Vec<(OsString, Option<OsString>)>,
}

type Snapshot = BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

impl Kyso {
    pub fn new(cmd: assert_cmd::Command) -> Kyso {
        Kyso { cmd, args: Vec::new(), dir: None, envs: Vec::new() }
    }

    pub fn arg(&mut self, a: impl AsRef<OsStr>) -> &mut Self {
        self.args.push(a.as_ref().to_os_string());
        self.cmd.arg(a);
        self
    }

    pub fn args<I, S>(&mut self, args: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        for a in args {
            self.arg(a);
        }
        self
    }

    pub fn current_dir(&mut self, d: impl AsRef<Path>) -> &mut Self {
        self.dir = Some(d.as_ref().to_path_buf());
        self.cmd.current_dir(d);
        self
    }

    pub fn env(&mut self, k: impl AsRef<OsStr>, v: impl AsRef<OsStr>) -> &mut Self {
        self.envs.push((k.as_ref().to_os_string(), Some(v.as_ref().to_os_string())));
        self.cmd.env(k, v);
        self
    }

    pub fn env_remove(&mut self, k: impl AsRef<OsStr>) -> &mut Self {
        self.envs.push((k.as_ref().to_os_string(), None));
        self.cmd.env_remove(k);
        self
    }

    pub fn write_stdin(&mut self, buf: impl Into<Vec<u8>>) -> &mut Self {
        self.cmd.write_stdin(buf);
        self
    }

    /// Run; on success, check the PDFs written.
    pub fn output(&mut self) -> std::io::Result<Output> {
        let before = self.snapshot();
        let out = self.cmd.output()?;
        if out.status.success() {
            self.check_written(&before, &out.stdout);
        }
        Ok(out)
    }

    /// Run and assert on the result (`assert_cmd` style); on success, check the PDFs written.
    pub fn assert(&mut self) -> Assert {
        let out = self.output().expect("run kyso");
        out.assert().append_context("command", format!("kyso {:?}", self.args))
    }

    fn work_dir(&self) -> PathBuf {
        self.dir.clone().unwrap_or_else(|| std::env::current_dir().expect("cwd"))
    }

    /// What the command names: (outputs — `-o`/`--out`/`--output` values and folder
    /// arguments, whose every new or changed file counts —, inputs — other existing
    /// path arguments: changed in place, or a new `STEM.*` file next to one counts).
    fn targets(&self) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let wd = self.work_dir();
        let (mut outs, mut ins) = (Vec::new(), Vec::new());
        let mut out_next = false;
        for a in &self.args {
            let s = a.to_string_lossy();
            let inline = s.strip_prefix("--out=").or_else(|| s.strip_prefix("--output="));
            let (value, is_out) = match inline {
                Some(v) => (Some(v.to_string()), true),
                None if out_next || !s.starts_with('-') => (Some(s.to_string()), out_next),
                None => (None, false),
            };
            out_next = matches!(s.as_ref(), "-o" | "--out" | "--output");
            let Some(v) = value.filter(|v| !v.is_empty() && v != "-") else { continue };
            let p = wd.join(&v);
            if is_out || p.is_dir() {
                outs.push(p);
            } else if p.is_file() {
                ins.push(p);
            }
        }
        (outs, ins)
    }

    fn snapshot(&self) -> Snapshot {
        let (outs, ins) = self.targets();
        let mut snap = Snapshot::new();
        for p in outs.iter().chain(&ins) {
            if p.is_dir() {
                scan(p, 4, &mut snap);
            }
            if let Some(parent) = p.parent() {
                scan(parent, 0, &mut snap);
            }
        }
        snap
    }

    /// Did this command write `p`? (Other tests may write next to its files meanwhile.)
    fn wrote(&self, p: &Path) -> bool {
        let (outs, ins) = self.targets();
        if outs.iter().any(|o| p.starts_with(o)) || ins.iter().any(|i| i == p) {
            return true;
        }
        ins.iter().any(|i| {
            let stem = i.file_stem().map(|s| format!("{}.", s.to_string_lossy())).unwrap_or_default();
            p.parent() == i.parent() && p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&stem))
        })
    }

    fn password(&self) -> Option<String> {
        let wd = self.work_dir();
        let mut it = self.args.iter();
        while let Some(a) = it.next() {
            if a == "--pdf-password-file"
                && let Some(f) = it.next()
            {
                let text = std::fs::read_to_string(wd.join(f)).unwrap_or_default();
                let line = text.split('\n').next().unwrap_or("");
                return Some(line.strip_suffix('\r').unwrap_or(line).to_string());
            }
        }
        let from_env = self.envs.iter().rev().find(|(k, _)| k == "KYSO_PDF_PASSWORD").map(|(_, v)| v.clone());
        match from_env {
            Some(v) => v.map(|v| v.to_string_lossy().into_owned()),
            None => std::env::var("KYSO_PDF_PASSWORD").ok(),
        }
        .filter(|p| !p.is_empty())
    }

    fn check_written(&self, before: &Snapshot, stdout: &[u8]) {
        let after = self.snapshot();
        let pw = self.password();
        let mut seen = std::collections::BTreeSet::new();
        for (p, meta) in &after {
            if before.get(p) == Some(meta) || !self.wrote(p) {
                continue;
            }
            let key = p.canonicalize().unwrap_or_else(|_| p.clone());
            if !seen.insert(key) {
                continue;
            }
            let Ok(bytes) = std::fs::read(p) else { continue };
            if !bytes.starts_with(b"%PDF-") {
                continue;
            }
            eprintln!("lopdf oracle on {} (written by kyso {:?})", p.display(), self.args);
            super::pdf_check::lopdf_agrees_labelled(&bytes, pw.as_deref(), &p.display().to_string());
        }
        if stdout.starts_with(b"%PDF-") {
            eprintln!("lopdf oracle on stdout (written by kyso {:?})", self.args);
            super::pdf_check::lopdf_agrees_labelled(stdout, pw.as_deref(), "<stdout>");
        }
    }
}

fn scan(dir: &Path, depth: usize, snap: &mut Snapshot) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let Ok(ft) = e.file_type() else { continue };
        let p = e.path();
        if ft.is_file() {
            if let Ok(m) = e.metadata() {
                snap.insert(p, (m.len(), m.modified().ok()));
            }
        } else if ft.is_dir() && depth > 0 {
            let name = e.file_name();
            if name != "target" && name != ".git" {
                scan(&p, depth - 1, snap);
            }
        }
    }
}

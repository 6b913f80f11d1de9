//! Policy sources: a policy file (`kyso verify --policy FILE`) and the `[verify]` table
//! of a `kyso.toml` found by walking up from the current folder. Both have one shape:
//!
//! ```toml
//! [verify]
//! require-signer = ["UID=MST:0101234567", "sha256:3f2a…", "release.crt"]
//! min-signatures = 2
//! require-whole-file = true
//! require-certification = false
//! require-level = "lt"           # b, t, lt, lta
//! allow-algorithms = ["sha256", "sha384", "rsa", "rsa-pss", "ecdsa"]
//! min-rsa-bits = 2048
//! signed-after = 2026-01-01      # a TOML date or time, or a string
//! signed-before = "2027-01-01T00:00:00+07:00"
//!
//! [[verify.rules]]               # per-folder rules, over the ones above
//! glob = "invoices/**"
//! require-signer = "O=Công ty A"
//! ```
//!
//! Unknown keys and bad values are errors with their line. Other top-level tables
//! (`[sign]` and whatever else a `kyso.toml` holds) are left to their owners.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{Level, Policy, Rules, ScopedRules, SignerSpec, normalize_algorithm};

/// A policy that cannot be used: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {detail}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct PolicyError {
    pub path: PathBuf,
    /// 1-based line, when the problem is at one.
    pub line: Option<usize>,
    pub detail: String,
}

/// The name of the repository-wide configuration file.
pub const CONFIG_FILE: &str = "kyso.toml";

#[derive(Deserialize)]
struct Document {
    verify: Option<Spanned<VerifyTable>>,
}

type Val = Option<Spanned<toml::Value>>;

/// The rule keys, shared by `[verify]` and each `[[verify.rules]]` (serde's `flatten`
/// does not combine with `deny_unknown_fields`, so the two tables list them each).
macro_rules! rule_table {
    ($name:ident { $($extra:ident : $ty:ty),* }) => {
        #[derive(Deserialize)]
        #[serde(rename_all = "kebab-case", deny_unknown_fields)]
        struct $name {
            require_signer: Val,
            min_signatures: Val,
            require_level: Val,
            require_whole_file: Val,
            require_certification: Val,
            allow_algorithms: Val,
            min_rsa_bits: Val,
            signed_after: Val,
            signed_before: Val,
            $($extra: $ty,)*
        }

        impl $name {
            fn raw(&self) -> [(&'static str, &Val); 9] {
                [
                    ("require-signer", &self.require_signer),
                    ("min-signatures", &self.min_signatures),
                    ("require-level", &self.require_level),
                    ("require-whole-file", &self.require_whole_file),
                    ("require-certification", &self.require_certification),
                    ("allow-algorithms", &self.allow_algorithms),
                    ("min-rsa-bits", &self.min_rsa_bits),
                    ("signed-after", &self.signed_after),
                    ("signed-before", &self.signed_before),
                ]
            }
        }
    };
}

rule_table!(VerifyTable { rules: Option<Vec<Spanned<ScopedTable>>> });
rule_table!(ScopedTable { glob: Option<Spanned<String>> });

/// Where a policy's relative paths and globs start, and how to point at a line.
struct Ctx<'a> {
    path: &'a Path,
    text: &'a str,
    base: &'a Path,
}

impl Ctx<'_> {
    fn line(&self, offset: usize) -> usize {
        self.text.as_bytes()[..offset.min(self.text.len())].iter().filter(|&&b| b == b'\n').count() + 1
    }

    fn err(&self, offset: Option<usize>, detail: impl Into<String>) -> PolicyError {
        PolicyError { path: self.path.to_path_buf(), line: offset.map(|o| self.line(o)), detail: detail.into() }
    }
}

/// Read a policy file given with `--policy`: it must have a `[verify]` table. Relative
/// certificate files are found from its folder; globs match paths relative to the
/// current folder.
pub fn load_file(path: &Path) -> Result<Policy, PolicyError> {
    let text = std::fs::read_to_string(path).map_err(|e| PolicyError {
        path: path.to_path_buf(),
        line: None,
        detail: e.to_string(),
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    parse(&text, path, base, root)?.ok_or_else(|| PolicyError {
        path: path.to_path_buf(),
        line: None,
        detail: "no [verify] table".into(),
    })
}

/// The `kyso.toml` nearest to `start` (that folder or one above it), if any.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    start.ancestors().map(|d| d.join(CONFIG_FILE)).find(|p| p.is_file())
}

/// The policy of the nearest `kyso.toml`, when it has a `[verify]` table. Its globs and
/// certificate files are relative to its folder.
pub fn load_config(start: &Path) -> Result<Option<Policy>, PolicyError> {
    let Some(path) = find_config(start) else { return Ok(None) };
    let text = std::fs::read_to_string(&path).map_err(|e| PolicyError {
        path: path.clone(),
        line: None,
        detail: e.to_string(),
    })?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    parse(&text, &path, &base, base.clone())
}

/// Parse policy text (`None` when there is no `[verify]` table).
pub fn parse(text: &str, path: &Path, base: &Path, root: PathBuf) -> Result<Option<Policy>, PolicyError> {
    let ctx = Ctx { path, text, base };
    let doc: Document = toml::from_str(text).map_err(|e| ctx.err(e.span().map(|s| s.start), e.message().trim()))?;
    let Some(verify) = doc.verify else { return Ok(None) };
    let verify = verify.into_inner();
    let base_rules = rules(&ctx, &verify.raw())?;
    let mut scoped = Vec::new();
    for block in verify.rules.unwrap_or_default() {
        let at = block.span().start;
        let block = block.into_inner();
        let Some(glob) = block.glob.as_ref() else {
            return Err(ctx.err(Some(at), "a [[verify.rules]] block needs a glob"));
        };
        let matcher = globset::GlobBuilder::new(glob.get_ref())
            .literal_separator(true)
            .build()
            .map_err(|e| ctx.err(Some(glob.span().start), format!("glob {:?}: {e}", glob.get_ref())))?
            .compile_matcher();
        scoped.push(ScopedRules { glob: glob.get_ref().clone(), matcher, rules: rules(&ctx, &block.raw())? });
    }
    Ok(Some(Policy { source: path.display().to_string(), base: base_rules, scoped, root, flags: Rules::default() }))
}

fn rules(ctx: &Ctx, raw: &[(&'static str, &Val); 9]) -> Result<Rules, PolicyError> {
    let mut r = Rules::default();
    for (key, val) in raw {
        let Some(v) = val else { continue };
        let at = Some(v.span().start);
        set(&mut r, key, v.get_ref(), ctx.base).map_err(|detail| ctx.err(at, format!("{key}: {detail}")))?;
    }
    Ok(r)
}

fn strings(key: &str, v: &toml::Value) -> Result<Vec<String>, String> {
    match v {
        toml::Value::String(s) => Ok(vec![s.clone()]),
        toml::Value::Array(a) => a
            .iter()
            .map(|x| x.as_str().map(str::to_string).ok_or_else(|| format!("{key} takes strings, not {x}")))
            .collect(),
        other => Err(format!("expected a string or a list of strings, not {}", other.type_str())),
    }
}

fn time_value(v: &toml::Value) -> Result<i64, String> {
    let text = match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Datetime(d) => d.to_string(),
        other => return Err(format!("expected a date or time, not {}", other.type_str())),
    };
    crate::pki::time::parse_user_time(text.trim())
        .or_else(|| crate::pki::time::parse_user_time(&text.replacen(' ', "T", 1)))
        .ok_or_else(|| format!("{text:?} is not an RFC 3339 time (with its offset) or a YYYY-MM-DD date"))
}

fn bool_value(v: &toml::Value) -> Result<bool, String> {
    v.as_bool().ok_or_else(|| format!("expected true or false, not {}", v.type_str()))
}

fn count(v: &toml::Value, max: i64) -> Result<i64, String> {
    match v.as_integer() {
        Some(n) if (0..=max).contains(&n) => Ok(n),
        Some(n) => Err(format!("{n} is out of range (0 to {max})")),
        None => Err(format!("expected a whole number, not {}", v.type_str())),
    }
}

/// Set one rule from a value (shared by policy files and flags, which pass strings).
pub fn set(r: &mut Rules, key: &str, v: &toml::Value, base: &Path) -> Result<(), String> {
    match key {
        "require-signer" => {
            let specs = strings(key, v)?.iter().map(|s| SignerSpec::parse(s, base)).collect::<Result<Vec<_>, _>>()?;
            r.require_signer = Some(specs);
        }
        "min-signatures" => r.min_signatures = Some(count(v, 1000)? as usize),
        "require-level" => {
            let s = v.as_str().ok_or_else(|| format!("expected a string, not {}", v.type_str()))?;
            r.require_level = Some(Level::parse(s).ok_or_else(|| format!("{s:?} is not b, t, lt or lta"))?);
        }
        "require-whole-file" => r.require_whole_file = Some(bool_value(v)?),
        "require-certification" => r.require_certification = Some(bool_value(v)?),
        "allow-algorithms" => {
            let list = strings(key, v)?
                .iter()
                .map(|a| {
                    normalize_algorithm(a).ok_or_else(|| {
                        format!("unknown algorithm {a:?} (use sha1, sha224, sha256, sha384, sha512, sha3-256…, rsa, rsa-pss, ecdsa, ed25519, ed448)")
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            r.allow_algorithms = Some(list);
        }
        "min-rsa-bits" => r.min_rsa_bits = Some(count(v, 65536)? as u32),
        "signed-after" => r.signed_after = Some(time_value(v)?),
        "signed-before" => r.signed_before = Some(time_value(v)?),
        other => return Err(format!("unknown rule {other:?}")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Option<Policy>, PolicyError> {
        parse(text, Path::new("policy.toml"), Path::new("."), PathBuf::from("."))
    }

    #[test]
    fn full_policy_parses() {
        let p = parse_text(
            "[sign]\nwhatever = 1\n\n[verify]\nrequire-signer = [\"UID=MST:0101234567\"]\nmin-signatures = 2\n\
             require-level = \"lt\"\nrequire-whole-file = true\nallow-algorithms = [\"SHA-256\", \"rsa\"]\n\
             min-rsa-bits = 2048\nsigned-after = 2026-01-01\nsigned-before = \"2027-01-01T00:00:00+07:00\"\n\n\
             [[verify.rules]]\nglob = \"invoices/**\"\nmin-signatures = 1\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(p.base.min_signatures, Some(2));
        assert_eq!(p.base.require_level, Some(Level::Lt));
        assert_eq!(p.base.allow_algorithms.as_deref(), Some(&["sha256".to_string(), "rsa".to_string()][..]));
        assert_eq!(p.base.signed_after, Some(1_767_225_600));
        assert_eq!(p.base.signed_before, Some(1_798_736_400));
        assert_eq!(p.scoped.len(), 1);
        assert_eq!(p.rules_for("invoices/a/b.xml").min_signatures, Some(1));
        assert_eq!(p.rules_for("other/b.xml").min_signatures, Some(2));
    }

    #[test]
    fn errors_carry_the_line() {
        let e = parse_text("[verify]\nmin-signatures = 1\nrequire-signr = \"O=A\"\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.detail.contains("require-signr"), "{e}");
        let e = parse_text("[verify]\n\nmin-rsa-bits = \"big\"\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        let e = parse_text("[verify]\nsigned-after = \"yesterday\"\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        let e = parse_text("[verify]\nrequire-level = \"lx\"\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        let e = parse_text("[verify]\n[[verify.rules]]\nmin-signatures = 1\n").unwrap_err();
        assert!(e.detail.contains("glob"), "{e}");
        let e = parse_text("[verify\n").unwrap_err();
        assert_eq!(e.line, Some(1), "{e}");
        assert!(parse_text("[sign]\nx = 1\n").unwrap().is_none());
    }
}

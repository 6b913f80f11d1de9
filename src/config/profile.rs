//! Named signing profiles: `[sign.profiles.NAME]` tables whose keys are the signing flags
//! without their dashes (`key-label = "…"` for `--key-label`), read with their lines so
//! that every error can point at the key, and written back by `kyso profile add`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::de::{DeTable, DeValue};

use super::{ConfigError, Problem, Result, Scope, is_secret_key, line_of};

/// What a profile may hold: any signing option but the document-specific ones (input,
/// output, field names) and never a secret. Every key is optional; the flags given on the
/// command line override these values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ProfileDef {
    // --- who signs: one key source
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p12: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pkcs11: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slot: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cert: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain: Option<Vec<String>>,
    /// Where the PIN is read from (a file only the user can read); never the PIN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pin_file: Option<String>,
    /// Where the key or .p12 password is read from; never the password.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_file: Option<String>,
    // --- how
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pss: Option<bool>,
    // --- PDF
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appearance: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rect: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subfilter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certify: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    // --- XML
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xml_profile: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub c14n: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_attr: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xades: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ds_prefix: Option<bool>,
}

/// Every key, in the order of [`ProfileDef`] (for showing a profile).
pub const KEYS: &[&str] = &[
    "key",
    "p12",
    "pkcs11",
    "token",
    "slot",
    "key-label",
    "key-id",
    "cert",
    "chain",
    "pin-file",
    "password-file",
    "digest",
    "pss",
    "appearance",
    "image",
    "anchor",
    "rect",
    "page",
    "reason",
    "location",
    "contact",
    "subfilter",
    "certify",
    "copy-type",
    "agency",
    "font",
    "xml-profile",
    "c14n",
    "id-attr",
    "xades",
    "ds-prefix",
];

/// Keys that name files, resolved against the config file's folder (and `~/`).
pub const PATH_KEYS: &[&str] = &["key", "p12", "pkcs11", "cert", "chain", "pin-file", "password-file", "image", "font"];

/// A profile as read from one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub path: PathBuf,
    pub scope: Scope,
    /// Line of the profile's table header (or of its first key).
    pub line: usize,
    pub def: ProfileDef,
    lines: BTreeMap<String, usize>,
}

impl Profile {
    /// A profile built in memory (`kyso profile add` before writing it).
    pub fn in_memory(name: &str, path: &Path, def: ProfileDef) -> Profile {
        Profile { name: name.into(), path: path.into(), scope: Scope::User, line: 0, def, lines: BTreeMap::new() }
    }

    /// The line of `key` in the file.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.lines.get(key).copied()
    }

    /// An error about `key` of this profile, with its line.
    pub fn error(&self, key: &str, problem: Problem) -> ConfigError {
        ConfigError {
            path: Some(self.path.clone()),
            line: self.line_of(key).or((self.line > 0).then_some(self.line)),
            profile: Some(self.name.clone()),
            key: Some(key.to_string()),
            problem: Box::new(problem),
        }
    }

    /// A file the profile names under `key`: `~/` is the home folder, a relative path is
    /// relative to the config file's folder; it must exist.
    pub fn file(&self, key: &str, value: &str) -> Result<PathBuf> {
        let p = resolve_path(&self.path, value);
        if !p.exists() {
            return Err(self.error(key, Problem::MissingFile { file: p }));
        }
        Ok(p)
    }

    /// Checks that need no command line: one key source, rect or anchor, files exist.
    pub fn check(&self) -> Result<()> {
        let d = &self.def;
        let sources: Vec<&str> = [("key", d.key.is_some()), ("p12", d.p12.is_some()), ("pkcs11", d.pkcs11.is_some())]
            .into_iter()
            .filter_map(|(k, set)| set.then_some(k))
            .collect();
        if let &[first, second, ..] = sources.as_slice() {
            return Err(self.error(second, Problem::Conflict { other: first.into() }));
        }
        if d.key.is_some() && d.cert.is_none() {
            return Err(self.error("key", Problem::Invalid("a key file needs `cert` (the certificate file)".into())));
        }
        if d.rect.is_some() && d.anchor.is_some() {
            return Err(self.error("rect", Problem::Conflict { other: "anchor".into() }));
        }
        if d.pkcs11.is_none() {
            for (k, set) in
                [("token", d.token.is_some()), ("slot", d.slot.is_some()), ("key-label", d.key_label.is_some())]
                    .into_iter()
                    .chain([("key-id", d.key_id.is_some()), ("pin-file", d.pin_file.is_some())])
            {
                if set && (d.key.is_some() || d.p12.is_some()) {
                    return Err(self.error(k, Problem::Invalid("only for a PKCS#11 token (`pkcs11`)".into())));
                }
            }
        }
        for (key, value) in self.paths() {
            self.file(key, value)?;
        }
        Ok(())
    }

    /// Every (key, path value) in the profile.
    pub fn paths(&self) -> Vec<(&'static str, &str)> {
        let d = &self.def;
        let mut v = Vec::new();
        for (k, val) in [
            ("key", &d.key),
            ("p12", &d.p12),
            ("pkcs11", &d.pkcs11),
            ("cert", &d.cert),
            ("pin-file", &d.pin_file),
            ("password-file", &d.password_file),
            ("image", &d.image),
            ("font", &d.font),
        ] {
            if let Some(s) = val {
                v.push((k, s.as_str()));
            }
        }
        for c in d.chain.iter().flatten() {
            v.push(("chain", c.as_str()));
        }
        v
    }
}

/// `value` as a path: `~/…` under the home folder, relative to the config file's folder.
pub fn resolve_path(config: &Path, value: &str) -> PathBuf {
    if let Some(rest) = value.strip_prefix("~/")
        && let Some(home) = std::env::var_os(if cfg!(windows) { "USERPROFILE" } else { "HOME" })
    {
        return PathBuf::from(home).join(rest);
    }
    let p = PathBuf::from(value);
    if p.is_absolute() {
        return p;
    }
    config.parent().map(|d| d.join(&p)).unwrap_or(p)
}

#[derive(Deserialize)]
struct Doc {
    #[serde(default)]
    sign: Option<SignTable>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignTable {
    #[serde(default)]
    profiles: BTreeMap<String, ProfileDef>,
}

/// Where each profile and each of its keys stands in the text.
#[derive(Default)]
struct Spans {
    /// name → (offset of its name, key → line)
    profiles: BTreeMap<String, (usize, BTreeMap<String, usize>)>,
}

/// Parse the `[sign.profiles.*]` tables of a config text; refuse secrets anywhere.
pub(super) fn parse_profiles(text: &str, path: &Path, scope: Scope) -> Result<BTreeMap<String, Profile>> {
    let at = |span: Option<std::ops::Range<usize>>, problem| ConfigError {
        path: Some(path.to_path_buf()),
        line: span.map(|s| line_of(text, s.start)),
        profile: None,
        key: None,
        problem: Box::new(problem),
    };
    let doc = DeTable::parse(text).map_err(|e| at(e.span(), Problem::Syntax(e.message().trim().to_string())))?;
    let mut spans = Spans::default();
    walk(doc.get_ref(), &mut Vec::new(), text, path, &mut spans)?;

    let parsed: Doc = toml::from_str(text).map_err(|e| {
        let mut err = at(e.span(), Problem::Invalid(e.message().trim().to_string()));
        if let Some(offset) = e.span().map(|s| s.start) {
            // the profile whose name comes last before the error, and the key on its line
            if let Some((name, (_, keys))) =
                spans.profiles.iter().filter(|(_, (o, _))| *o <= offset).max_by_key(|(_, (o, _))| *o)
            {
                err.profile = Some(name.clone());
                err.key = keys.iter().find(|(_, l)| Some(**l) == err.line).map(|(k, _)| k.clone());
            }
        }
        err
    })?;
    let mut out = BTreeMap::new();
    for (name, def) in parsed.sign.map(|s| s.profiles).unwrap_or_default() {
        let (offset, lines) = spans.profiles.remove(&name).unwrap_or_default();
        let p =
            Profile { name: name.clone(), path: path.to_path_buf(), scope, line: line_of(text, offset), def, lines };
        out.insert(name, p);
    }
    Ok(out)
}

fn walk(table: &DeTable<'_>, at: &mut Vec<String>, text: &str, path: &Path, spans: &mut Spans) -> Result<()> {
    for (k, v) in table.iter() {
        let key: &str = k.get_ref();
        let line = line_of(text, k.span().start);
        let in_profile = at.len() == 3 && at[0] == "sign" && at[1] == "profiles";
        if is_secret_key(key) {
            return Err(ConfigError {
                path: Some(path.to_path_buf()),
                line: Some(line),
                profile: in_profile.then(|| at[2].clone()),
                key: Some(if in_profile { key.to_string() } else { dotted(at, key) }),
                problem: Box::new(Problem::Secret),
            });
        }
        if at.len() == 2 && at[0] == "sign" && at[1] == "profiles" {
            let e = spans.profiles.entry(key.to_string()).or_default();
            e.0 = k.span().start;
        }
        if in_profile {
            let e = spans.profiles.entry(at[2].clone()).or_default();
            e.1.entry(key.to_string()).or_insert(line);
        }
        at.push(key.to_string());
        walk_value(v.get_ref(), at, text, path, spans)?;
        at.pop();
    }
    Ok(())
}

fn walk_value(v: &DeValue<'_>, at: &mut Vec<String>, text: &str, path: &Path, spans: &mut Spans) -> Result<()> {
    match v {
        DeValue::Table(t) => walk(t, at, text, path, spans),
        DeValue::Array(a) => {
            for item in a {
                walk_value(item.get_ref(), at, text, path, spans)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn dotted(at: &[String], key: &str) -> String {
    let mut v = at.to_vec();
    v.push(key.to_string());
    v.join(".")
}

/// Whether `name` can be a profile name: letters (any script), digits, `-`, `_`, `.`.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= 64
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The config text with the profile `name` set to `def`, keeping everything else of
/// `existing` (comments, layout, other tables). Refuses to replace a profile unless `force`.
pub fn with_profile(existing: &str, path: &Path, name: &str, def: &ProfileDef, force: bool) -> Result<String> {
    let invalid = |d: String| ConfigError::new(Some(path), Problem::Invalid(d));
    let mut doc: toml_edit::DocumentMut = existing
        .parse()
        .map_err(|e: toml_edit::TomlError| ConfigError::new(Some(path), Problem::Syntax(e.to_string())))?;
    let body = toml::to_string(def).map_err(|e| invalid(e.to_string()))?;
    let table = body.parse::<toml_edit::DocumentMut>().map_err(|e| invalid(e.to_string()))?.as_table().clone();
    let root = doc.as_table_mut();
    let sign = root.entry("sign").or_insert_with(|| implicit_table().into());
    let sign = sign.as_table_mut().ok_or_else(|| invalid("`sign` is not a table".into()))?;
    let profiles = sign.entry("profiles").or_insert_with(|| implicit_table().into());
    let profiles = profiles.as_table_mut().ok_or_else(|| invalid("`sign.profiles` is not a table".into()))?;
    if profiles.contains_key(name) && !force {
        let mut e = ConfigError::new(Some(path), Problem::ProfileExists { name: name.into() });
        e.profile = Some(name.into());
        return Err(e);
    }
    let mut table = table;
    table.set_implicit(false);
    profiles.insert(name, toml_edit::Item::Table(table));
    Ok(doc.to_string())
}

fn implicit_table() -> toml_edit::Table {
    let mut t = toml_edit::Table::new();
    t.set_implicit(true);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> ProfileDef {
        let t = || Some("x".to_string());
        ProfileDef {
            key: t(),
            p12: t(),
            pkcs11: t(),
            token: t(),
            slot: Some(1),
            key_label: t(),
            key_id: t(),
            cert: t(),
            chain: Some(vec!["c".into()]),
            pin_file: t(),
            password_file: t(),
            digest: t(),
            pss: Some(true),
            appearance: t(),
            image: t(),
            anchor: t(),
            rect: t(),
            page: Some(2),
            reason: t(),
            location: t(),
            contact: t(),
            subfilter: t(),
            certify: t(),
            copy_type: t(),
            agency: t(),
            font: t(),
            xml_profile: t(),
            c14n: t(),
            id_attr: Some(vec!["Id".into()]),
            xades: Some(true),
            ds_prefix: Some(false),
        }
    }

    #[test]
    fn keys_list_every_field_in_order() {
        let text = toml::to_string(&full()).unwrap();
        let keys: Vec<&str> = text.lines().filter_map(|l| l.split(" = ").next()).collect();
        assert_eq!(keys, KEYS);
    }

    #[test]
    fn written_profiles_read_back_and_keep_the_rest() {
        let path = Path::new("/x/config.toml");
        let before = "# mine\n[verify]\nx = 1 # also mine\n";
        let text = with_profile(before, path, "lãnh-đạo", &full(), false).unwrap();
        assert!(text.starts_with(before), "{text}");
        let back = parse_profiles(&text, path, Scope::User).unwrap();
        assert_eq!(back["lãnh-đạo"].def, full());
        assert_eq!(back["lãnh-đạo"].line_of("reason"), Some(24), "{text}");
        let err = with_profile(&text, path, "lãnh-đạo", &full(), false).unwrap_err();
        assert!(matches!(*err.problem, Problem::ProfileExists { .. }));
        let again = with_profile(&text, path, "lãnh-đạo", &ProfileDef::default(), true).unwrap();
        assert!(parse_profiles(&again, path, Scope::User).unwrap()["lãnh-đạo"].def == ProfileDef::default());
    }

    #[test]
    fn secrets_are_found_anywhere_with_their_line() {
        let path = Path::new("c.toml");
        for (text, line, key) in [
            ("[sign.profiles.a]\nreason = \"r\"\nuser_pin = 1\n", 3, "user_pin"),
            ("a = { b = [ { passphrase = \"x\" } ] }\n", 1, "a.b.passphrase"),
            ("[tsa]\n\nbasic-auth-password = \"x\"\n", 3, "tsa.basic-auth-password"),
        ] {
            let e = parse_profiles(text, path, Scope::User).unwrap_err();
            assert_eq!(
                (*e.problem.clone(), e.line, e.key.as_deref()),
                (Problem::Secret, Some(line), Some(key)),
                "{text}"
            );
        }
        // the sources of secrets are fine
        parse_profiles("[sign.profiles.a]\npin-file = \"p\"\npassword-file = \"q\"\n", path, Scope::User).unwrap();
    }

    #[test]
    fn relative_paths_are_from_the_config_folder() {
        assert_eq!(resolve_path(Path::new("/p/kyso.toml"), "img/a.png"), PathBuf::from("/p/img/a.png"));
        assert_eq!(resolve_path(Path::new("/p/kyso.toml"), "/abs.png"), PathBuf::from("/abs.png"));
        assert!(valid_name("lãnh-đạo_2.x") && !valid_name("a b") && !valid_name("") && !valid_name("a]"));
    }
}

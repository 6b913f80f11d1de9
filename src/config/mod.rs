//! kyso's configuration files: the user's `config.toml` (`$XDG_CONFIG_HOME/kyso/`, else
//! `~/.config/kyso/`; `%APPDATA%\kyso\` on Windows) and a project's `kyso.toml`, the nearest
//! one found walking up from the current folder.
//!
//! This module owns finding, reading and checking those files and the `[sign]` table in
//! them: named signing profiles (`[sign.profiles.NAME]`, see [`profile`]). Other tables
//! (`[verify]`, …) belong to other modules and are left alone here; only the rule that a
//! config file never stores a secret applies to the whole file. It may import `crate::error`
//! and `crate::fsutil`; it knows nothing of the command line.
//!
//! Rules, checked on every read:
//! - a file other users can write (group or world write bit), or one owned by another user
//!   than the current one or root, is refused: a profile names the PKCS#11 module kyso loads;
//! - a key that would store a secret (`pin`, `password`, `passphrase`, `secret`, or a name
//!   ending in `-pin`/`-password`/`_pin`/`_password`) is refused wherever it stands: PINs and
//!   passwords come from a file (`pin-file`, `password-file`), the environment or a prompt;
//! - every error names the file, the line, and where it applies the profile and the key.
//!
//! TOML is read with the `toml` crate (serde, spans for lines) and written back with
//! `toml_edit`, which keeps the comments and layout of a hand-edited file.

pub mod profile;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use profile::{Profile, ProfileDef};

/// The user's config file name inside the kyso config folder.
pub const USER_FILE: &str = "config.toml";
/// A project's config file name.
pub const PROJECT_FILE: &str = "kyso.toml";
/// Config files are small; anything larger is refused rather than read.
const MAX_SIZE: u64 = 1 << 20;

/// Where a config file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    User,
    Project,
}

/// What is wrong with a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not TOML (the parser's words).
    Syntax(String),
    /// TOML, but not what kyso expects: an unknown key, a value of the wrong type.
    Invalid(String),
    /// A key that would store a PIN or password.
    Secret,
    /// Other users can write the file (its permission bits).
    WritableByOthers { mode: u32 },
    /// Owned by another user (uid) than the one running kyso.
    NotOwner { uid: u32 },
    /// A value outside the allowed set.
    BadValue { value: String, expected: String },
    /// A file the profile names does not exist.
    MissingFile { file: PathBuf },
    /// Two keys that exclude each other.
    Conflict { other: String },
    /// No profile of that name in the files looked at.
    UnknownProfile { name: String, known: Vec<String>, searched: Vec<PathBuf> },
    /// `kyso profile add` for a name that is already there.
    ProfileExists { name: String },
    /// No folder for the user's config (no XDG_CONFIG_HOME, HOME or APPDATA).
    NoConfigDir,
    /// The file is larger than a config file can be.
    TooLarge,
}

/// A config-file error: the file, the line, the profile and the key where they apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
    pub profile: Option<String>,
    pub key: Option<String>,
    /// Boxed: keeps `Result<_, ConfigError>` small.
    pub problem: Box<Problem>,
}

impl ConfigError {
    pub fn new(path: Option<&Path>, problem: Problem) -> ConfigError {
        ConfigError {
            path: path.map(Path::to_path_buf),
            line: None,
            profile: None,
            key: None,
            problem: Box::new(problem),
        }
    }

    /// "FILE line N: profile P, key K: " — the place, in the words of `lang_pick`.
    pub fn place(&self, words: [&str; 3]) -> String {
        let [line_w, profile_w, key_w] = words;
        let mut s = String::new();
        if let Some(p) = &self.path {
            s += &p.display().to_string();
            if let Some(l) = self.line {
                s += &format!(" {line_w} {l}");
            }
            s += ": ";
        }
        let mut what = Vec::new();
        if let Some(p) = &self.profile {
            what.push(format!("{profile_w} {p}"));
        }
        if let Some(k) = &self.key {
            what.push(format!("{key_w} {k}"));
        }
        if !what.is_empty() {
            s += &what.join(", ");
            s += ": ";
        }
        s
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let place = self.place(["line", "profile", "key"]);
        let detail = match self.problem.as_ref() {
            Problem::Syntax(d) => format!("not valid TOML: {d}"),
            Problem::Invalid(d) => d.clone(),
            Problem::Secret => "a config file never stores a PIN or password; use pin-file or password-file \
                               (a file only you can read), KYSO_PIN or KYSO_KEY_PASSWORD, or the prompt"
                .into(),
            Problem::WritableByOthers { mode } => {
                format!("other users can write this file (mode {mode:04o}); run `chmod go-w` on it")
            }
            Problem::NotOwner { uid } => {
                format!("the file belongs to another user (uid {uid}); only your own config files are read")
            }
            Problem::BadValue { value, expected } => format!("{value:?} is not one of: {expected}"),
            Problem::MissingFile { file } => format!("{} does not exist", file.display()),
            Problem::Conflict { other } => format!("cannot be used together with {other}"),
            Problem::UnknownProfile { name, known, searched } => {
                let known = if known.is_empty() { "none".to_string() } else { known.join(", ") };
                let searched: Vec<_> = searched.iter().map(|p| p.display().to_string()).collect();
                format!(
                    "no signing profile named {name:?} (profiles: {known}; looked in: {}); create one with \
                     `kyso profile add {name}`",
                    if searched.is_empty() { "no config file".to_string() } else { searched.join(", ") }
                )
            }
            Problem::ProfileExists { name } => {
                format!("a profile named {name:?} is already there; use --force to replace it")
            }
            Problem::NoConfigDir => "no folder for the user's config: set XDG_CONFIG_HOME or HOME".into(),
            Problem::TooLarge => format!("larger than {MAX_SIZE} bytes: not a config file"),
        };
        write!(f, "{place}{detail}")
    }
}

impl std::error::Error for ConfigError {}

pub type Result<T> = std::result::Result<T, ConfigError>;

/// The user's config file: `$XDG_CONFIG_HOME/kyso/config.toml`, else
/// `$HOME/.config/kyso/config.toml` (`%APPDATA%\kyso\config.toml` on Windows).
pub fn user_config_path() -> Option<PathBuf> {
    let nonempty = |v: &str| std::env::var_os(v).filter(|s| !s.is_empty()).map(PathBuf::from);
    let dir = if cfg!(windows) {
        nonempty("APPDATA")
    } else {
        nonempty("XDG_CONFIG_HOME").or_else(|| nonempty("HOME").map(|h| h.join(".config")))
    }?;
    Some(dir.join("kyso").join(USER_FILE))
}

/// The nearest `kyso.toml` in `start` or a folder above it.
pub fn find_project_config(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|d| d.join(PROJECT_FILE)).find(|p| p.is_file())
}

/// A config file read and checked.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub scope: Scope,
    pub profiles: BTreeMap<String, Profile>,
}

/// All profiles kyso sees from a folder: the user's file, then the project's; a project
/// profile replaces a user profile of the same name as a whole.
#[derive(Debug, Clone, Default)]
pub struct Profiles {
    pub files: Vec<ConfigFile>,
    /// Every file looked for, found or not (for "no such profile" errors).
    pub searched: Vec<PathBuf>,
}

impl Profiles {
    /// Read the user's config and the project's `kyso.toml` above `cwd`.
    pub fn load(cwd: &Path) -> Result<Profiles> {
        let mut p = Profiles::default();
        if let Some(user) = user_config_path() {
            p.searched.push(user.clone());
            if user.is_file() {
                p.files.push(read_file(&user, Scope::User)?);
            }
        }
        match find_project_config(cwd) {
            Some(project) => {
                p.searched.push(project.clone());
                p.files.push(read_file(&project, Scope::Project)?);
            }
            None => p.searched.push(cwd.join(PROJECT_FILE)),
        }
        Ok(p)
    }

    /// The profiles in effect, by name (project over user).
    pub fn effective(&self) -> BTreeMap<&str, &Profile> {
        let mut m = BTreeMap::new();
        for f in &self.files {
            for (name, p) in &f.profiles {
                m.insert(name.as_str(), p);
            }
        }
        m
    }

    /// The profile `name`, or an error listing the known ones.
    pub fn get(&self, name: &str) -> Result<&Profile> {
        let all = self.effective();
        all.get(name).copied().ok_or_else(|| {
            ConfigError::new(
                None,
                Problem::UnknownProfile {
                    name: name.to_string(),
                    known: all.keys().map(|s| s.to_string()).collect(),
                    searched: self.searched.clone(),
                },
            )
        })
    }
}

/// Refuse a file other users can write or that another user owns.
#[cfg(unix)]
pub fn check_ownership(path: &Path, meta: &std::fs::Metadata) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let mode = meta.mode() & 0o7777;
    if mode & 0o022 != 0 {
        return Err(ConfigError::new(Some(path), Problem::WritableByOthers { mode }));
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me && meta.uid() != 0 {
        return Err(ConfigError::new(Some(path), Problem::NotOwner { uid: meta.uid() }));
    }
    Ok(())
}

/// Windows keeps per-user ACLs on %APPDATA%; nothing to check from the mode bits.
#[cfg(not(unix))]
pub fn check_ownership(_path: &Path, _meta: &std::fs::Metadata) -> Result<()> {
    Ok(())
}

/// Read, check and parse one config file.
pub fn read_file(path: &Path, scope: Scope) -> Result<ConfigFile> {
    let io = |e: std::io::Error| ConfigError::new(Some(path), Problem::Invalid(format!("cannot read: {e}")));
    let meta = std::fs::metadata(path).map_err(io)?;
    check_ownership(path, &meta)?;
    if meta.len() > MAX_SIZE {
        return Err(ConfigError::new(Some(path), Problem::TooLarge));
    }
    let text = std::fs::read_to_string(path).map_err(io)?;
    parse(&text, path, scope)
}

/// Parse config text (already read) as the file `path`.
pub fn parse(text: &str, path: &Path, scope: Scope) -> Result<ConfigFile> {
    let profiles = profile::parse_profiles(text, path, scope)?;
    Ok(ConfigFile { path: path.to_path_buf(), scope, profiles })
}

/// The 1-based line of a byte offset in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Key names that would hold a secret.
pub fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase().replace('_', "-");
    matches!(k.as_str(), "pin" | "password" | "passphrase" | "passwd" | "secret" | "user-pin" | "so-pin")
        || k.ends_with("-pin")
        || k.ends_with("-password")
        || k.ends_with("-passphrase")
}

//! Verification-policy flags (`kyso verify`, `kyso batch verify`): a policy file, the
//! nearest `kyso.toml`, and the same rules as flags for one-off use.

use std::path::PathBuf;

use clap::Args;

use crate::error::{Error, Result};
use crate::policy::config::{self, PolicyError};
use crate::policy::{Policy, Rules};

#[derive(Debug, Args, Default)]
#[command(next_help_heading = "Verification policy")]
pub struct PolicyArgs {
    /// A policy file (TOML with a [verify] table); without it, the [verify] table of the
    /// nearest kyso.toml (this folder or one above) is used when there is one
    #[arg(long = "policy", id = "policy_file", value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Ignore kyso.toml
    #[arg(long, conflicts_with = "policy_file")]
    pub no_policy: bool,
    /// Accept only valid signatures by this signer: a certificate SHA-256, a certificate
    /// file, or subject attributes such as UID=MST:0101234567 or O=… (issuer:… for the
    /// issuer); repeatable, any one matches
    #[arg(long, value_name = "SIGNER")]
    pub require_signer: Vec<String>,
    /// At least N valid signatures (by required signers, when given)
    #[arg(long, value_name = "N")]
    pub min_signatures: Option<i64>,
    /// Signature level at least b, t, lt or lta
    #[arg(long, value_name = "LEVEL")]
    pub require_level: Option<String>,
    /// A valid signature covers the whole file (nothing added after the last signature)
    #[arg(long)]
    pub require_whole_file: bool,
    /// A valid certification (DocMDP) signature on the PDF
    #[arg(long)]
    pub require_certification: bool,
    /// Allowed digest and signature algorithms, comma-separated (e.g. sha256,sha384,rsa,ecdsa)
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub allow_algorithms: Vec<String>,
    /// Signers' RSA keys at least this many bits
    #[arg(long, value_name = "BITS")]
    pub min_rsa_bits: Option<i64>,
    /// Signed at or after TIME (RFC 3339 or YYYY-MM-DD; the proven time when there is one)
    #[arg(long, value_name = "TIME")]
    pub signed_after: Option<String>,
    /// Signed before TIME
    #[arg(long, value_name = "TIME")]
    pub signed_before: Option<String>,
}

impl PolicyArgs {
    /// The rules given as flags.
    fn flag_rules(&self) -> Result<Rules> {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let mut r = Rules::default();
        let mut set = |option: &'static str, v: toml::Value| {
            config::set(&mut r, option.trim_start_matches("--"), &v, &cwd)
                .map_err(|detail| Error::InvalidOption { option, detail })
        };
        if !self.require_signer.is_empty() {
            set("--require-signer", toml::Value::Array(self.require_signer.iter().cloned().map(Into::into).collect()))?;
        }
        if let Some(n) = self.min_signatures {
            set("--min-signatures", n.into())?;
        }
        if let Some(l) = &self.require_level {
            set("--require-level", l.clone().into())?;
        }
        if self.require_whole_file {
            set("--require-whole-file", true.into())?;
        }
        if self.require_certification {
            set("--require-certification", true.into())?;
        }
        if !self.allow_algorithms.is_empty() {
            set(
                "--allow-algorithms",
                toml::Value::Array(self.allow_algorithms.iter().map(|a| a.trim().to_string().into()).collect()),
            )?;
        }
        if let Some(n) = self.min_rsa_bits {
            set("--min-rsa-bits", n.into())?;
        }
        if let Some(t) = &self.signed_after {
            set("--signed-after", t.clone().into())?;
        }
        if let Some(t) = &self.signed_before {
            set("--signed-before", t.clone().into())?;
        }
        Ok(r)
    }

    /// The policy to apply: the file given, else the nearest kyso.toml's (unless
    /// --no-policy), with the flags over it; `None` when there are no rules at all.
    pub fn resolve(&self) -> Result<Option<Policy>> {
        let flags = self.flag_rules()?;
        let from_file = match (&self.policy, self.no_policy) {
            (Some(p), _) => Some(config::load_file(p).map_err(Error::Policy)?),
            (None, true) => None,
            (None, false) => {
                let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
                config::load_config(&cwd).map_err(Error::Policy)?
            }
        };
        let policy = match from_file {
            Some(mut p) => {
                if !flags.is_empty() {
                    p.source = format!("{} + command line", p.source);
                }
                p.flags = flags;
                p
            }
            None if flags.is_empty() => return Ok(None),
            None => Policy {
                source: "command line".into(),
                root: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
                flags,
                ..Default::default()
            },
        };
        Ok(Some(policy))
    }
}

impl From<PolicyError> for Error {
    fn from(e: PolicyError) -> Error {
        Error::Policy(e)
    }
}

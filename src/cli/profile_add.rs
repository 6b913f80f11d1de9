//! `kyso profile add`: its flags, and the profile they describe (also what the questions of
//! [`super::profile_ask`] fill in).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::sign_args::StepArg;
use crate::cli::choices::Digest;
use crate::config::ProfileDef;

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    kyso profile add lanh-dao                     # asks: which token, which key, which appearance, which image\n  \
    kyso profile add lanh-dao --pkcs11 /usr/lib/softhsm/libsofthsm2.so --token Lanh-dao --key-label signer \\\n      \
    --appearance approve --image chu-ky.png --anchor \"Nguyễn Văn An\" --reason \"Phê duyệt\"")]
pub struct AddArgs {
    /// The profile's name (letters, digits, '-', '_', '.')
    pub name: String,
    /// Write into the project's kyso.toml (the nearest one, else ./kyso.toml) instead of the user's config.toml
    #[arg(long)]
    pub project: bool,
    /// Replace a profile of the same name
    #[arg(long)]
    pub force: bool,
    /// Never ask: write what the flags say
    #[arg(long)]
    pub no_input: bool,
    /// Private key file; needs --cert
    #[arg(long, value_name = "FILE", requires = "cert", help_heading = "Profile values")]
    pub key: Option<PathBuf>,
    /// PKCS#12 file (.p12/.pfx)
    #[arg(long, value_name = "FILE", conflicts_with = "key", help_heading = "Profile values")]
    pub p12: Option<PathBuf>,
    /// PKCS#11 module of a USB token
    #[arg(long, value_name = "MODULE.so", conflicts_with_all = ["key", "p12"], help_heading = "Profile values")]
    pub pkcs11: Option<PathBuf>,
    /// Token label
    #[arg(long, value_name = "LABEL", requires = "pkcs11", help_heading = "Profile values")]
    pub token: Option<String>,
    /// Slot number
    #[arg(long, value_name = "N", requires = "pkcs11", help_heading = "Profile values")]
    pub slot: Option<u64>,
    /// Key label on the token
    #[arg(long, value_name = "LABEL", requires = "pkcs11", help_heading = "Profile values")]
    pub key_label: Option<String>,
    /// Key id on the token, hex
    #[arg(long, value_name = "HEX", requires = "pkcs11", help_heading = "Profile values")]
    pub key_id: Option<String>,
    /// A file holding the token PIN (the PIN itself is never stored)
    #[arg(long, value_name = "FILE", requires = "pkcs11", help_heading = "Profile values")]
    pub pin_file: Option<PathBuf>,
    /// The signer's certificate file
    #[arg(long, value_name = "FILE", help_heading = "Profile values")]
    pub cert: Option<PathBuf>,
    /// Issuer certificates to embed (repeatable)
    #[arg(long, value_name = "FILE", help_heading = "Profile values")]
    pub chain: Vec<PathBuf>,
    /// A file holding the key or .p12 password (the password itself is never stored)
    #[arg(long, value_name = "FILE", help_heading = "Profile values")]
    pub password_file: Option<PathBuf>,
    /// Digest algorithm
    #[arg(long, value_enum, help_heading = "Profile values")]
    pub digest: Option<Digest>,
    /// RSASSA-PSS for RSA keys
    #[arg(long, help_heading = "Profile values")]
    pub pss: bool,
    /// Visible signature (Decree 30/2020/NĐ-CP step)
    #[arg(long, value_enum, value_name = "STEP", help_heading = "Profile values")]
    pub appearance: Option<StepArg>,
    /// Image for the appearance (signature or seal), PNG or JPEG
    #[arg(long, value_name = "FILE", requires = "appearance", help_heading = "Profile values")]
    pub image: Option<PathBuf>,
    /// Place the visible signature relative to this text (e.g. the signer's name)
    #[arg(long, value_name = "TEXT", requires = "appearance", help_heading = "Profile values")]
    pub anchor: Option<String>,
    /// Box of the visible signature: x1,y1,x2,y2
    #[arg(
        long,
        value_name = "X1,Y1,X2,Y2",
        requires = "appearance",
        conflicts_with = "anchor",
        help_heading = "Profile values"
    )]
    pub rect: Option<String>,
    /// Page of the visible signature (1-based)
    #[arg(long, value_name = "N", requires = "appearance", help_heading = "Profile values")]
    pub page: Option<usize>,
    /// Reason for signing, e.g. "Phê duyệt"
    #[arg(long, help_heading = "Profile values")]
    pub reason: Option<String>,
    /// Where the signature is made, e.g. "Thái Nguyên"
    #[arg(long, help_heading = "Profile values")]
    pub location: Option<String>,
    /// How to reach the signer
    #[arg(long, help_heading = "Profile values")]
    pub contact: Option<String>,
}

pub fn abs(p: &Path) -> String {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()).display().to_string()
}

/// The profile the flags describe (paths made absolute: the config file lives elsewhere).
pub fn from_flags(a: &AddArgs) -> ProfileDef {
    ProfileDef {
        key: a.key.as_deref().map(abs),
        p12: a.p12.as_deref().map(abs),
        pkcs11: a.pkcs11.as_deref().map(abs),
        token: a.token.clone(),
        slot: a.slot,
        key_label: a.key_label.clone(),
        key_id: a.key_id.clone(),
        cert: a.cert.as_deref().map(abs),
        chain: (!a.chain.is_empty()).then(|| a.chain.iter().map(|c| abs(c)).collect()),
        pin_file: a.pin_file.as_deref().map(abs),
        password_file: a.password_file.as_deref().map(abs),
        digest: a.digest.as_ref().map(ValueEnumName::name),
        pss: a.pss.then_some(true),
        appearance: a.appearance.as_ref().map(ValueEnumName::name),
        image: a.image.as_deref().map(abs),
        anchor: a.anchor.clone(),
        rect: a.rect.clone(),
        page: a.page,
        reason: a.reason.clone(),
        location: a.location.clone(),
        contact: a.contact.clone(),
        ..Default::default()
    }
}

/// The command-line name of a value (what a profile stores).
pub trait ValueEnumName {
    fn name(&self) -> String;
}

impl<T: ValueEnum> ValueEnumName for T {
    fn name(&self) -> String {
        self.to_possible_value().map(|p| p.get_name().to_string()).unwrap_or_default()
    }
}

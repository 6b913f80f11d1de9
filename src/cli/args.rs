//! Argument groups shared by several subcommands.

use std::path::PathBuf;

use clap::{ArgGroup, Args};
use zeroize::Zeroizing;

use crate::cli::choices::Digest;
use crate::error::{Error, Result};
use crate::pki::identity::SigningIdentity;
use crate::pki::load;
use crate::pki::pkcs11::{KeySelector, Pkcs11Module, TokenSelector};
use crate::report::output::Output;
use crate::verify::trust::TrustStore;

/// Where the signer's key and certificate come from, and how to sign. The three key
/// sources — a key file, a PKCS#12 file, a PKCS#11 token — work the same way everywhere.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("keysource").args(["key", "p12", "pkcs11"])))]
#[command(group(ArgGroup::new("signer").required(true).multiple(true).args(["key", "p12", "pkcs11", "as_profile"])))]
#[command(group(ArgGroup::new("token_source").multiple(true).args(["pkcs11", "as_profile"])))]
pub struct SignerArgs {
    /// Which flags the command line gave (a profile fills in the others); must stay first.
    #[command(flatten)]
    pub given: Given,
    /// Sign as this profile from config.toml or kyso.toml (`kyso profile list`); flags given
    /// here override its values
    #[arg(long = "as", value_name = "PROFILE")]
    pub as_profile: Option<String>,
    /// Private key file (PEM or DER: PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1); needs --cert
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub key: Option<PathBuf>,
    /// PKCS#12 file (.p12/.pfx) with the key and its certificate chain
    #[arg(long, value_name = "FILE")]
    pub p12: Option<PathBuf>,
    /// PKCS#11 module of a USB token (e.g. /usr/lib/softhsm/libsofthsm2.so); see `kyso token list`
    #[arg(long, value_name = "MODULE.so")]
    pub pkcs11: Option<PathBuf>,
    /// Token label (with --pkcs11)
    #[arg(long, value_name = "LABEL", requires = "token_source")]
    pub token: Option<String>,
    /// Slot number (with --pkcs11)
    #[arg(long, value_name = "N", requires = "token_source")]
    pub slot: Option<u64>,
    /// Key label on the token (with --pkcs11)
    #[arg(long, value_name = "LABEL", requires = "token_source")]
    pub key_label: Option<String>,
    /// Key id on the token, hex (with --pkcs11)
    #[arg(long, value_name = "HEX", requires = "token_source")]
    pub key_id: Option<String>,
    /// Token PIN in a file (first line); KYSO_PIN is used when not given, then a prompt on a terminal
    #[arg(long, value_name = "FILE", requires = "token_source")]
    pub pin_file: Option<PathBuf>,
    /// The signer's certificate (PEM or DER; may also hold the chain, signer first).
    /// Optional with --p12, or with --pkcs11 when the token holds the certificate
    #[arg(long, value_name = "FILE")]
    pub cert: Option<PathBuf>,
    /// Issuer certificates to embed (repeatable)
    #[arg(long, value_name = "FILE")]
    pub chain: Vec<PathBuf>,
    /// Password of the key or .p12, in a file (first line); KYSO_KEY_PASSWORD is used when
    /// not given, then a prompt on a terminal
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Digest algorithm
    #[arg(long, value_enum, default_value_t = Digest::Sha256)]
    pub digest: Digest,
    /// Use RSASSA-PSS instead of PKCS#1 v1.5 for RSA keys (Circular 15/2025/TT-BKHCN)
    #[arg(long)]
    pub pss: bool,
}

type Secret = Zeroizing<Vec<u8>>;

impl SignerArgs {
    /// Load the key and certificates once per process.
    pub fn load(&self, out: &Output) -> Result<SigningIdentity> {
        if let Some(module) = &self.pkcs11 {
            return self.load_pkcs11(module, out);
        }
        let mut password = load::password(self.password_file.as_deref(), "KYSO_KEY_PASSWORD")?;
        loop {
            let attempt = match (&self.p12, &self.key, &self.cert) {
                (Some(p12), _, _) => SigningIdentity::from_p12(
                    p12,
                    self.cert.as_deref(),
                    &self.chain,
                    password.as_deref().map(|p| p.as_slice()),
                ),
                (None, Some(key), Some(cert)) => {
                    SigningIdentity::from_files(key, cert, &self.chain, password.as_deref().map(|p| p.as_slice()))
                }
                _ => {
                    return Err(Error::InvalidOption {
                        option: "--key",
                        detail: "give --key with --cert, --p12, or --pkcs11".into(),
                    });
                }
            };
            match attempt {
                // Ask once on a terminal; scripts get the clear error instead.
                Err(Error::PasswordRequired { .. }) | Err(Error::WrongPassword { .. }) if password.is_none() => {
                    match out.prompt_secret(out.lang.pick("password", "mật khẩu")) {
                        Some(p) => password = Some(Zeroizing::new(p.as_bytes().to_vec())),
                        None => return attempt,
                    }
                }
                other => return other,
            }
        }
    }

    fn load_pkcs11(&self, module: &std::path::Path, out: &Output) -> Result<SigningIdentity> {
        let pin: Secret = match load::password(self.pin_file.as_deref(), "KYSO_PIN")? {
            Some(p) => p,
            None => match out.prompt_secret(out.lang.pick("token PIN", "mã PIN của token")) {
                Some(p) => Zeroizing::new(p.as_bytes().to_vec()),
                None => {
                    return Err(Error::SecretRequired { what: "a PIN", hint: "give --pin-file or KYSO_PIN" });
                }
            },
        };
        let key_id = match &self.key_id {
            Some(h) => Some(
                hex::decode(h.trim_start_matches("0x"))
                    .map_err(|_| Error::InvalidOption { option: "--key-id", detail: format!("{h:?} is not hex") })?,
            ),
            None => None,
        };
        let m = Pkcs11Module::load(module).map_err(Error::Token)?;
        let token = TokenSelector { label: self.token.clone(), slot: self.slot };
        let key = KeySelector { label: self.key_label.clone(), id: key_id };
        let tk = m.open_key(&token, &key, &pin).map_err(Error::Token)?;
        SigningIdentity::from_token(tk, self.cert.as_deref(), &self.chain)
    }
}

/// What the verifier trusts.
#[derive(Debug, Args)]
// `kyso verify --policy` is the verification policy file; openssl's certificate-policy
// input (`kyso cert verify --policy OID`) is `--cert-policy OID` here.
#[command(mut_arg("policy", |a| a.long("cert-policy")))]
pub struct TrustArgs {
    /// Trust anchors: a PEM/DER certificate file, a folder of them, or a trust store @NAME
    /// (`kyso trust list`; @vn: the Vietnamese national and Government CA roots) (repeatable).
    /// Without anchors no signature can be better than "indeterminate".
    #[arg(long, value_name = "FILE|DIR|@NAME")]
    pub trust: Vec<PathBuf>,
    /// Untrusted intermediate certificates to help build chains: a file, a folder or a trust
    /// store @NAME (@vn: the Vietnamese public CAs) (repeatable)
    #[arg(long, value_name = "FILE|DIR|@NAME")]
    pub certs: Vec<PathBuf>,
    /// CRLs (PEM or DER, repeatable): a certificate revoked before the validation time
    /// makes the signature invalid
    #[arg(long, value_name = "FILE")]
    pub crl: Vec<PathBuf>,
    /// Validation time, RFC 3339 or YYYY-MM-DD [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// Password of encrypted PDFs, in a file (first line); KYSO_PDF_PASSWORD is used when
    /// not given (the empty user password is always tried)
    #[arg(long, value_name = "FILE")]
    pub pdf_password_file: Option<PathBuf>,
    /// Work budget of a PDF's revision analysis, in object visits; a document that needs
    /// more is INDETERMINATE (LIMIT_EXCEEDED)
    #[arg(long, value_name = "N", default_value_t = crate::pdf::analysis::diff::DEFAULT_WORK_LIMIT)]
    pub pdf_work_limit: u64,
    #[command(flatten)]
    pub validation: super::cert::verify::ValidationArgs,
}

impl TrustArgs {
    /// Everything a verification needs from the command line.
    pub fn options(&self) -> Result<crate::verify::VerifyOptions> {
        let pdf_password = load::password(self.pdf_password_file.as_deref(), "KYSO_PDF_PASSWORD")?;
        Ok(crate::verify::VerifyOptions {
            trust: self.store()?,
            at: self.at()?,
            pdf_password: pdf_password.map(|p| p.to_vec()),
            pdf_work_limit: self.pdf_work_limit,
            ..Default::default()
        })
    }

    pub fn store(&self) -> Result<TrustStore> {
        let mut store = TrustStore::load(&self.trust, &self.certs, &self.crl)?;
        store.settings = self.validation.settings()?;
        Ok(store)
    }

    pub fn at(&self) -> Result<i64> {
        match &self.at {
            None => Ok(crate::pki::time::now_unix()),
            Some(s) => crate::pki::time::parse_user_time(s).ok_or_else(|| Error::InvalidOption {
                option: "--at",
                detail: format!("{s:?} is not an RFC 3339 time or a YYYY-MM-DD date"),
            }),
        }
    }
}

/// The ids of the arguments given on the command line (not defaults, not the environment).
///
/// Flattened as the *first* field of [`SignerArgs`]: clap's derived code takes each value out
/// of the matches as it fills a field, so this must look before the others do.
#[derive(Debug, Clone, Default)]
pub struct Given(pub std::collections::BTreeSet<String>);

impl Given {
    pub fn has(&self, id: &str) -> bool {
        self.0.contains(id)
    }
}

impl clap::FromArgMatches for Given {
    fn from_arg_matches(m: &clap::ArgMatches) -> std::result::Result<Self, clap::Error> {
        Ok(Given(
            m.ids()
                .map(|id| id.as_str())
                .filter(|id| m.value_source(id) == Some(clap::parser::ValueSource::CommandLine))
                .map(str::to_string)
                .collect(),
        ))
    }
    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> std::result::Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl clap::Args for Given {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        cmd
    }
}

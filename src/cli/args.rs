//! Argument groups shared by several subcommands.

use std::path::PathBuf;

use clap::Args;

use crate::error::Result;
use crate::pki::alg::DigestAlg;
use crate::pki::identity::SigningIdentity;
use crate::pki::load;
use crate::verify::trust::TrustStore;

/// Where the signer's key and certificate come from, and how to sign.
#[derive(Debug, Args)]
pub struct SignerArgs {
    /// Private key file (PEM or DER: PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1)
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,
    /// The signer's certificate (PEM or DER; may also hold the chain, signer first)
    #[arg(long, value_name = "FILE")]
    pub cert: PathBuf,
    /// Issuer certificates to embed (repeatable)
    #[arg(long, value_name = "FILE")]
    pub chain: Vec<PathBuf>,
    /// Password of an encrypted key, in a file (first line); KYSO_KEY_PASSWORD is used when not given
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Digest algorithm
    #[arg(long, value_enum, default_value_t = DigestAlg::Sha256)]
    pub digest: DigestAlg,
    /// Use RSASSA-PSS instead of PKCS#1 v1.5 for RSA keys (Circular 15/2025/TT-BKHCN)
    #[arg(long)]
    pub pss: bool,
}

impl SignerArgs {
    /// Load the key and certificates once.
    pub fn load(&self) -> Result<SigningIdentity> {
        let password = load::password(self.password_file.as_deref(), "KYSO_KEY_PASSWORD")?;
        SigningIdentity::from_files(
            &self.key,
            &self.cert,
            &self.chain,
            password.as_deref().map(|p| p.as_slice()),
        )
    }
}

/// What the verifier trusts.
#[derive(Debug, Args)]
pub struct TrustArgs {
    /// Trust anchors: a PEM/DER certificate file or a folder of them (repeatable).
    /// Without anchors no signature can be better than "indeterminate".
    #[arg(long, value_name = "FILE|DIR")]
    pub trust: Vec<PathBuf>,
    /// Untrusted intermediate certificates to help build chains (repeatable)
    #[arg(long, value_name = "FILE|DIR")]
    pub certs: Vec<PathBuf>,
    /// CRLs (PEM or DER, repeatable): a certificate revoked before the validation time
    /// makes the signature invalid
    #[arg(long, value_name = "FILE")]
    pub crl: Vec<PathBuf>,
    /// Validation time, RFC 3339 or YYYY-MM-DD [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
}

impl TrustArgs {
    pub fn store(&self) -> Result<TrustStore> {
        TrustStore::load(&self.trust, &self.certs, &self.crl)
    }

    pub fn at(&self) -> Result<i64> {
        match &self.at {
            None => Ok(crate::pki::time::now_unix()),
            Some(s) => {
                crate::pki::time::parse_user_time(s).ok_or_else(|| crate::Error::InvalidOption {
                    option: "--at",
                    detail: format!("{s:?} is not an RFC 3339 time or a YYYY-MM-DD date"),
                })
            }
        }
    }
}

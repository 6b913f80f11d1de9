//! The command line's closed choices (`--format`, `--lang`, `--digest`, `--key-type`, …): clap
//! `ValueEnum` mirrors of library types, each with a `From` into the type it stands for.
//!
//! The library knows no clap; the names, aliases and help text people see live here. A variant the
//! command line does not offer (SHA-1 for signing, the root profile for `cert issue`) has no mirror.

use clap::ValueEnum;

use crate::batch::run as batch;
use crate::pki::{alg, cadb, issue, key};
use crate::report;

/// Language of the messages for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// English
    En,
    /// Tiếng Việt
    Vi,
}

impl From<Lang> for report::Lang {
    fn from(l: Lang) -> Self {
        match l {
            Lang::En => report::Lang::En,
            Lang::Vi => report::Lang::Vi,
        }
    }
}

/// Output format of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text for people (in the chosen language).
    Human,
    /// One JSON document on stdout, versioned by a "schema" field.
    Json,
    /// JSON Lines: verification prints one file object per line, then a summary line
    Jsonl,
    /// JUnit XML (verification: one testcase per file), for CI test reporters
    Junit,
    /// GitHub Actions workflow commands (verification: `::error file=…::` per problem)
    Github,
}

impl From<Format> for report::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Human => report::Format::Human,
            Format::Json => report::Format::Json,
            Format::Jsonl => report::Format::Jsonl,
            Format::Junit => report::Format::Junit,
            Format::Github => report::Format::Github,
        }
    }
}

/// When to use ANSI colours on a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    Always,
    Never,
}

impl From<ColorChoice> for report::ColorChoice {
    fn from(c: ColorChoice) -> Self {
        match c {
            ColorChoice::Auto => report::ColorChoice::Auto,
            ColorChoice::Always => report::ColorChoice::Always,
            ColorChoice::Never => report::ColorChoice::Never,
        }
    }
}

/// Digest algorithms a signature can be made with (the verification-only ones are not offered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Digest {
    Sha256,
    Sha384,
    Sha512,
}

impl From<Digest> for alg::DigestAlg {
    fn from(d: Digest) -> Self {
        match d {
            Digest::Sha256 => alg::DigestAlg::Sha256,
            Digest::Sha384 => alg::DigestAlg::Sha384,
            Digest::Sha512 => alg::DigestAlg::Sha512,
        }
    }
}

/// Key types kyso can generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyType {
    /// RSA 2048-bit (the default; what Vietnamese CAs issue most)
    Rsa2048,
    /// RSA 3072-bit
    Rsa3072,
    /// RSA 4096-bit
    Rsa4096,
    /// ECDSA on NIST P-256
    #[value(alias = "ec", alias = "ecdsa")]
    P256,
    /// ECDSA on NIST P-384
    P384,
    /// ECDSA on NIST P-521
    P521,
}

impl From<KeyType> for key::KeyType {
    fn from(k: KeyType) -> Self {
        match k {
            KeyType::Rsa2048 => key::KeyType::Rsa2048,
            KeyType::Rsa3072 => key::KeyType::Rsa3072,
            KeyType::Rsa4096 => key::KeyType::Rsa4096,
            KeyType::P256 => key::KeyType::P256,
            KeyType::P384 => key::KeyType::P384,
            KeyType::P521 => key::KeyType::P521,
        }
    }
}

/// What a certificate is for (`cert issue`; the root is made by `kyso cert ca`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Profile {
    /// Subordinate CA that may issue end-entity certificates only (pathLen 0).
    Intermediate,
    /// A person's signing certificate (a leader, a clerk).
    Person,
    /// An organization's signing certificate (the agency's seal).
    Organization,
    /// A time-stamping authority.
    Tsa,
    /// A delegated OCSP responder (RFC 6960 §4.2.2.2), with id-pkix-ocsp-nocheck.
    Ocsp,
}

impl From<Profile> for issue::Profile {
    fn from(p: Profile) -> Self {
        match p {
            Profile::Intermediate => issue::Profile::Intermediate,
            Profile::Person => issue::Profile::Person,
            Profile::Organization => issue::Profile::Organization,
            Profile::Tsa => issue::Profile::Tsa,
            Profile::Ocsp => issue::Profile::Ocsp,
        }
    }
}

/// Why a certificate was revoked (RFC 5280 §5.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RevocationReason {
    Unspecified,
    KeyCompromise,
    #[value(name = "ca-compromise")]
    CaCompromise,
    AffiliationChanged,
    Superseded,
    CessationOfOperation,
    CertificateHold,
}

impl From<RevocationReason> for cadb::RevocationReason {
    fn from(r: RevocationReason) -> Self {
        use cadb::RevocationReason as R;
        match r {
            RevocationReason::Unspecified => R::Unspecified,
            RevocationReason::KeyCompromise => R::KeyCompromise,
            RevocationReason::CaCompromise => R::CaCompromise,
            RevocationReason::AffiliationChanged => R::AffiliationChanged,
            RevocationReason::Superseded => R::Superseded,
            RevocationReason::CessationOfOperation => R::CessationOfOperation,
            RevocationReason::CertificateHold => R::CertificateHold,
        }
    }
}

/// What to do with files that are neither PDF nor XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Others {
    /// Leave them out (reported as skipped)
    Skip,
    /// Write a detached CMS signature FILE.p7s for each
    P7s,
}

impl From<Others> for batch::Others {
    fn from(o: Others) -> Self {
        match o {
            Others::Skip => batch::Others::Skip,
            Others::P7s => batch::Others::P7s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every library value the command line offers has a mirror with the same name.
    #[test]
    fn mirrors_cover_the_offered_values() {
        let names = |v: &[clap::builder::PossibleValue]| v.iter().map(|p| p.get_name().to_string()).collect::<Vec<_>>();
        let pv = |e: &dyn Fn() -> Vec<clap::builder::PossibleValue>| names(&e());
        assert_eq!(
            pv(&|| Digest::value_variants().iter().filter_map(|d| d.to_possible_value()).collect()),
            ["sha256", "sha384", "sha512"]
        );
        assert_eq!(
            pv(&|| KeyType::value_variants().iter().filter_map(|d| d.to_possible_value()).collect()),
            ["rsa2048", "rsa3072", "rsa4096", "p256", "p384", "p521"]
        );
        assert_eq!(key::KeyType::from(KeyType::P256), key::KeyType::P256);
        assert_eq!(alg::DigestAlg::from(Digest::Sha512), alg::DigestAlg::Sha512);
        assert_eq!(cadb::RevocationReason::from(RevocationReason::CaCompromise).code(), 2);
    }
}

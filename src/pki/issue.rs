//! Certificate profiles and issuance.
//!
//! The TBSCertificate is assembled field by field (not through a builder profile) so
//! that every extension and its criticality is exactly what the profile table says:
//!
//! | profile       | basicConstraints (critical) | keyUsage (critical)              | extKeyUsage                               |
//! |---------------|-----------------------------|----------------------------------|-------------------------------------------|
//! | root          | cA                          | digitalSignature, keyCertSign, cRLSign | —                                   |
//! | intermediate  | cA, pathLen 0               | digitalSignature, keyCertSign, cRLSign | —                                   |
//! | person / organization | not CA              | digitalSignature, nonRepudiation | emailProtection, documentSigning          |
//! | tsa           | not CA                      | digitalSignature                 | timeStamping (critical)                   |
//! | ocsp          | not CA                      | digitalSignature                 | OCSPSigning; id-pkix-ocsp-nocheck         |
//!
//! Every certificate has a random 128-bit serial, a subjectKeyIdentifier (RFC 5280
//! method 1) and an authorityKeyIdentifier; `--email` adds a subjectAltName rfc822Name;
//! [`AccessUrls`] add authorityInfoAccess (OCSP, caIssuers) and cRLDistributionPoints.

use std::path::PathBuf;

use const_oid::ObjectIdentifier as Oid;
use der::asn1::{BitString, Ia5String, OctetString};
use der::{Decode, Encode, Sequence};
use sha1::Digest;
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::Certificate;
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{
    AccessDescription, AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, BasicConstraints, CrlDistributionPoints,
    ExtendedKeyUsage, KeyUsage, KeyUsages, SubjectAltName,
};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Validity;

use super::alg::DigestAlg;
use super::key::PrivateKey;
use super::{oids, time};
use crate::error::{Error, Result};

/// What a certificate is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// Self-signed root CA (made by `kyso cert ca`).
    Root,
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

impl Profile {
    pub fn is_ca(self) -> bool {
        matches!(self, Profile::Root | Profile::Intermediate)
    }
}

/// What to put in a new certificate.
pub struct IssueRequest {
    pub subject: Name,
    pub profile: Profile,
    pub not_before: i64,
    pub not_after: i64,
    pub emails: Vec<String>,
    pub urls: AccessUrls,
}

/// Where relying parties find revocation data and the issuer's certificate: the
/// authorityInfoAccess (RFC 5280 §4.2.2.1) and cRLDistributionPoints (§4.2.1.13)
/// extensions, `http://` URLs.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct AccessUrls {
    pub ocsp: Vec<String>,
    pub ca_issuers: Vec<String>,
    pub crl: Vec<String>,
}

/// The CA that signs: its certificate, its key, and the file it came from (for messages).
pub struct Issuer<'a> {
    pub cert: &'a Certificate,
    pub key: &'a PrivateKey,
    pub path: PathBuf,
}

/// TBSCertificate as RFC 5280 §4.1 defines it, always version 3 with extensions.
#[derive(Sequence)]
struct Tbs {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    version: u8,
    serial_number: SerialNumber,
    signature: AlgorithmIdentifierOwned,
    issuer: Name,
    validity: Validity,
    subject: Name,
    subject_public_key_info: SubjectPublicKeyInfoOwned,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT")]
    extensions: Vec<Extension>,
}

#[derive(Sequence)]
struct SignedCert<'a> {
    tbs: der::asn1::AnyRef<'a>,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
}

fn der_err(e: der::Error) -> Error {
    Error::Encoding { what: "a certificate (DER)", source: Box::new(e) }
}

/// Issue a certificate for `subject_key`. With `issuer == None` the certificate is
/// self-signed by `self_key` (which must be the subject's key).
pub fn issue(
    req: &IssueRequest,
    subject_key: &SubjectPublicKeyInfoOwned,
    issuer: Option<&Issuer>,
    self_key: &PrivateKey,
) -> Result<Certificate> {
    let ski = key_identifier(subject_key);
    let (issuer_name, aki, signing_key) = match issuer {
        Some(ca) => {
            check_issuer(ca, req)?;
            let aki = subject_key_identifier(ca.cert)
                .unwrap_or_else(|| key_identifier(ca.cert.tbs_certificate().subject_public_key_info()));
            (ca.cert.tbs_certificate().subject().clone(), aki, ca.key)
        }
        None => (req.subject.clone(), ski.clone(), self_key),
    };

    let scheme = signing_key.scheme(DigestAlg::Sha256, false);
    let sig_alg = scheme.algorithm_identifier().map_err(der_err)?;
    let validity = Validity::new(
        time::to_x509(req.not_before).ok_or_else(|| bad_time(req.not_before))?,
        time::to_x509(req.not_after).ok_or_else(|| bad_time(req.not_after))?,
    );
    let tbs = Tbs {
        version: 2,
        serial_number: random_serial()?,
        signature: sig_alg.clone(),
        issuer: issuer_name,
        validity,
        subject: req.subject.clone(),
        subject_public_key_info: subject_key.clone(),
        extensions: extensions(req, ski, aki)?,
    };
    let tbs_der = tbs.to_der().map_err(der_err)?;
    let signature = signing_key.sign(scheme, &tbs_der).map_err(|e| Error::Crypto(e.to_string()))?;
    let cert = SignedCert {
        tbs: der::asn1::AnyRef::from_der(&tbs_der).map_err(der_err)?,
        signature_algorithm: sig_alg,
        signature: BitString::from_bytes(&signature).map_err(der_err)?,
    };
    Certificate::from_der(&cert.to_der().map_err(der_err)?).map_err(der_err)
}

fn bad_time(t: i64) -> Error {
    Error::InvalidOption { option: "--not-before/--days", detail: format!("time {t} cannot be encoded") }
}

fn check_issuer(ca: &Issuer, req: &IssueRequest) -> Result<()> {
    let tbs = ca.cert.tbs_certificate();
    let bc = tbs.get_extension::<BasicConstraints>().ok().flatten().map(|(_, bc)| bc);
    let ku = tbs.get_extension::<KeyUsage>().ok().flatten().map(|(_, ku)| ku);
    let can_sign_certs = ku.is_none_or(|ku| ku.0.contains(KeyUsages::KeyCertSign));
    match bc {
        Some(bc) if bc.ca && can_sign_certs => {
            if req.profile.is_ca() && bc.path_len_constraint == Some(0) {
                return Err(Error::PathLenExceeded { path: ca.path.clone() });
            }
        }
        _ => {
            return Err(Error::NotACa { path: ca.path.clone() });
        }
    }
    let inb = time::unix(&tbs.validity().not_before);
    let ina = time::unix(&tbs.validity().not_after);
    if req.not_before < inb || req.not_after > ina {
        return Err(Error::ValidityOutsideIssuer {
            not_before: time::rfc3339(req.not_before),
            not_after: time::rfc3339(req.not_after),
            issuer_not_before: time::rfc3339(inb),
            issuer_not_after: time::rfc3339(ina),
        });
    }
    Ok(())
}

fn extensions(req: &IssueRequest, ski: Vec<u8>, aki: Vec<u8>) -> Result<Vec<Extension>> {
    let mut exts = Vec::new();
    let mut push = |oid: Oid, critical: bool, der: der::Result<Vec<u8>>| -> Result<()> {
        let der = der.map_err(der_err)?;
        exts.push(Extension { extn_id: oid, critical, extn_value: OctetString::new(der).map_err(der_err)? });
        Ok(())
    };
    let (ca, path_len) = match req.profile {
        Profile::Root => (true, None),
        Profile::Intermediate => (true, Some(0)),
        _ => (false, None),
    };
    push(oids::EXT_BASIC_CONSTRAINTS, true, BasicConstraints { ca, path_len_constraint: path_len }.to_der())?;
    let usage = match req.profile {
        // digitalSignature: a CA that signs OCSP responses itself (as `kyso pki serve`
        // does) needs it, and strict validators (pyHanko) check it.
        Profile::Root | Profile::Intermediate => {
            KeyUsages::DigitalSignature | KeyUsages::KeyCertSign | KeyUsages::CRLSign
        }
        Profile::Person | Profile::Organization => KeyUsages::DigitalSignature | KeyUsages::NonRepudiation,
        Profile::Tsa | Profile::Ocsp => KeyUsages::DigitalSignature.into(),
    };
    push(oids::EXT_KEY_USAGE, true, KeyUsage(usage).to_der())?;
    match req.profile {
        Profile::Person | Profile::Organization => push(
            oids::EXT_EKU,
            false,
            ExtendedKeyUsage(vec![oids::EKU_EMAIL_PROTECTION, oids::EKU_DOCUMENT_SIGNING]).to_der(),
        )?,
        Profile::Tsa => push(oids::EXT_EKU, true, ExtendedKeyUsage(vec![oids::EKU_TIME_STAMPING]).to_der())?,
        Profile::Ocsp => {
            push(oids::EXT_EKU, false, ExtendedKeyUsage(vec![oids::EKU_OCSP_SIGNING]).to_der())?;
            push(oids::OCSP_NOCHECK, false, der::asn1::Null.to_der())?;
        }
        _ => {}
    }
    push(oids::EXT_SKI, false, OctetString::new(ski).map_err(der_err)?.to_der())?;
    let aki = AuthorityKeyIdentifier {
        key_identifier: Some(OctetString::new(aki).map_err(der_err)?),
        authority_cert_issuer: None,
        authority_cert_serial_number: None,
    };
    push(oids::EXT_AKI, false, aki.to_der())?;
    if !req.emails.is_empty() {
        let names = req
            .emails
            .iter()
            .map(|e| {
                Ia5String::new(e).map(GeneralName::Rfc822Name).map_err(|_| Error::InvalidOption {
                    option: "--email",
                    detail: format!("{e:?} is not an ASCII e-mail address"),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        push(oids::EXT_SAN, false, SubjectAltName(names).to_der())?;
    }
    let urls = &req.urls;
    let uri = |option: &'static str, u: &String| -> Result<GeneralName> {
        if !u.to_ascii_lowercase().starts_with("http://") || u.len() <= "http://".len() {
            return Err(Error::InvalidOption { option, detail: format!("{u:?} is not an http:// URL") });
        }
        Ia5String::new(u)
            .map(GeneralName::UniformResourceIdentifier)
            .map_err(|_| Error::InvalidOption { option, detail: format!("{u:?} is not an ASCII URL") })
    };
    let mut access = Vec::new();
    for (method, option, list) in
        [(oids::AD_OCSP, "--ocsp-url", &urls.ocsp), (oids::AD_CA_ISSUERS, "--ca-issuers-url", &urls.ca_issuers)]
    {
        for u in list {
            access.push(AccessDescription { access_method: method, access_location: uri(option, u)? });
        }
    }
    if !access.is_empty() {
        push(oids::EXT_AIA, false, AuthorityInfoAccessSyntax(access).to_der())?;
    }
    if !urls.crl.is_empty() {
        let names = urls.crl.iter().map(|u| uri("--crl-url", u)).collect::<Result<Vec<_>>>()?;
        let dp = DistributionPoint {
            distribution_point: Some(DistributionPointName::FullName(names)),
            reasons: None,
            crl_issuer: None,
        };
        push(oids::EXT_CRL_DP, false, CrlDistributionPoints(vec![dp]).to_der())?;
    }
    Ok(exts)
}

/// RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents.
pub fn key_identifier(spki: &SubjectPublicKeyInfoOwned) -> Vec<u8> {
    sha1::Sha1::digest(spki.subject_public_key.raw_bytes()).to_vec()
}

/// The subjectKeyIdentifier extension's value, if the certificate has one.
pub fn subject_key_identifier(cert: &Certificate) -> Option<Vec<u8>> {
    cert.tbs_certificate()
        .get_extension::<x509_cert::ext::pkix::SubjectKeyIdentifier>()
        .ok()
        .flatten()
        .map(|(_, ski)| ski.0.as_bytes().to_vec())
}

/// A positive random serial of 16 bytes (RFC 5280 allows up to 20 octets).
fn random_serial() -> Result<SerialNumber> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Error::Crypto(format!("no randomness: {e}")))?;
    bytes[0] &= 0x7f;
    bytes[0] |= 0x10; // non-zero leading byte: always exactly 16 octets in DER
    SerialNumber::new(&bytes).map_err(der_err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::{dn, key::KeyType};

    fn req(profile: Profile, subject: &str, nb: i64, days: i64) -> IssueRequest {
        IssueRequest {
            subject: dn::parse(subject).unwrap(),
            profile,
            not_before: nb,
            not_after: nb + days * 86400,
            emails: vec![],
            urls: AccessUrls::default(),
        }
    }

    #[test]
    fn chain_rules() {
        let now = time::now_unix();
        let root_key = PrivateKey::generate(KeyType::P256).unwrap();
        let root_spki = root_key.public_key_info().unwrap();
        let root = issue(&req(Profile::Root, "CN=Root,C=VN", now, 3650), &root_spki, None, &root_key).unwrap();
        let inter_key = PrivateKey::generate(KeyType::P256).unwrap();
        let ca = Issuer { cert: &root, key: &root_key, path: "root.crt".into() };
        let inter = issue(
            &req(Profile::Intermediate, "CN=Sub,C=VN", now, 365),
            &inter_key.public_key_info().unwrap(),
            Some(&ca),
            &inter_key,
        )
        .unwrap();
        // beyond the issuer's validity: refused
        let err = issue(&req(Profile::Person, "CN=A", now, 4000), &root_spki, Some(&ca), &root_key).unwrap_err();
        assert!(matches!(err, Error::ValidityOutsideIssuer { .. }));
        // an intermediate with pathLen 0 cannot issue another CA
        let sub = Issuer { cert: &inter, key: &inter_key, path: "inter.crt".into() };
        let err = issue(&req(Profile::Intermediate, "CN=X", now, 30), &root_spki, Some(&sub), &root_key).unwrap_err();
        assert!(matches!(err, Error::PathLenExceeded { .. }));
        // a leaf cannot issue
        let leaf = issue(&req(Profile::Person, "CN=Leaf", now, 30), &root_spki, Some(&sub), &root_key).unwrap();
        let l = Issuer { cert: &leaf, key: &root_key, path: "leaf.crt".into() };
        let err = issue(&req(Profile::Person, "CN=Y", now, 1), &root_spki, Some(&l), &root_key).unwrap_err();
        assert!(matches!(err, Error::NotACa { .. }));
    }
}

//! A plain, serializable summary of a certificate: what `cert inspect` prints and what
//! verification reports show about signers and chains. Summarizing does not verify.

use const_oid::ObjectIdentifier as Oid;
use der::{Decode, Encode};
use serde::Serialize;
use sha2::Digest;
use spki::SubjectPublicKeyInfoOwned;
use x509_cert::Certificate;
use x509_cert::ext::pkix::constraints::name::{GeneralSubtree, NameConstraints};
use x509_cert::ext::pkix::name::DistributionPointName;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AuthorityInfoAccessSyntax, AuthorityKeyIdentifier, BasicConstraints, CertificatePolicies, CrlDistributionPoints,
    ExtendedKeyUsage, KeyUsage, SubjectAltName, SubjectKeyIdentifier,
};

use super::{alg, dn, oids, time};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct KeyInfo {
    /// "RSA" or "EC"
    pub algorithm: String,
    pub bits: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curve: Option<String>,
}

impl std::fmt::Display for KeyInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.curve {
            Some(c) => write!(f, "{} {} ({} bits)", self.algorithm, c, self.bits),
            None => write!(f, "{} {} bits", self.algorithm, self.bits),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ExtInfo {
    pub oid: String,
    pub name: String,
    pub critical: bool,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CertInfo {
    pub subject: String,
    pub issuer: String,
    /// Hex, upper case, as OpenSSL prints it without colons.
    pub serial: String,
    pub not_before: String,
    pub not_after: String,
    pub key: KeyInfo,
    pub signature_algorithm: String,
    pub is_ca: bool,
    pub self_issued: bool,
    /// SHA-256 fingerprint of the DER certificate, lower-case hex.
    pub sha256: String,
    pub extensions: Vec<ExtInfo>,
}

impl CertInfo {
    /// The summary of `cert`, worked out once per process (a batch reports the same
    /// chain for thousands of files).
    pub fn new(cert: &Certificate) -> CertInfo {
        static MEMO: super::memo::Memo<Certificate, CertInfo> = super::memo::Memo::new(1_000);
        MEMO.get_or_insert(
            super::memo::bucket_of(cert.signature().raw_bytes()),
            |c| c == cert,
            || cert.clone(),
            || CertInfo::summarize(cert),
        )
    }

    fn summarize(cert: &Certificate) -> CertInfo {
        let tbs = cert.tbs_certificate();
        let extensions = tbs
            .extensions()
            .map(|exts| {
                exts.iter()
                    .map(|e| ExtInfo {
                        oid: e.extn_id.to_string(),
                        name: ext_name(&e.extn_id).to_string(),
                        critical: e.critical,
                        value: ext_value(&e.extn_id, e.extn_value.as_bytes()),
                    })
                    .collect()
            })
            .unwrap_or_default();
        CertInfo {
            subject: dn::to_string(tbs.subject()),
            issuer: dn::to_string(tbs.issuer()),
            serial: hex::encode_upper(tbs.serial_number().as_bytes()),
            not_before: time::time_rfc3339(&tbs.validity().not_before),
            not_after: time::time_rfc3339(&tbs.validity().not_after),
            key: key_info(tbs.subject_public_key_info()),
            signature_algorithm: alg::signature_alg_name(cert.signature_algorithm()),
            is_ca: is_ca(cert),
            self_issued: tbs.subject() == tbs.issuer(),
            sha256: fingerprint(cert),
            extensions,
        }
    }
}

/// SHA-256 of the DER certificate, lower-case hex.
pub fn fingerprint(cert: &Certificate) -> String {
    hex::encode(sha2::Sha256::digest(cert.to_der().unwrap_or_default()))
}

pub fn is_ca(cert: &Certificate) -> bool {
    matches!(cert.tbs_certificate().get_extension::<BasicConstraints>(), Ok(Some((_, bc))) if bc.ca)
}

pub fn key_info(spki: &SubjectPublicKeyInfoOwned) -> KeyInfo {
    let oid = spki.algorithm.oid;
    if oid == oids::RSA_ENCRYPTION {
        let bits = rsa::pkcs1::RsaPublicKey::<der::asn1::UintRef<'_>>::from_der(spki.subject_public_key.raw_bytes())
            .map(|k| {
                let m = k.modulus.as_bytes();
                let m = &m[m.iter().take_while(|&&b| b == 0).count()..];
                m.first().map(|b| (m.len() as u32) * 8 - b.leading_zeros()).unwrap_or(0)
            })
            .unwrap_or(0);
        KeyInfo { algorithm: "RSA".into(), bits, curve: None }
    } else if oid == oids::EC_PUBLIC_KEY {
        let curve = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<Oid>().ok());
        let (name, bits) = match curve {
            Some(c) if c == oids::CURVE_P256 => ("P-256".to_string(), 256),
            Some(c) if c == oids::CURVE_P384 => ("P-384".to_string(), 384),
            Some(c) if c == oids::CURVE_P521 => ("P-521".to_string(), 521),
            Some(c) if c == oids::CURVE_BP256R1 => ("brainpoolP256r1".to_string(), 256),
            Some(c) if c == oids::CURVE_BP384R1 => ("brainpoolP384r1".to_string(), 384),
            Some(c) => (c.to_string(), 0),
            None => ("unknown".to_string(), 0),
        };
        KeyInfo { algorithm: "EC".into(), bits, curve: Some(name) }
    } else if oid == oids::ED25519 || oid == oids::ED448 {
        let (name, bits) = if oid == oids::ED25519 { ("Ed25519", 256) } else { ("Ed448", 456) };
        KeyInfo { algorithm: name.into(), bits, curve: None }
    } else {
        KeyInfo { algorithm: oid.to_string(), bits: 0, curve: None }
    }
}

pub fn ext_name(oid: &Oid) -> &'static str {
    match *oid {
        oids::EXT_BASIC_CONSTRAINTS => "basicConstraints",
        oids::EXT_KEY_USAGE => "keyUsage",
        oids::EXT_EKU => "extendedKeyUsage",
        oids::EXT_SKI => "subjectKeyIdentifier",
        oids::EXT_AKI => "authorityKeyIdentifier",
        oids::EXT_SAN => "subjectAltName",
        oids::EXT_CRL_DP => "cRLDistributionPoints",
        oids::EXT_CERT_POLICIES => "certificatePolicies",
        oids::EXT_AIA => "authorityInfoAccess",
        oids::EXT_ISSUER_ALT_NAME => "issuerAltName",
        oids::EXT_NAME_CONSTRAINTS => "nameConstraints",
        oids::EXT_POLICY_MAPPINGS => "policyMappings",
        oids::EXT_POLICY_CONSTRAINTS => "policyConstraints",
        oids::EXT_INHIBIT_ANY_POLICY => "inhibitAnyPolicy",
        oids::EXT_FRESHEST_CRL => "freshestCRL",
        oids::EXT_MS_APPLICATION_POLICIES => "msApplicationPolicies",
        _ => "unknown",
    }
}

pub fn eku_name(oid: &Oid) -> String {
    match *oid {
        oids::EKU_EMAIL_PROTECTION => "emailProtection".into(),
        oids::EKU_DOCUMENT_SIGNING => "documentSigning".into(),
        oids::EKU_TIME_STAMPING => "timeStamping".into(),
        oids::EKU_ANY => "anyExtendedKeyUsage".into(),
        oids::EKU_MS_DOCUMENT_SIGNING => "msDocumentSigning".into(),
        oids::EKU_ADOBE_AUTHENTIC_DOCUMENTS => "adobeAuthenticDocumentsTrust".into(),
        oids::EKU_CLIENT_AUTH => "clientAuth".into(),
        oids::EKU_SERVER_AUTH => "serverAuth".into(),
        oids::EKU_CODE_SIGNING => "codeSigning".into(),
        other => other.to_string(),
    }
}

fn ext_value(oid: &Oid, der: &[u8]) -> String {
    let fallback = || hex::encode(der);
    match *oid {
        oids::EXT_BASIC_CONSTRAINTS => BasicConstraints::from_der(der)
            .map(|bc| match (bc.ca, bc.path_len_constraint) {
                (true, Some(n)) => format!("CA, pathLen {n}"),
                (true, None) => "CA".into(),
                (false, _) => "not a CA".into(),
            })
            .unwrap_or_else(|_| fallback()),
        oids::EXT_KEY_USAGE => {
            KeyUsage::from_der(der).map(|ku| key_usage_names(&ku).join(", ")).unwrap_or_else(|_| fallback())
        }
        oids::EXT_EKU => ExtendedKeyUsage::from_der(der)
            .map(|e| e.0.iter().map(eku_name).collect::<Vec<_>>().join(", "))
            .unwrap_or_else(|_| fallback()),
        oids::EXT_SKI => SubjectKeyIdentifier::from_der(der)
            .map(|s| hex::encode_upper(s.0.as_bytes()))
            .unwrap_or_else(|_| fallback()),
        oids::EXT_AKI => AuthorityKeyIdentifier::from_der(der)
            .ok()
            .and_then(|a| a.key_identifier.map(|k| hex::encode_upper(k.as_bytes())))
            .unwrap_or_else(fallback),
        oids::EXT_SAN => SubjectAltName::from_der(der)
            .map(|san| san.0.iter().map(general_name).collect::<Vec<_>>().join(", "))
            .unwrap_or_else(|_| fallback()),
        oids::EXT_CRL_DP => CrlDistributionPoints::from_der(der)
            .map(|d| {
                d.0.iter()
                    .filter_map(|p| match &p.distribution_point {
                        Some(DistributionPointName::FullName(names)) => {
                            Some(names.iter().map(general_name).collect::<Vec<_>>().join(", "))
                        }
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_else(|_| fallback()),
        oids::EXT_AIA => AuthorityInfoAccessSyntax::from_der(der)
            .map(|a| {
                a.0.iter()
                    .map(|d| {
                        let method = match d.access_method.to_string().as_str() {
                            "1.3.6.1.5.5.7.48.1" => "OCSP".to_string(),
                            "1.3.6.1.5.5.7.48.2" => "caIssuers".to_string(),
                            other => other.to_string(),
                        };
                        format!("{method} {}", general_name(&d.access_location))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_else(|_| fallback()),
        oids::EXT_CERT_POLICIES | oids::EXT_MS_APPLICATION_POLICIES => CertificatePolicies::from_der(der)
            .map(|p| p.0.iter().map(|i| eku_name(&i.policy_identifier)).collect::<Vec<_>>().join(", "))
            .unwrap_or_else(|_| fallback()),
        oids::EXT_NAME_CONSTRAINTS => NameConstraints::from_der(der)
            .map(|nc| {
                let list = |t: &Option<Vec<GeneralSubtree>>| {
                    t.iter().flatten().map(|s| general_name(&s.base)).collect::<Vec<_>>().join(", ")
                };
                match (list(&nc.permitted_subtrees), list(&nc.excluded_subtrees)) {
                    (p, e) if e.is_empty() => format!("permitted: {p}"),
                    (p, e) if p.is_empty() => format!("excluded: {e}"),
                    (p, e) => format!("permitted: {p}; excluded: {e}"),
                }
            })
            .unwrap_or_else(|_| fallback()),
        _ => fallback(),
    }
}

pub fn key_usage_names(ku: &KeyUsage) -> Vec<&'static str> {
    use x509_cert::ext::pkix::KeyUsages::*;
    [
        (DigitalSignature, "digitalSignature"),
        (NonRepudiation, "nonRepudiation"),
        (KeyEncipherment, "keyEncipherment"),
        (DataEncipherment, "dataEncipherment"),
        (KeyAgreement, "keyAgreement"),
        (KeyCertSign, "keyCertSign"),
        (CRLSign, "cRLSign"),
        (EncipherOnly, "encipherOnly"),
        (DecipherOnly, "decipherOnly"),
    ]
    .into_iter()
    .filter(|(flag, _)| ku.0.contains(*flag))
    .map(|(_, name)| name)
    .collect()
}

fn general_name(n: &GeneralName) -> String {
    match n {
        GeneralName::Rfc822Name(s) => format!("email:{s}"),
        GeneralName::DnsName(s) => format!("DNS:{s}"),
        GeneralName::UniformResourceIdentifier(s) => format!("URI:{s}"),
        GeneralName::DirectoryName(name) => format!("DirName:{}", dn::to_string(name)),
        GeneralName::IpAddress(ip) => format!("IP:{}", hex::encode(ip.as_bytes())),
        GeneralName::RegisteredId(oid) => format!("RID:{oid}"),
        GeneralName::OtherName(o) => format!("othername:{}", o.type_id),
        _ => "other".into(),
    }
}

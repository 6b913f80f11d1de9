//! Building a detached CAdES B-B `SignedData`.
//!
//! The signed attributes are fixed before the private-key operation, so the final DER
//! size is known exactly for a given signature length ([`Prepared::encoded_len`]): PDF
//! signing sizes its `/Contents` placeholder from it, without a dry-run signature.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos};
use der::asn1::{Any, OctetString, SetOfVec};
use der::{Decode, Encode};
use sha2::Digest;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;

use super::CmsError;
use super::ess::{EssCertIdV2, IssuerSerial, SigningCertificateV2};
use crate::pki::alg::{DigestAlg, SigScheme};
use crate::pki::signer::Signer;
use crate::pki::{oids, time};

/// What to put in the signed attributes.
#[derive(Debug, Clone, Copy)]
pub struct CmsOptions {
    pub digest: DigestAlg,
    pub scheme: SigScheme,
    /// `signingTime` attribute (Unix seconds). PAdES leaves it out (the time goes in `/M`).
    pub signing_time: Option<i64>,
}

/// A SignerInfo waiting for its signature value.
pub struct Prepared {
    signed_attrs: SetOfVec<Attribute>,
    /// DER of the signed attributes as a SET OF: the bytes the private key signs.
    to_be_signed: Vec<u8>,
    certificates: Vec<Certificate>,
    signer: Certificate,
    opts: CmsOptions,
    /// `eContentType` (id-data unless [`prepare_encapsulated`] says otherwise).
    econtent_type: const_oid::ObjectIdentifier,
    /// Attached content (e.g. an RFC 3161 TSTInfo); `None` for a detached signature.
    econtent: Option<Vec<u8>>,
}

fn enc(e: der::Error) -> CmsError {
    CmsError::Encode(e.to_string())
}

pub fn attribute(oid: const_oid::ObjectIdentifier, value: Any) -> Result<Attribute, CmsError> {
    Ok(Attribute { oid, values: SetOfVec::try_from(vec![value]).map_err(enc)? })
}

/// Prepare a SignerInfo for content whose digest (with `opts.digest`) is `content_digest`.
/// `certificates` are embedded in the SignedData (signer first, then its chain).
pub fn prepare(
    signer: &Certificate,
    certificates: &[Certificate],
    content_digest: &[u8],
    opts: CmsOptions,
) -> Result<Prepared, CmsError> {
    let mut attrs = vec![
        attribute(oids::ATTR_CONTENT_TYPE, Any::encode_from(&oids::CT_DATA).map_err(enc)?)?,
        attribute(
            oids::ATTR_MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(content_digest).map_err(enc)?).map_err(enc)?,
        )?,
        attribute(oids::ATTR_SIGNING_CERT_V2, Any::encode_from(&signing_certificate_v2(signer)?).map_err(enc)?)?,
    ];
    if let Some(t) = opts.signing_time {
        let t = time::to_x509(t).ok_or_else(|| CmsError::Encode("signing time out of range".into()))?;
        attrs.push(attribute(oids::ATTR_SIGNING_TIME, Any::encode_from(&t).map_err(enc)?)?);
    }
    let signed_attrs = SetOfVec::try_from(attrs).map_err(enc)?;
    let to_be_signed = signed_attrs.to_der().map_err(enc)?;
    let mut certs: Vec<Certificate> = Vec::new();
    for c in std::iter::once(signer).chain(certificates) {
        if !certs.contains(c) {
            certs.push(c.clone());
        }
    }
    Ok(Prepared {
        signed_attrs,
        to_be_signed,
        certificates: certs,
        signer: signer.clone(),
        opts,
        econtent_type: oids::CT_DATA,
        econtent: None,
    })
}

/// Prepare a SignerInfo over attached `content` of type `content_type` (for example an
/// RFC 3161 TSTInfo, `id-ct-TSTInfo`): the contentType attribute and `eContentType` name
/// it, `eContent` carries it, and the SignedData version is 3 as RFC 5652 §5.1 requires
/// for a type other than id-data.
pub fn prepare_encapsulated(
    signer: &Certificate,
    certificates: &[Certificate],
    content_type: const_oid::ObjectIdentifier,
    content: &[u8],
    opts: CmsOptions,
) -> Result<Prepared, CmsError> {
    let mut p = prepare(signer, certificates, &opts.digest.digest(content), opts)?;
    let mut attrs: Vec<Attribute> = p.signed_attrs.iter().cloned().collect();
    for a in attrs.iter_mut().filter(|a| a.oid == oids::ATTR_CONTENT_TYPE) {
        *a = attribute(oids::ATTR_CONTENT_TYPE, Any::encode_from(&content_type).map_err(enc)?)?;
    }
    p.signed_attrs = SetOfVec::try_from(attrs).map_err(enc)?;
    p.to_be_signed = p.signed_attrs.to_der().map_err(enc)?;
    p.econtent_type = content_type;
    p.econtent = Some(content.to_vec());
    Ok(p)
}

/// ESS signing-certificate-v2 with the SHA-256 hash of the signer's certificate and its
/// issuer and serial (hash algorithm omitted: SHA-256 is the DEFAULT).
fn signing_certificate_v2(cert: &Certificate) -> Result<SigningCertificateV2, CmsError> {
    let der = cert.to_der().map_err(enc)?;
    let tbs = cert.tbs_certificate();
    Ok(SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: None,
            cert_hash: OctetString::new(sha2::Sha256::digest(&der).to_vec()).map_err(enc)?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer().clone())],
                serial_number: tbs.serial_number().clone(),
            }),
        }],
        policies: None,
    })
}

impl Prepared {
    /// Carry `content` in the SignedData (an attached, "enveloping" signature). The
    /// content digest given to [`prepare`] must be this content's.
    pub fn attach(mut self, content: Vec<u8>) -> Prepared {
        self.econtent = Some(content);
        self
    }

    /// The bytes the private key signs (DER SET OF signed attributes).
    pub fn to_be_signed(&self) -> &[u8] {
        &self.to_be_signed
    }

    /// The exact DER length of the ContentInfo for a signature of `sig_len` bytes.
    pub fn encoded_len(&self, sig_len: usize) -> Result<usize, CmsError> {
        Ok(self.assemble(&vec![0u8; sig_len])?.len())
    }

    /// The exact DER length with these unsigned attributes (e.g. a signature
    /// time-stamp of the expected size).
    pub fn encoded_len_with(&self, sig_len: usize, unsigned: &[Attribute]) -> Result<usize, CmsError> {
        Ok(self.assemble_with(&vec![0u8; sig_len], unsigned)?.len())
    }

    /// The DER ContentInfo(SignedData) with `signature` as the signature value.
    pub fn assemble(&self, signature: &[u8]) -> Result<Vec<u8>, CmsError> {
        self.assemble_with(signature, &[])
    }

    /// [`Prepared::assemble`] with unsigned attributes (CAdES B-T's signature-time-stamp).
    pub fn assemble_with(&self, signature: &[u8], unsigned: &[Attribute]) -> Result<Vec<u8>, CmsError> {
        let tbs = self.signer.tbs_certificate();
        let signer_info = SignerInfo {
            version: CmsVersion::V1,
            sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
                issuer: tbs.issuer().clone(),
                serial_number: tbs.serial_number().clone(),
            }),
            digest_alg: self.opts.digest.algorithm_identifier(),
            signed_attrs: Some(self.signed_attrs.clone()),
            signature_algorithm: self.opts.scheme.algorithm_identifier().map_err(enc)?,
            signature: OctetString::new(signature).map_err(enc)?,
            unsigned_attrs: match unsigned {
                [] => None,
                u => Some(SetOfVec::try_from(u.to_vec()).map_err(enc)?),
            },
        };
        let certificates =
            self.certificates.iter().map(|c| CertificateChoices::Certificate(c.clone())).collect::<Vec<_>>();
        let econtent = match &self.econtent {
            Some(c) => Some(Any::encode_from(&OctetString::new(c.as_slice()).map_err(enc)?).map_err(enc)?),
            None => None,
        };
        let signed_data = SignedData {
            version: if self.econtent_type == oids::CT_DATA { CmsVersion::V1 } else { CmsVersion::V3 },
            digest_algorithms: SetOfVec::try_from(vec![self.opts.digest.algorithm_identifier()]).map_err(enc)?,
            encap_content_info: EncapsulatedContentInfo { econtent_type: self.econtent_type, econtent },
            certificates: Some(cms::signed_data::CertificateSet(SetOfVec::try_from(certificates).map_err(enc)?)),
            crls: None,
            signer_infos: SignerInfos(SetOfVec::try_from(vec![signer_info]).map_err(enc)?),
        };
        let ci = ContentInfo {
            content_type: oids::CT_SIGNED_DATA,
            content: Any::from_der(&signed_data.to_der().map_err(enc)?).map_err(enc)?,
        };
        ci.to_der().map_err(enc)
    }

    /// Sign with `signer` and assemble: one private-key operation.
    pub fn sign(&self, signer: &dyn Signer) -> Result<Vec<u8>, CmsError> {
        self.assemble(&self.signature(signer)?)
    }

    /// The signature value alone (one private-key operation), for a caller that adds
    /// unsigned attributes over it before [`Prepared::assemble_with`].
    pub fn signature(&self, signer: &dyn Signer) -> Result<Vec<u8>, CmsError> {
        signer.sign(self.opts.scheme, &self.to_be_signed).map_err(|e| CmsError::Sign(e.to_string()))
    }

    /// The digest algorithm of the signed attributes (and of a signature time-stamp).
    pub fn digest(&self) -> DigestAlg {
        self.opts.digest
    }
}

/// PEM armour for a DER CMS (`-----BEGIN CMS-----`, what `openssl cms -inform PEM` reads).
pub fn to_pem(der: &[u8]) -> Result<String, CmsError> {
    der::pem::encode_string("CMS", der::pem::LineEnding::LF, der).map_err(|e| CmsError::Encode(e.to_string()))
}

//! Unit tests of path validation, on certificates and CRLs made here (P-256 keys: fast).
//! NIST PKITS (`tests/pkits.rs`) covers RFC 5280 case by case; these pin kyso's own
//! choices: path building among several candidates, the purpose of the target, v1
//! anchors, name constraints both ways, the revocation modes and the evidence types.

use const_oid::ObjectIdentifier as Oid;
use der::asn1::{BitString, Ia5String, OctetString};
use der::{Decode, Encode, Sequence};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::Certificate;
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::constraints::name::{GeneralSubtree, NameConstraints};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    BasicConstraints, CertificatePolicies, ExtendedKeyUsage, KeyUsage, KeyUsages, SubjectAltName,
    certpolicy::PolicyInformation,
};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Validity;

use super::*;
use crate::pki::alg::DigestAlg;
use crate::pki::dn;
use crate::pki::key::{KeyType, PrivateKey};

const T0: i64 = 1_767_225_600; // 2026-01-01
const DAY: i64 = 86_400;
const NOW: i64 = T0 + 100 * DAY;

#[derive(Sequence)]
struct Tbs {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    version: Option<u8>,
    serial_number: SerialNumber,
    signature: AlgorithmIdentifierOwned,
    issuer: Name,
    validity: Validity,
    subject: Name,
    subject_public_key_info: SubjectPublicKeyInfoOwned,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    extensions: Option<Vec<Extension>>,
}

#[derive(Sequence)]
struct Signed<'a> {
    tbs: der::asn1::AnyRef<'a>,
    alg: AlgorithmIdentifierOwned,
    sig: BitString,
}

/// A certificate and its key.
#[derive(Clone)]
struct Id {
    cert: Certificate,
    key: std::sync::Arc<PrivateKey>,
}

fn ext(oid: Oid, critical: bool, value: impl Encode) -> Extension {
    Extension { extn_id: oid, critical, extn_value: OctetString::new(value.to_der().unwrap()).unwrap() }
}

fn ca_exts(path_len: Option<u8>) -> Vec<Extension> {
    vec![
        ext(oids::EXT_BASIC_CONSTRAINTS, true, BasicConstraints { ca: true, path_len_constraint: path_len }),
        ext(oids::EXT_KEY_USAGE, true, KeyUsage(KeyUsages::KeyCertSign | KeyUsages::CRLSign)),
    ]
}

fn leaf_exts() -> Vec<Extension> {
    vec![
        ext(oids::EXT_BASIC_CONSTRAINTS, true, BasicConstraints { ca: false, path_len_constraint: None }),
        ext(oids::EXT_KEY_USAGE, true, KeyUsage(KeyUsages::DigitalSignature | KeyUsages::NonRepudiation)),
    ]
}

struct Spec<'a> {
    subject: &'a str,
    issuer: Option<&'a Id>,
    key: Option<std::sync::Arc<PrivateKey>>,
    version: u8,
    exts: Vec<Extension>,
    from: i64,
    to: i64,
    serial: u8,
}

impl<'a> Spec<'a> {
    fn new(subject: &'a str, issuer: Option<&'a Id>, exts: Vec<Extension>) -> Spec<'a> {
        Spec { subject, issuer, key: None, version: 2, exts, from: T0, to: T0 + 365 * DAY, serial: 1 }
    }

    fn make(self) -> Id {
        let key = self.key.unwrap_or_else(|| std::sync::Arc::new(PrivateKey::generate(KeyType::P256).unwrap()));
        let (issuer_name, signer) = match self.issuer {
            Some(i) => (i.cert.tbs_certificate().subject().clone(), i.key.clone()),
            None => (dn::parse(self.subject).unwrap(), key.clone()),
        };
        let scheme = signer.scheme(DigestAlg::Sha256, false);
        let alg = scheme.algorithm_identifier().unwrap();
        let tbs = Tbs {
            version: (self.version != 0).then_some(self.version),
            serial_number: SerialNumber::new(&[self.serial]).unwrap(),
            signature: alg.clone(),
            issuer: issuer_name,
            validity: Validity::new(time::to_x509(self.from).unwrap(), time::to_x509(self.to).unwrap()),
            subject: dn::parse(self.subject).unwrap(),
            subject_public_key_info: key.public_key_info().unwrap(),
            extensions: (!self.exts.is_empty()).then_some(self.exts),
        };
        let der = tbs.to_der().unwrap();
        let sig = signer.sign(scheme, &der).unwrap();
        let signed =
            Signed { tbs: der::asn1::AnyRef::from_der(&der).unwrap(), alg, sig: BitString::from_bytes(&sig).unwrap() };
        Id { cert: Certificate::from_der(&signed.to_der().unwrap()).unwrap(), key }
    }
}

fn root(name: &str) -> Id {
    Spec::new(name, None, ca_exts(None)).make()
}

fn ca(name: &str, issuer: &Id) -> Id {
    Spec::new(name, Some(issuer), ca_exts(None)).make()
}

fn leaf(name: &str, issuer: &Id) -> Id {
    Spec::new(name, Some(issuer), leaf_exts()).make()
}

fn store(anchors: &[&Id], intermediates: &[&Id]) -> TrustStore {
    TrustStore {
        anchors: anchors.iter().map(|i| i.cert.clone()).collect(),
        intermediates: intermediates.iter().map(|i| i.cert.clone()).collect(),
        ..Default::default()
    }
}

fn run(target: &Id, store: &TrustStore, at: i64, purpose: Purpose) -> ChainOutcome {
    validate_request(&Request { target: &target.cert, untrusted: &[], store, at, purpose, crls: &[], ocsp: &[] })
}

fn codes(o: &ChainOutcome) -> Vec<ReasonCode> {
    o.reasons.iter().map(|r| r.code).collect()
}

fn subjects(o: &ChainOutcome) -> Vec<String> {
    o.path.iter().map(label).collect()
}

#[test]
fn a_simple_chain_validates_and_says_what_it_checked() {
    let r = root("CN=Root,C=VN");
    let i = ca("CN=Sub,C=VN", &r);
    let l = leaf("CN=Leaf,C=VN", &i);
    let o = run(&l, &store(&[&r], &[&i]), NOW, Purpose::DocumentSigning);
    assert!(o.trusted && o.reasons.is_empty(), "{:?}", o.reasons);
    assert_eq!(subjects(&o), ["CN=Leaf,C=VN", "CN=Sub,C=VN", "CN=Root,C=VN"]);
    assert_eq!(o.checks.len(), 3);
    assert_eq!(o.checks[2].revocation, CertStatus::TrustAnchor);
    assert!(matches!(o.checks[0].revocation, CertStatus::Unknown { .. }));
    assert_eq!(o.revocation, Revocation::NotChecked);
    // without the intermediate: no chain, and the report says where it stops
    let o = run(&l, &store(&[&r], &[]), NOW, Purpose::DocumentSigning);
    assert!(!o.trusted);
    assert_eq!(codes(&o), [ReasonCode::NoCertificateChainFound]);
    assert!(o.reasons[0].detail.contains("its issuer \"CN=Sub,C=VN\" was not found"), "{}", o.reasons[0].detail);
}

#[test]
fn path_building_takes_the_candidate_whose_key_signed() {
    let r = root("CN=Root,C=VN");
    let real = ca("CN=Sub,C=VN", &r);
    // Same name, another key, also issued by the root: a candidate by name only.
    let impostor = ca("CN=Sub,C=VN", &r);
    let l = leaf("CN=Leaf,C=VN", &real);
    let o = run(&l, &store(&[&r], &[&impostor, &real]), NOW, Purpose::DocumentSigning);
    assert!(o.trusted && o.reasons.is_empty(), "{:?}", o.reasons);
    assert_eq!(o.path[1], real.cert);
}

#[test]
fn path_building_prefers_a_valid_path_among_several() {
    let r = root("CN=Root,C=VN");
    let key = ca("CN=Sub,C=VN", &r).key;
    // Two certificates for the same CA key: the first expired, the second renewed.
    let old = Spec {
        key: Some(key.clone()),
        from: T0 - 400 * DAY,
        to: T0 - DAY,
        ..Spec::new("CN=Sub,C=VN", Some(&r), ca_exts(None))
    }
    .make();
    let new = Spec { key: Some(key.clone()), serial: 2, ..Spec::new("CN=Sub,C=VN", Some(&r), ca_exts(None)) }.make();
    let l = leaf("CN=Leaf,C=VN", &new);
    let o = run(&l, &store(&[&r], &[&old, &new]), NOW, Purpose::DocumentSigning);
    assert!(o.reasons.is_empty(), "{:?}", o.reasons);
    assert_eq!(o.path[1], new.cert);
    // Only the expired one: the best path is reported with its problem.
    let o = run(&l, &store(&[&r], &[&old]), NOW, Purpose::DocumentSigning);
    assert!(o.trusted);
    assert_eq!(codes(&o), [ReasonCode::OutOfBoundsNoPoe]);
}

#[test]
fn cross_certificates_reach_either_root() {
    let a = root("CN=Root A,C=VN");
    let b = root("CN=Root B,C=VN");
    let sub = ca("CN=Sub,C=VN", &a);
    // Root B certifies the same CA key (a cross certificate).
    let cross = Spec { key: Some(sub.key.clone()), ..Spec::new("CN=Sub,C=VN", Some(&b), ca_exts(None)) }.make();
    let l = leaf("CN=Leaf,C=VN", &sub);
    for (anchor, via) in [(&a, &sub), (&b, &cross)] {
        let o = run(&l, &store(&[anchor], &[&sub, &cross]), NOW, Purpose::DocumentSigning);
        assert!(o.trusted && o.reasons.is_empty(), "{:?}", o.reasons);
        assert_eq!(o.path[1], via.cert);
        assert_eq!(o.path[2], anchor.cert);
    }
}

#[test]
fn validity_is_judged_at_the_validation_time() {
    let r = root("CN=Root,C=VN");
    let l = Spec { from: T0 + 10 * DAY, to: T0 + 20 * DAY, ..Spec::new("CN=Leaf,C=VN", Some(&r), leaf_exts()) }.make();
    let s = store(&[&r], &[]);
    assert!(run(&l, &s, T0 + 15 * DAY, Purpose::DocumentSigning).reasons.is_empty());
    assert_eq!(codes(&run(&l, &s, T0 + 5 * DAY, Purpose::DocumentSigning)), [ReasonCode::NotYetValid]);
    assert_eq!(codes(&run(&l, &s, T0 + 25 * DAY, Purpose::DocumentSigning)), [ReasonCode::OutOfBoundsNoPoe]);
}

#[test]
fn path_length_constraints() {
    let r = root("CN=Root,C=VN");
    let i1 = Spec::new("CN=Sub1,C=VN", Some(&r), ca_exts(Some(0))).make();
    let i2 = ca("CN=Sub2,C=VN", &i1);
    let l = leaf("CN=Leaf,C=VN", &i2);
    let o = run(&l, &store(&[&r], &[&i1, &i2]), NOW, Purpose::DocumentSigning);
    assert_eq!(codes(&o), [ReasonCode::ChainConstraintsFailure]);
    assert!(o.reasons[0].detail.contains("allows 0 intermediate CA(s) below it"), "{}", o.reasons[0].detail);
    // pathLen 1 allows it
    let i1 = Spec::new("CN=Sub1,C=VN", Some(&r), ca_exts(Some(1))).make();
    let i2 = ca("CN=Sub2,C=VN", &i1);
    let l = leaf("CN=Leaf,C=VN", &i2);
    assert!(run(&l, &store(&[&r], &[&i1, &i2]), NOW, Purpose::DocumentSigning).reasons.is_empty());
}

#[test]
fn key_usage_and_extended_key_usage() {
    let r = root("CN=Root,C=VN");
    // an intermediate that may not sign certificates
    let bad_ca = Spec::new(
        "CN=Sub,C=VN",
        Some(&r),
        vec![
            ext(oids::EXT_BASIC_CONSTRAINTS, true, BasicConstraints { ca: true, path_len_constraint: None }),
            ext(oids::EXT_KEY_USAGE, true, KeyUsage(KeyUsages::CRLSign.into())),
        ],
    )
    .make();
    let l = leaf("CN=Leaf,C=VN", &bad_ca);
    let o = run(&l, &store(&[&r], &[&bad_ca]), NOW, Purpose::DocumentSigning);
    assert!(o.reasons.iter().any(|x| x.detail.contains("does not allow keyCertSign")), "{:?}", o.reasons);
    // a key-encipherment-only leaf: not a signer, but fine for "any"
    let mut exts = leaf_exts();
    exts[1] = ext(oids::EXT_KEY_USAGE, true, KeyUsage(KeyUsages::KeyEncipherment.into()));
    let l = Spec::new("CN=Leaf,C=VN", Some(&r), exts).make();
    let s = store(&[&r], &[]);
    assert_eq!(codes(&run(&l, &s, NOW, Purpose::DocumentSigning)), [ReasonCode::ChainConstraintsFailure]);
    assert!(run(&l, &s, NOW, Purpose::Any).reasons.is_empty());
    // EKU serverAuth only: not for documents; emailProtection is
    for (eku, ok) in [(oids::EKU_SERVER_AUTH, false), (oids::EKU_EMAIL_PROTECTION, true)] {
        let mut exts = leaf_exts();
        exts.push(ext(oids::EXT_EKU, false, ExtendedKeyUsage(vec![eku])));
        let l = Spec::new("CN=Leaf,C=VN", Some(&r), exts).make();
        assert_eq!(run(&l, &s, NOW, Purpose::DocumentSigning).reasons.is_empty(), ok, "{eku}");
    }
    // a time-stamping purpose needs the timeStamping EKU
    let mut exts = leaf_exts();
    exts.push(ext(oids::EXT_EKU, true, ExtendedKeyUsage(vec![oids::EKU_TIME_STAMPING])));
    let tsa = Spec::new("CN=TSA,C=VN", Some(&r), exts).make();
    assert!(run(&tsa, &s, NOW, Purpose::TimeStamping).reasons.is_empty());
    assert!(!run(&l, &s, NOW, Purpose::TimeStamping).reasons.is_empty());
    // a CA certificate is not a document signer
    let sub = ca("CN=Sub,C=VN", &r);
    let o = run(&sub, &s, NOW, Purpose::DocumentSigning);
    assert!(o.reasons.iter().all(|x| x.code == ReasonCode::ChainConstraintsFailure), "{:?}", o.reasons);
    assert!(o.reasons.iter().any(|x| x.detail.contains("is a CA certificate")), "{:?}", o.reasons);
    assert!(run(&sub, &s, NOW, Purpose::Any).reasons.is_empty());
}

#[test]
fn critical_extensions_known_and_unknown() {
    let r = root("CN=Root,C=VN");
    let s = store(&[&r], &[]);
    let unknown = Oid::new_unwrap("1.3.6.1.4.1.99999.1");
    for (critical, ok) in [(true, false), (false, true)] {
        let mut exts = leaf_exts();
        exts.push(Extension { extn_id: unknown, critical, extn_value: OctetString::new(vec![5, 0]).unwrap() });
        let l = Spec::new("CN=Leaf,C=VN", Some(&r), exts).make();
        assert_eq!(run(&l, &s, NOW, Purpose::DocumentSigning).reasons.is_empty(), ok, "critical={critical}");
    }
    // The Microsoft application-policies extension, critical: read like an EKU.
    let app = |oid: Oid| {
        ext(
            oids::EXT_MS_APPLICATION_POLICIES,
            true,
            CertificatePolicies(vec![PolicyInformation { policy_identifier: oid, policy_qualifiers: None }]),
        )
    };
    let mut exts = leaf_exts();
    exts.push(app(oids::EKU_MS_DOCUMENT_SIGNING));
    let l = Spec::new("CN=Leaf,C=VN", Some(&r), exts).make();
    let o = run(&l, &s, NOW, Purpose::DocumentSigning);
    assert!(o.reasons.is_empty(), "{:?}", o.reasons);
    assert!(o.notes.iter().any(|n| n.code == NoteCode::Tolerated && n.detail.contains("application-policies")));
    let mut exts = leaf_exts();
    exts.push(app(oids::EKU_SERVER_AUTH));
    let l = Spec::new("CN=Leaf,C=VN", Some(&r), exts).make();
    assert_eq!(codes(&run(&l, &s, NOW, Purpose::DocumentSigning)), [ReasonCode::ChainConstraintsFailure]);
}

#[test]
fn version_1_anchors_and_intermediates() {
    // A v1 root: no extensions at all.
    let v1root = Spec { version: 0, ..Spec::new("CN=Old Root,C=VN", None, vec![]) }.make();
    assert_eq!(v1root.cert.tbs_certificate().version(), Version::V1);
    let l = leaf("CN=Leaf,C=VN", &v1root);
    assert!(run(&l, &store(&[&v1root], &[]), NOW, Purpose::DocumentSigning).reasons.is_empty());
    // A v1 intermediate: refused unless the user trusts it (RFC 5280 §6.1.4 (k)).
    let r = root("CN=Root,C=VN");
    let v1sub = Spec { version: 0, ..Spec::new("CN=Old Sub,C=VN", Some(&r), vec![]) }.make();
    let l = leaf("CN=Leaf,C=VN", &v1sub);
    let o = run(&l, &store(&[&r], &[&v1sub]), NOW, Purpose::DocumentSigning);
    assert_eq!(codes(&o), [ReasonCode::ChainConstraintsFailure]);
    assert!(o.reasons[0].detail.contains("version 1"), "{}", o.reasons[0].detail);
    let o = run(&l, &store(&[&r, &v1sub], &[]), NOW, Purpose::DocumentSigning);
    assert!(o.reasons.is_empty(), "{:?}", o.reasons);
    assert_eq!(o.path.len(), 2);
}

fn nc(permitted: Vec<GeneralName>, excluded: Vec<GeneralName>) -> Extension {
    let subtrees = |v: Vec<GeneralName>| {
        (!v.is_empty()).then(|| v.into_iter().map(|base| GeneralSubtree { base, minimum: 0, maximum: None }).collect())
    };
    ext(
        oids::EXT_NAME_CONSTRAINTS,
        true,
        NameConstraints { permitted_subtrees: subtrees(permitted), excluded_subtrees: subtrees(excluded) },
    )
}

fn san(names: Vec<GeneralName>) -> Extension {
    ext(oids::EXT_SAN, false, SubjectAltName(names))
}

fn constrained_ca(r: &Id, constraint: Extension) -> Id {
    let mut exts = ca_exts(None);
    exts.push(constraint);
    Spec::new("CN=Sub,O=Bo Tai chinh,C=VN", Some(r), exts).make()
}

#[test]
fn name_constraints_permit_and_exclude() {
    let r = root("CN=Root,C=VN");
    let dir = |s: &str| GeneralName::DirectoryName(dn::parse(s).unwrap());
    let email = |s: &str| GeneralName::Rfc822Name(Ia5String::new(s).unwrap());
    let dns = |s: &str| GeneralName::DnsName(Ia5String::new(s).unwrap());
    // A critical DN constraint: inside is valid (kyso used to refuse it as unknown) ...
    let sub = constrained_ca(&r, nc(vec![dir("O=Bo Tai chinh,C=VN")], vec![]));
    let s = store(&[&r], &[&sub]);
    // (names match case-insensitively, RFC 5280 §7.1)
    let inside = leaf("CN=Nguyen Van A,O=BO TAI CHINH,C=VN", &sub);
    assert!(run(&inside, &s, NOW, Purpose::DocumentSigning).reasons.is_empty());
    // ... outside is refused (kyso used to ignore it)
    let outside = leaf("CN=Nguyen Van A,O=Bo Cong an,C=VN", &sub);
    let o = run(&outside, &s, NOW, Purpose::DocumentSigning);
    assert_eq!(codes(&o), [ReasonCode::ChainConstraintsFailure]);
    assert!(o.reasons[0].detail.contains("outside the subtrees"), "{}", o.reasons[0].detail);
    // rfc822: the subject's emailAddress attribute counts as well as the SAN
    let sub = constrained_ca(&r, nc(vec![email(".mof.gov.vn")], vec![]));
    let s = store(&[&r], &[&sub]);
    let mut exts = leaf_exts();
    exts.push(san(vec![email("a@hn.mof.gov.vn")]));
    let good = Spec::new("CN=A,C=VN", Some(&sub), exts).make();
    assert!(run(&good, &s, NOW, Purpose::DocumentSigning).reasons.is_empty());
    let mut exts = leaf_exts();
    exts.push(san(vec![email("a@gmail.com")]));
    let bad_san = Spec::new("CN=A,C=VN", Some(&sub), exts).make();
    assert_eq!(codes(&run(&bad_san, &s, NOW, Purpose::DocumentSigning)), [ReasonCode::ChainConstraintsFailure]);
    let bad_dn = leaf("CN=A,emailAddress=a@gmail.com,C=VN", &sub);
    assert_eq!(codes(&run(&bad_dn, &s, NOW, Purpose::DocumentSigning)), [ReasonCode::ChainConstraintsFailure]);
    // dNSName excluded
    let sub = constrained_ca(&r, nc(vec![], vec![dns("evil.vn")]));
    let s = store(&[&r], &[&sub]);
    let mut exts = leaf_exts();
    exts.push(san(vec![dns("www.evil.vn")]));
    let l = Spec::new("CN=A,C=VN", Some(&sub), exts).make();
    let o = run(&l, &s, NOW, Purpose::DocumentSigning);
    assert!(o.reasons.iter().any(|x| x.detail.contains("excludes")), "{:?}", o.reasons);
    // a non-critical constraint binds just the same
    let mut exts = ca_exts(None);
    let mut c = nc(vec![dir("O=Bo Tai chinh,C=VN")], vec![]);
    c.critical = false;
    exts.push(c);
    let sub = Spec::new("CN=Sub,O=Bo Tai chinh,C=VN", Some(&r), exts).make();
    let outside = leaf("CN=X,O=Bo Cong an,C=VN", &sub);
    assert_eq!(codes(&run(&outside, &store(&[&r], &[&sub]), NOW, Purpose::Any)), [ReasonCode::ChainConstraintsFailure]);
}

#[test]
fn name_constraints_of_forms_kyso_does_not_process_are_refused() {
    let r = root("CN=Root,C=VN");
    let rid = |s: &str| GeneralName::RegisteredId(Oid::new_unwrap(s));
    let sub = constrained_ca(&r, nc(vec![rid("1.2.3.4")], vec![]));
    let s = store(&[&r], &[&sub]);
    // a leaf with no name of that form is not concerned
    assert!(run(&leaf("CN=A,C=VN", &sub), &s, NOW, Purpose::Any).reasons.is_empty());
    let mut exts = leaf_exts();
    exts.push(san(vec![rid("1.2.3.4.5")]));
    let l = Spec::new("CN=A,C=VN", Some(&sub), exts).make();
    let o = run(&l, &s, NOW, Purpose::Any);
    assert_eq!(codes(&o), [ReasonCode::ChainConstraintsFailure]);
    assert!(o.reasons[0].detail.contains("does not process"), "{}", o.reasons[0].detail);
}

#[test]
fn explicit_policy_is_an_input() {
    let r = root("CN=Root,C=VN");
    let pol = Oid::new_unwrap("2.16.704.1.2.3");
    let cp = |o: Oid| {
        ext(
            oids::EXT_CERT_POLICIES,
            false,
            CertificatePolicies(vec![PolicyInformation { policy_identifier: o, policy_qualifiers: None }]),
        )
    };
    let mut exts = ca_exts(None);
    exts.push(cp(oids::ANY_POLICY));
    let sub = Spec::new("CN=Sub,C=VN", Some(&r), exts).make();
    let mut exts = leaf_exts();
    exts.push(cp(pol));
    let with = Spec::new("CN=A,C=VN", Some(&sub), exts).make();
    let without = leaf("CN=B,C=VN", &sub);
    let mut s = store(&[&r], &[&sub]);
    assert!(run(&without, &s, NOW, Purpose::Any).reasons.is_empty());
    s.settings.policy = PolicyInputs { initial: vec![pol], explicit: true, ..Default::default() };
    let o = run(&with, &s, NOW, Purpose::Any);
    assert!(o.reasons.is_empty(), "{:?}", o.reasons);
    assert_eq!(o.policies, [pol.to_string()]);
    assert_eq!(codes(&run(&without, &s, NOW, Purpose::Any)), [ReasonCode::ChainConstraintsFailure]);
    s.settings.policy.initial = vec![Oid::new_unwrap("2.16.704.9.9")];
    assert_eq!(codes(&run(&with, &s, NOW, Purpose::Any)), [ReasonCode::ChainConstraintsFailure]);
}

/// A CRL by `issuer` listing `revoked` (serial, time, reason code).
fn crl(issuer: &Id, revoked: &[(u8, i64, Option<u8>)], next: i64) -> CertificateList {
    let scheme = issuer.key.scheme(DigestAlg::Sha256, false);
    let alg = scheme.algorithm_identifier().unwrap();
    let entries: Vec<RevokedCert> = revoked
        .iter()
        .map(|(serial, t, reason)| RevokedCert {
            serial_number: SerialNumber::new(&[*serial]).unwrap(),
            revocation_date: time::to_x509(*t).unwrap(),
            crl_entry_extensions: reason.map(|r| {
                vec![Extension {
                    extn_id: oids::EXT_CRL_REASON,
                    critical: false,
                    extn_value: OctetString::new(vec![0x0A, 1, r]).unwrap(),
                }]
            }),
        })
        .collect();
    let tbs = TbsCertList {
        version: x509_cert::Version::V2,
        signature: alg.clone(),
        issuer: issuer.cert.tbs_certificate().subject().clone(),
        this_update: time::to_x509(T0).unwrap(),
        next_update: Some(time::to_x509(next).unwrap()),
        revoked_certificates: (!entries.is_empty()).then_some(entries),
        crl_extensions: None,
    };
    let sig = issuer.key.sign(scheme, &tbs.to_der().unwrap()).unwrap();
    CertificateList { tbs_cert_list: tbs, signature_algorithm: alg, signature: BitString::from_bytes(&sig).unwrap() }
}

#[test]
fn revocation_from_crls_in_both_modes() {
    let r = root("CN=Root,C=VN");
    let l = Spec { serial: 7, ..Spec::new("CN=Leaf,C=VN", Some(&r), leaf_exts()) }.make();
    let mut s = store(&[&r], &[]);
    // no CRL: reported unknown; required: TRY_LATER
    assert!(run(&l, &s, NOW, Purpose::Any).reasons.is_empty());
    s.settings.require_revocation = true;
    assert_eq!(codes(&run(&l, &s, NOW, Purpose::Any)), [ReasonCode::TryLater]);
    // a current CRL that does not list it: good
    s.crls = vec![crl(&r, &[(9, T0, None)], NOW + DAY)];
    let o = run(&l, &s, NOW, Purpose::Any);
    assert!(o.reasons.is_empty(), "{:?}", o.reasons);
    assert_eq!(o.revocation, Revocation::Good);
    assert!(
        matches!(&o.checks[0].revocation, CertStatus::Good { source } if source.contains("CRL of \"CN=Root,C=VN\""))
    );
    // a stale one: unknown, with why
    s.crls = vec![crl(&r, &[], NOW - DAY)];
    let o = run(&l, &s, NOW, Purpose::Any);
    assert_eq!(codes(&o), [ReasonCode::TryLater]);
    assert!(o.reasons[0].detail.contains("stale"), "{}", o.reasons[0].detail);
    // revoked before the validation time: INVALID; after it: not yet
    s.crls = vec![crl(&r, &[(7, T0 + 50 * DAY, Some(1))], NOW + DAY)];
    let o = run(&l, &s, NOW, Purpose::Any);
    assert_eq!(codes(&o), [ReasonCode::Revoked]);
    assert_eq!(verdict_of(&o.reasons), super::super::Verdict::Invalid);
    assert!(o.reasons[0].detail.contains("keyCompromise"), "{}", o.reasons[0].detail);
    assert!(run(&l, &s, T0 + 40 * DAY, Purpose::Any).reasons.is_empty());
    // on hold: suspended, not proven revoked
    s.crls = vec![crl(&r, &[(7, T0, Some(6))], NOW + DAY)];
    assert_eq!(codes(&run(&l, &s, NOW, Purpose::Any)), [ReasonCode::TryLater]);
    // a CRL signed by someone else with the issuer's name is no evidence
    let impostor = root("CN=Root,C=VN");
    s.crls = vec![crl(&impostor, &[(7, T0, Some(1))], NOW + DAY)];
    let o = run(&l, &s, NOW, Purpose::Any);
    assert_eq!(codes(&o), [ReasonCode::TryLater], "{:?}", o.reasons);
}

#[test]
fn ocsp_evidence_from_the_issuer_or_an_authorised_responder() {
    let r = root("CN=Root,C=VN");
    let l = Spec { serial: 7, ..Spec::new("CN=Leaf,C=VN", Some(&r), leaf_exts()) }.make();
    let mut s = store(&[&r], &[]);
    s.settings.require_revocation = true;
    let name = r.cert.tbs_certificate().subject().to_der().unwrap();
    let key = r.cert.tbs_certificate().subject_public_key_info().subject_public_key.raw_bytes().to_vec();
    let answer = |status, responder: &Id| OcspEvidence {
        hash: DigestAlg::Sha1,
        issuer_name_hash: DigestAlg::Sha1.digest(&name),
        issuer_key_hash: DigestAlg::Sha1.digest(&key),
        serial: vec![7],
        status,
        this_update: T0,
        next_update: Some(NOW + DAY),
        responder: responder.cert.clone(),
        source: "test".into(),
    };
    let go = |ev: &[OcspEvidence]| {
        validate_request(&Request {
            target: &l.cert,
            untrusted: &[],
            store: &s,
            at: NOW,
            purpose: Purpose::Any,
            crls: &[],
            ocsp: ev,
        })
    };
    assert!(go(&[answer(OcspStatus::Good, &r)]).reasons.is_empty());
    assert_eq!(codes(&go(&[answer(OcspStatus::Revoked(T0, Some(1)), &r)])), [ReasonCode::Revoked]);
    // a delegated responder needs the OCSPSigning EKU from the issuer
    let mut exts = leaf_exts();
    exts.push(ext(oids::EXT_EKU, false, ExtendedKeyUsage(vec![oids::EKU_OCSP_SIGNING])));
    let responder = Spec::new("CN=OCSP,C=VN", Some(&r), exts).make();
    assert!(go(&[answer(OcspStatus::Good, &responder)]).reasons.is_empty());
    let stranger = leaf("CN=Stranger,C=VN", &root("CN=Other,C=VN"));
    let o = go(&[answer(OcspStatus::Good, &stranger)]);
    assert_eq!(codes(&o), [ReasonCode::TryLater]);
    assert!(o.reasons[0].detail.contains("not authorised"), "{}", o.reasons[0].detail);
}

#[test]
fn certificate_signature_checks_are_remembered() {
    let r = root("CN=Root,C=VN");
    let l = leaf("CN=Leaf,C=VN", &r);
    assert!(signature_ok(&l.cert, &r.cert));
    assert!(signature_ok(&l.cert, &r.cert), "the memo gives the same answer");
    assert!(!signature_ok(&l.cert, &root("CN=Root,C=VN").cert));
}

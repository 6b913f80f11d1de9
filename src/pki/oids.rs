//! Object identifiers kyso uses, named once.

use const_oid::ObjectIdentifier as Oid;

// Name attributes (X.520, RFC 4519, PKCS#9)
pub const AT_COUNTRY: Oid = Oid::new_unwrap("2.5.4.6");
pub const AT_STATE: Oid = Oid::new_unwrap("2.5.4.8");
pub const AT_LOCALITY: Oid = Oid::new_unwrap("2.5.4.7");
pub const AT_ORG: Oid = Oid::new_unwrap("2.5.4.10");
pub const AT_ORG_UNIT: Oid = Oid::new_unwrap("2.5.4.11");
pub const AT_COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");
pub const AT_SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
pub const AT_STREET: Oid = Oid::new_unwrap("2.5.4.9");
pub const AT_TITLE: Oid = Oid::new_unwrap("2.5.4.12");
pub const AT_ORG_IDENTIFIER: Oid = Oid::new_unwrap("2.5.4.97");
pub const AT_EMAIL: Oid = Oid::new_unwrap("1.2.840.113549.1.9.1");
pub const AT_UID: Oid = Oid::new_unwrap("0.9.2342.19200300.100.1.1");
pub const AT_DC: Oid = Oid::new_unwrap("0.9.2342.19200300.100.1.25");

// Certificate extensions
pub const EXT_SKI: Oid = Oid::new_unwrap("2.5.29.14");
pub const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
pub const EXT_SAN: Oid = Oid::new_unwrap("2.5.29.17");
pub const EXT_BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
pub const EXT_CRL_NUMBER: Oid = Oid::new_unwrap("2.5.29.20");
pub const EXT_CRL_REASON: Oid = Oid::new_unwrap("2.5.29.21");
pub const EXT_CRL_DP: Oid = Oid::new_unwrap("2.5.29.31");
pub const EXT_CERT_POLICIES: Oid = Oid::new_unwrap("2.5.29.32");
pub const EXT_AKI: Oid = Oid::new_unwrap("2.5.29.35");
pub const EXT_EKU: Oid = Oid::new_unwrap("2.5.29.37");
pub const EXT_AIA: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.1.1");

// Extended key usages
pub const EKU_ANY: Oid = Oid::new_unwrap("2.5.29.37.0");
pub const EKU_EMAIL_PROTECTION: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.4");
pub const EKU_TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");
pub const EKU_DOCUMENT_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.36");
pub const EKU_MS_DOCUMENT_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.4.1.311.10.3.12");
pub const EKU_ADOBE_AUTHENTIC_DOCUMENTS: Oid = Oid::new_unwrap("1.2.840.113583.1.1.5");
pub const EKU_CLIENT_AUTH: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.2");
pub const EKU_SERVER_AUTH: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.1");
pub const EKU_CODE_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.3");

// Public key algorithms
pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
pub const CURVE_P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
pub const CURVE_P384: Oid = Oid::new_unwrap("1.3.132.0.34");
pub const CURVE_P521: Oid = Oid::new_unwrap("1.3.132.0.35");
/// RFC 5639 Brainpool curves (German and EU signature cards).
pub const CURVE_BP256R1: Oid = Oid::new_unwrap("1.3.36.3.3.2.8.1.1.7");
pub const CURVE_BP384R1: Oid = Oid::new_unwrap("1.3.36.3.3.2.8.1.1.11");
/// RFC 8410: the key and signature algorithm are one OID.
pub const ED25519: Oid = Oid::new_unwrap("1.3.101.112");
pub const ED448: Oid = Oid::new_unwrap("1.3.101.113");

// Signature algorithms
pub const SHA1_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.5");
pub const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
pub const SHA384_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
pub const SHA512_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");
pub const RSASSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");
pub const MGF1: Oid = Oid::new_unwrap("1.2.840.113549.1.1.8");
pub const ECDSA_WITH_SHA1: Oid = Oid::new_unwrap("1.2.840.10045.4.1");
pub const ECDSA_WITH_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
pub const ECDSA_WITH_SHA384: Oid = Oid::new_unwrap("1.2.840.10045.4.3.3");
pub const ECDSA_WITH_SHA512: Oid = Oid::new_unwrap("1.2.840.10045.4.3.4");
pub const ECDSA_WITH_SHA224: Oid = Oid::new_unwrap("1.2.840.10045.4.3.1");
pub const SHA224_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.14");
// NIST: SHA-3 signature algorithms (2.16.840.1.101.3.4.3.*)
pub const ECDSA_WITH_SHA3_224: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.9");
pub const ECDSA_WITH_SHA3_256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.10");
pub const ECDSA_WITH_SHA3_384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.11");
pub const ECDSA_WITH_SHA3_512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.12");
pub const RSA_WITH_SHA3_224: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.13");
pub const RSA_WITH_SHA3_256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.14");
pub const RSA_WITH_SHA3_384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.15");
pub const RSA_WITH_SHA3_512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.3.16");
/// OIW sha1WithRSASignature (1.3.14.3.2.29): an old alias of sha1WithRSAEncryption that
/// Windows CryptoAPI and some Vietnamese CAs still write.
pub const OIW_SHA1_WITH_RSA: Oid = Oid::new_unwrap("1.3.14.3.2.29");
/// BSI TR-03111 ecdsa-plain-signatures (0.4.0.127.0.7.1.1.4.1): r‖s instead of DER.
pub const BSI_ECDSA_PLAIN: Oid = Oid::new_unwrap("0.4.0.127.0.7.1.1.4.1");

// Digest algorithms
pub const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
pub const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");
pub const SHA224: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.4");
pub const SHA3_224: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.7");
pub const SHA3_256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.8");
pub const SHA3_384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.9");
pub const SHA3_512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.10");
/// SHAKE256 with 512-bit output: the CMS digest for Ed448 (RFC 8419 §2.3).
pub const SHAKE256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.12");
pub const MD5: Oid = Oid::new_unwrap("1.2.840.113549.2.5");

// CMS (RFC 5652) and ESS (RFC 5035)
pub const CT_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
pub const CT_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
pub const ATTR_CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
pub const ATTR_MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
pub const ATTR_SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
pub const ATTR_SIGNING_CERT: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.12");
pub const ATTR_SIGNING_CERT_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");
pub const ATTR_CMS_ALGORITHM_PROTECTION: Oid = Oid::new_unwrap("1.2.840.113549.1.9.52");
pub const ATTR_COUNTER_SIGNATURE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.6");
pub const ATTR_TIMESTAMP_TOKEN: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.14");

// Path validation (RFC 5280 §4.2.1, §5.2, §5.3) and the quirks real CAs need
pub const EXT_ISSUER_ALT_NAME: Oid = Oid::new_unwrap("2.5.29.18");
pub const EXT_DELTA_CRL_INDICATOR: Oid = Oid::new_unwrap("2.5.29.27");
pub const EXT_ISSUING_DISTRIBUTION_POINT: Oid = Oid::new_unwrap("2.5.29.28");
pub const EXT_CERTIFICATE_ISSUER: Oid = Oid::new_unwrap("2.5.29.29");
pub const EXT_NAME_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.30");
pub const EXT_POLICY_MAPPINGS: Oid = Oid::new_unwrap("2.5.29.33");
pub const EXT_POLICY_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.36");
pub const EXT_FRESHEST_CRL: Oid = Oid::new_unwrap("2.5.29.46");
pub const EXT_INHIBIT_ANY_POLICY: Oid = Oid::new_unwrap("2.5.29.54");
pub const EXT_INVALIDITY_DATE: Oid = Oid::new_unwrap("2.5.29.24");
pub const EXT_AUTHORITY_KEY_ID_OLD: Oid = Oid::new_unwrap("2.5.29.1");
/// Microsoft application policies (Windows CAs), the same syntax as certificatePolicies.
pub const EXT_MS_APPLICATION_POLICIES: Oid = Oid::new_unwrap("1.3.6.1.4.1.311.21.10");
pub const ANY_POLICY: Oid = Oid::new_unwrap("2.5.29.32.0");
pub const EKU_OCSP_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.9");
/// OIW `sha1WithRSASignature` (1.3.14.3.2.29), which old Windows CAs write on certificates.
pub const SHA1_WITH_RSA_OIW: Oid = Oid::new_unwrap("1.3.14.3.2.29");
// RFC 3161 time-stamping
pub const CT_TST_INFO: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.1.4");
/// The policy of time-stamps made by `kyso pki serve`: the test policy of OpenSSL's sample
/// TSA configuration (`tsa_policy1`), which no production TSA uses.
pub const TSA_TEST_POLICY: Oid = Oid::new_unwrap("1.2.3.4.1");

// RFC 6960 OCSP and RFC 5280 access descriptions
pub const AD_OCSP: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1");
pub const AD_CA_ISSUERS: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.2");
pub const OCSP_BASIC: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.1");
pub const OCSP_NONCE: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.2");
pub const OCSP_NOCHECK: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.5");
/// id-ri-ocsp-response (RFC 5940): an OCSPResponse among a SignedData's revocationInfoChoices.
pub const RI_OCSP_RESPONSE: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.16.2");
/// Adobe's adbe-revocationInfoArchival signed attribute (PDF 1.6+, ISO 32000-1 §12.8.3.3.2).
pub const ATTR_ADBE_REVOCATION_INFO: Oid = Oid::new_unwrap("1.2.840.113583.1.1.8");

// RFC 5280 CRL extensions
pub const EXT_HOLD_INSTRUCTION: Oid = Oid::new_unwrap("2.5.29.23");

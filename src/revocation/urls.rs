//! The URLs a certificate names for its revocation data and its issuer (RFC 5280
//! §4.2.2.1 authorityInfoAccess, §4.2.1.13 cRLDistributionPoints).

use x509_cert::Certificate;
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{AuthorityInfoAccessSyntax, CrlDistributionPoints};

use crate::pki::oids;

pub use crate::pki::issue::AccessUrls;

fn uri(g: &GeneralName) -> Option<String> {
    match g {
        GeneralName::UniformResourceIdentifier(u) => Some(u.to_string()),
        _ => None,
    }
}

/// Read the URLs (malformed extensions yield none).
pub fn of(cert: &Certificate) -> AccessUrls {
    let tbs = cert.tbs_certificate();
    let mut out = AccessUrls::default();
    if let Ok(Some((_, aia))) = tbs.get_extension::<AuthorityInfoAccessSyntax>() {
        for ad in &aia.0 {
            let Some(u) = uri(&ad.access_location) else { continue };
            if ad.access_method == oids::AD_OCSP {
                out.ocsp.push(u);
            } else if ad.access_method == oids::AD_CA_ISSUERS {
                out.ca_issuers.push(u);
            }
        }
    }
    if let Ok(Some((_, cdp))) = tbs.get_extension::<CrlDistributionPoints>() {
        for DistributionPoint { distribution_point, .. } in &cdp.0 {
            if let Some(DistributionPointName::FullName(names)) = distribution_point {
                out.crl.extend(names.iter().filter_map(uri));
            }
        }
    }
    out
}

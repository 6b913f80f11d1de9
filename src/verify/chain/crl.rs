//! Revocation status of one certificate of a path, from the evidence the caller gives:
//! CRLs processed as RFC 5280 §6.3 says (distribution points and their reasons, the
//! issuing distribution point's scope, indirect CRLs with `certificateIssuer` entries,
//! delta CRLs, `removeFromCRL`, the CRL signer's own path to the same anchor and its
//! cRLSign usage), and OCSP answers already parsed and signature-checked by their module
//! ([`OcspEvidence`]): here only whether they speak of this certificate, come from an
//! authorised responder and are fresh.
//!
//! A CRL kyso cannot use for a certificate (stale, badly signed, out of scope, with an
//! unknown critical extension) is not evidence; what was wrong with each is kept, so the
//! report says why the status is unknown.

use const_oid::ObjectIdentifier as Oid;
use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_cert::crl::{CertificateList, RevokedCert};
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::crl::{BaseCrlNumber, CrlNumber, IssuingDistributionPoint};
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{BasicConstraints, CrlDistributionPoints, KeyUsage, KeyUsages};
use x509_cert::name::Name;

use super::{Ctx, Purpose, label};
use crate::pki::alg::{DigestAlg, SigScheme};
use crate::pki::{dn, oids, time};
use crate::verify::crypto;

/// All reason flags (keyCompromise .. aACompromise; bit 0 is unused).
const ALL_REASONS: u16 = 0x1FE;

/// An OCSP answer about one certificate, as the OCSP module hands it over once it has
/// parsed the response and checked its signature with `responder`'s key.
#[derive(Debug, Clone)]
pub struct OcspEvidence {
    /// CertID: the hash algorithm, issuer name and key hashes, serial number.
    pub hash: DigestAlg,
    pub issuer_name_hash: Vec<u8>,
    pub issuer_key_hash: Vec<u8>,
    pub serial: Vec<u8>,
    pub status: OcspStatus,
    pub this_update: i64,
    pub next_update: Option<i64>,
    /// The certificate whose key verified the response.
    pub responder: Certificate,
    /// Where it came from, for the report (a URL, "DSS", a file name).
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OcspStatus {
    Good,
    /// Revocation time and, when given, the CRLReason code.
    Revoked(i64, Option<u8>),
    Unknown,
}

/// What was established about one certificate's revocation, and with what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The trust anchor: trusted as given, not checked.
    TrustAnchor,
    /// Not looked at (the path does not reach an anchor).
    NotChecked,
    /// Not revoked at the validation time, according to `source`.
    Good { source: String },
    /// Revoked at `time` (at or before the validation time).
    Revoked { time: i64, reason: String, source: String },
    /// Suspended (certificateHold) at the validation time.
    OnHold { time: i64, source: String },
    /// No usable evidence; the detail says what was tried.
    Unknown { detail: String },
}

fn reason_name(code: u8) -> &'static str {
    match code {
        0 => "unspecified",
        1 => "keyCompromise",
        2 => "cACompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        8 => "removeFromCRL",
        9 => "privilegeWithdrawn",
        10 => "aACompromise",
        _ => "unknown reason",
    }
}

fn crl_ext(crl: &CertificateList, oid: Oid) -> Option<&x509_cert::ext::Extension> {
    crl.tbs_cert_list.crl_extensions.as_ref()?.iter().find(|e| e.extn_id == oid)
}

fn crl_number(crl: &CertificateList) -> Option<Vec<u8>> {
    crl_ext(crl, oids::EXT_CRL_NUMBER)
        .and_then(|e| CrlNumber::from_der(e.extn_value.as_bytes()).ok())
        .map(|n| n.0.as_bytes().to_vec())
}

fn base_number(crl: &CertificateList) -> Option<Vec<u8>> {
    crl_ext(crl, oids::EXT_DELTA_CRL_INDICATOR)
        .and_then(|e| BaseCrlNumber::from_der(e.extn_value.as_bytes()).ok())
        .map(|n| n.0.as_bytes().to_vec())
}

/// Compare two unsigned big-endian integers.
fn cmp_uint(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let strip = |x: &[u8]| x[x.iter().take_while(|&&b| b == 0).count()..].to_vec();
    let (a, b) = (strip(a), strip(b));
    a.len().cmp(&b.len()).then_with(|| a.cmp(&b))
}

/// The issuing distribution point (decoded by OID: x509-cert's own association is wrong).
fn idp(crl: &CertificateList) -> Result<Option<IssuingDistributionPoint>, String> {
    match crl_ext(crl, oids::EXT_ISSUING_DISTRIBUTION_POINT) {
        None => Ok(None),
        Some(e) => IssuingDistributionPoint::from_der(e.extn_value.as_bytes())
            .map(Some)
            .map_err(|e| format!("its issuingDistributionPoint cannot be decoded ({e})")),
    }
}

/// Is the CRL itself usable at all: known critical extensions, entries' too, fresh?
fn usable(crl: &CertificateList, at: i64) -> Result<(), String> {
    const KNOWN: [Oid; 5] = [
        oids::EXT_ISSUING_DISTRIBUTION_POINT,
        oids::EXT_DELTA_CRL_INDICATOR,
        oids::EXT_CRL_NUMBER,
        oids::EXT_AKI,
        oids::EXT_FRESHEST_CRL,
    ];
    for e in crl.tbs_cert_list.crl_extensions.iter().flatten() {
        if e.critical && !KNOWN.contains(&e.extn_id) {
            return Err(format!("it has an unknown critical extension {}", e.extn_id));
        }
    }
    const KNOWN_ENTRY: [Oid; 3] = [oids::EXT_CRL_REASON, oids::EXT_CERTIFICATE_ISSUER, oids::EXT_INVALIDITY_DATE];
    for entry in crl.tbs_cert_list.revoked_certificates.iter().flatten() {
        for e in entry.crl_entry_extensions.iter().flatten() {
            if e.critical && !KNOWN_ENTRY.contains(&e.extn_id) {
                return Err(format!("an entry has an unknown critical extension {}", e.extn_id));
            }
        }
    }
    if let Some(next) = &crl.tbs_cert_list.next_update
        && time::unix(next) < at
    {
        return Err(format!("it is stale (next update {})", time::time_rfc3339(next)));
    }
    Ok(())
}

/// The names a distribution point name stands for; a name relative to the CRL issuer
/// is appended to `issuer`.
fn dp_names(dpn: &DistributionPointName, issuer: &Name) -> Vec<GeneralName> {
    match dpn {
        DistributionPointName::FullName(names) => names.clone(),
        DistributionPointName::NameRelativeToCRLIssuer(rdn) => {
            let mut seq: x509_cert::name::RdnSequence = issuer.as_ref().clone();
            seq.push(rdn.clone());
            seq.to_der()
                .ok()
                .and_then(|d| Name::from_der(&d).ok())
                .map(|n| vec![GeneralName::DirectoryName(n)])
                .unwrap_or_default()
        }
    }
}

fn general_names_meet(a: &[GeneralName], b: &[GeneralName]) -> bool {
    a.iter().any(|x| {
        b.iter().any(|y| match (x, y) {
            (GeneralName::DirectoryName(p), GeneralName::DirectoryName(q)) => dn::names_match(p, q),
            _ => x == y,
        })
    })
}

fn directory_names(names: &[GeneralName]) -> impl Iterator<Item = &Name> {
    names.iter().filter_map(|n| match n {
        GeneralName::DirectoryName(d) => Some(d),
        _ => None,
    })
}

/// §6.3.3 (b): does the CRL cover `cert` through distribution point `dp`?
fn in_scope(
    crl: &CertificateList,
    idp: &Option<IssuingDistributionPoint>,
    cert: &Certificate,
    dp: &DistributionPoint,
) -> Result<(), String> {
    let tbs = cert.tbs_certificate();
    let crl_issuer = &crl.tbs_cert_list.issuer;
    let indirect = idp.as_ref().is_some_and(|i| i.indirect_crl);
    match &dp.crl_issuer {
        Some(names) => {
            if !directory_names(names).any(|n| dn::names_match(n, crl_issuer)) {
                return Err("its issuer is not the CRL issuer the certificate names".into());
            }
            if !indirect {
                return Err("the certificate names another CRL issuer, but the CRL is not indirect".into());
            }
        }
        None => {
            if !dn::names_match(crl_issuer, tbs.issuer()) {
                return Err("it was issued by someone else".into());
            }
        }
    }
    if let Some(idp) = idp {
        if let Some(idp_dp) = &idp.distribution_point {
            let idp_names = dp_names(idp_dp, crl_issuer);
            let ok = match (&dp.distribution_point, &dp.crl_issuer) {
                (Some(d), _) => {
                    let base = dp.crl_issuer.as_ref().and_then(|n| directory_names(n).next()).unwrap_or(tbs.issuer());
                    general_names_meet(&idp_names, &dp_names(d, base))
                }
                (None, Some(issuers)) => general_names_meet(&idp_names, issuers),
                (None, None) => false,
            };
            if !ok {
                return Err("its distribution point is not one the certificate names".into());
            }
        }
        let is_ca = matches!(tbs.get_extension::<BasicConstraints>(), Ok(Some((_, bc))) if bc.ca);
        if idp.only_contains_user_certs && is_ca {
            return Err("it covers end-entity certificates only".into());
        }
        if idp.only_contains_ca_certs && !is_ca {
            return Err("it covers CA certificates only".into());
        }
        if idp.only_contains_attribute_certs {
            return Err("it covers attribute certificates only".into());
        }
    }
    Ok(())
}

/// The certificate's entry in the CRL (following `certificateIssuer` in indirect CRLs).
fn find_entry<'a>(crl: &'a CertificateList, cert: &Certificate, indirect: bool) -> Option<&'a RevokedCert> {
    let tbs = cert.tbs_certificate();
    let mut current: Name = crl.tbs_cert_list.issuer.clone();
    for entry in crl.tbs_cert_list.revoked_certificates.iter().flatten() {
        if indirect
            && let Some(e) =
                entry.crl_entry_extensions.iter().flatten().find(|e| e.extn_id == oids::EXT_CERTIFICATE_ISSUER)
            && let Ok(names) = Vec::<GeneralName>::from_der(e.extn_value.as_bytes())
            && let Some(n) = directory_names(&names).next()
        {
            current = n.clone();
        }
        if entry.serial_number == *tbs.serial_number() && dn::names_match(&current, tbs.issuer()) {
            return Some(entry);
        }
    }
    None
}

fn entry_reason(entry: &RevokedCert) -> u8 {
    entry
        .crl_entry_extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == oids::EXT_CRL_REASON)
        .and_then(|e| x509_cert::ext::pkix::crl::CrlReason::from_der(e.extn_value.as_bytes()).ok())
        .map(|r| r as u8)
        .unwrap_or(0)
}

/// Does `key_holder`'s key verify the CRL's signature?
pub(super) fn crl_signed_by(crl: &CertificateList, key_holder: &Certificate) -> bool {
    let Some(scheme) = SigScheme::from_algorithm_identifier(&crl.signature_algorithm).or_else(|| {
        (crl.signature_algorithm.oid == oids::SHA1_WITH_RSA_OIW).then_some(SigScheme::RsaPkcs1(DigestAlg::Sha1))
    }) else {
        return false;
    };
    let (Ok(tbs), Some(sig)) = (crl.tbs_cert_list.to_der(), crl.signature.as_bytes()) else {
        return false;
    };
    crypto::verify_message(
        key_holder.tbs_certificate().subject_public_key_info(),
        scheme,
        crate::pki::alg::pss_salt_len(&crl.signature_algorithm),
        &tbs,
        sig,
    )
    .is_ok()
}

fn allows_crl_sign(cert: &Certificate) -> bool {
    match cert.tbs_certificate().get_extension::<KeyUsage>() {
        Ok(Some((_, ku))) => ku.0.contains(KeyUsages::CRLSign),
        Ok(None) => true,
        Err(_) => false,
    }
}

/// §6.3.3 (f)–(g): a certificate whose key signed the CRL and whose path to the same
/// anchor as the certificate's is valid. `issuer_path` is the checked certificate's
/// issuer up to the anchor, already validated.
fn crl_signer(
    ctx: &Ctx,
    crl: &CertificateList,
    issuer_path: &[Certificate],
    depth: usize,
) -> Result<Certificate, String> {
    let crl_issuer = &crl.tbs_cert_list.issuer;
    // The usual case: the certificate's own issuer signed the CRL.
    if let Some(issuer) = issuer_path.first()
        && dn::names_match(issuer.tbs_certificate().subject(), crl_issuer)
        && crl_signed_by(crl, issuer)
    {
        return if allows_crl_sign(issuer) {
            Ok(issuer.clone())
        } else {
            Err(format!("its signer \"{}\" may not sign CRLs (keyUsage)", label(issuer)))
        };
    }
    let Some(anchor) = issuer_path.last() else {
        return Err("no path to check its signer against".into());
    };
    let mut why = String::from("no certificate of its issuer verifies its signature");
    let candidates = ctx.pool.iter().copied().chain(ctx.store.anchors.iter()).chain(issuer_path.iter());
    let mut seen: Vec<&Certificate> = Vec::new();
    for cand in candidates {
        if seen.contains(&cand) || !dn::names_match(cand.tbs_certificate().subject(), crl_issuer) {
            continue;
        }
        seen.push(cand);
        if !crl_signed_by(crl, cand) {
            continue;
        }
        if !allows_crl_sign(cand) {
            why = format!("its signer \"{}\" may not sign CRLs (keyUsage)", label(cand));
            continue;
        }
        if cand == anchor {
            return Ok(cand.clone());
        }
        if ctx.in_progress.borrow().contains(cand) {
            return Ok(cand.clone());
        }
        if depth >= super::MAX_REVOCATION_DEPTH {
            why = "its signer's own path is nested too deep to check".into();
            continue;
        }
        ctx.in_progress.borrow_mut().push(cand.clone());
        let outcome = super::validate_inner(ctx, cand, Purpose::CrlSigning, depth + 1, Some(anchor));
        ctx.in_progress.borrow_mut().pop();
        if outcome.trusted && outcome.reasons.is_empty() {
            return Ok(cand.clone());
        }
        why = format!(
            "its signer \"{}\" does not validate: {}",
            label(cand),
            outcome.reasons.iter().map(|r| r.detail.as_str()).collect::<Vec<_>>().join("; ")
        );
    }
    Err(why)
}

/// The revocation status of `cert`, issued by `issuer_path[0]` (then its path to the
/// anchor), at `ctx.at`.
pub(super) fn status(ctx: &Ctx, cert: &Certificate, issuer_path: &[Certificate], depth: usize) -> Status {
    let mut tried: Vec<String> = Vec::new();
    let mut good: Option<String> = None;
    if let Some(issuer) = issuer_path.first() {
        match ocsp_status(ctx, cert, issuer, issuer_path, depth, &mut tried) {
            Some(s @ (Status::Revoked { .. } | Status::OnHold { .. })) => return s,
            Some(Status::Good { source }) => good = Some(source),
            _ => {}
        }
    }
    match crl_status(ctx, cert, issuer_path, depth, &mut tried) {
        Some(s @ (Status::Revoked { .. } | Status::OnHold { .. })) => s,
        Some(Status::Good { source }) => {
            Status::Good { source: good.map(|g| format!("{g}; {source}")).unwrap_or(source) }
        }
        _ => match good {
            Some(source) => Status::Good { source },
            None => Status::Unknown {
                detail: if tried.is_empty() {
                    "no CRL or OCSP response for it was given".into()
                } else {
                    tried.join("; ")
                },
            },
        },
    }
}

fn crl_label(crl: &CertificateList) -> String {
    let delta = if base_number(crl).is_some() { "delta CRL" } else { "CRL" };
    format!(
        "{delta} of \"{}\" ({})",
        dn::to_string(&crl.tbs_cert_list.issuer),
        time::time_rfc3339(&crl.tbs_cert_list.this_update)
    )
}

fn crl_status(
    ctx: &Ctx,
    cert: &Certificate,
    issuer_path: &[Certificate],
    depth: usize,
    tried: &mut Vec<String>,
) -> Option<Status> {
    let tbs = cert.tbs_certificate();
    let dps: Vec<DistributionPoint> = match tbs.get_extension::<CrlDistributionPoints>() {
        Ok(Some((_, d))) if !d.0.is_empty() => d.0,
        Ok(_) => vec![DistributionPoint { distribution_point: None, reasons: None, crl_issuer: None }],
        Err(e) => {
            tried.push(format!("its cRLDistributionPoints cannot be decoded ({e})"));
            return None;
        }
    };
    let (complete, deltas): (Vec<&CertificateList>, Vec<&CertificateList>) =
        ctx.crls.iter().copied().partition(|c| base_number(c).is_none());
    let mut mask: u16 = 0;
    let mut revoked: Option<(i64, u8, String)> = None;
    let mut sources: Vec<String> = Vec::new();
    'dps: for dp in &dps {
        for crl in &complete {
            if mask == ALL_REASONS || revoked.is_some() {
                break 'dps;
            }
            let name = crl_label(crl);
            let idp = match idp(crl) {
                Ok(i) => i,
                Err(e) => {
                    tried.push(format!("{name}: {e}"));
                    continue;
                }
            };
            if let Err(e) = in_scope(crl, &idp, cert, dp) {
                // Say why only for CRLs of the right issuer; others are simply not about it.
                if dn::names_match(&crl.tbs_cert_list.issuer, tbs.issuer()) {
                    tried.push(format!("{name}: {e}"));
                }
                continue;
            }
            // (d)
            let dp_reasons = dp.reasons.map(|r| r.bits() & ALL_REASONS);
            let idp_reasons = idp.as_ref().and_then(|i| i.only_some_reasons).map(|r| r.bits() & ALL_REASONS);
            let interim = match (idp_reasons, dp_reasons) {
                (Some(a), Some(b)) => a & b,
                (Some(a), None) | (None, Some(a)) => a,
                (None, None) => ALL_REASONS,
            };
            // (e)
            if interim & !mask == 0 {
                continue;
            }
            if let Err(e) = usable(crl, ctx.at) {
                tried.push(format!("{name}: {e}"));
                continue;
            }
            // (f), (g)
            let signer = match crl_signer(ctx, crl, issuer_path, depth) {
                Ok(s) => s,
                Err(e) => {
                    tried.push(format!("{name}: {e}"));
                    continue;
                }
            };
            // (c), (h): a delta CRL for this complete CRL, when one is given
            let number = crl_number(crl);
            let matching_deltas: Vec<&&CertificateList> = deltas
                .iter()
                .filter(|d| {
                    dn::names_match(&d.tbs_cert_list.issuer, &crl.tbs_cert_list.issuer)
                        && idp_der(d) == idp_der(crl)
                        && matches!((base_number(d), &number), (Some(b), Some(n)) if cmp_uint(n, &b).is_ge())
                })
                .collect();
            let mut delta_used: Option<&CertificateList> = None;
            if !matching_deltas.is_empty() {
                let mut last_err = String::new();
                for d in matching_deltas {
                    match usable(d, ctx.at) {
                        Ok(()) if crl_signed_by(d, &signer) => {
                            delta_used = Some(d);
                            break;
                        }
                        Ok(()) => last_err = format!("{}: its signature does not verify", crl_label(d)),
                        Err(e) => last_err = format!("{}: {e}", crl_label(d)),
                    }
                }
                if delta_used.is_none() {
                    tried.push(format!("{name}: no usable delta CRL for it ({last_err})"));
                    continue;
                }
            }
            let indirect = idp.as_ref().is_some_and(|i| i.indirect_crl);
            // (i), (j), (k)
            let mut hit: Option<(&RevokedCert, String)> = None;
            if let Some(d) = delta_used
                && let Some(e) = find_entry(d, cert, indirect)
            {
                hit = Some((e, crl_label(d)));
            }
            if hit.is_none()
                && let Some(e) = find_entry(crl, cert, indirect)
            {
                hit = Some((e, name.clone()));
            }
            if let Some((entry, src)) = hit {
                let reason = entry_reason(entry);
                let when = time::unix(&entry.revocation_date);
                if reason != 8 && when <= ctx.at {
                    revoked = Some((when, reason, src));
                    break 'dps;
                }
            }
            mask |= interim;
            sources.push(match delta_used {
                Some(d) => format!("{name} with {}", crl_label(d)),
                None => name,
            });
        }
    }
    if let Some((time, reason, source)) = revoked {
        return Some(if reason == 6 {
            Status::OnHold { time, source }
        } else {
            Status::Revoked { time, reason: reason_name(reason).to_string(), source }
        });
    }
    if mask == ALL_REASONS {
        return Some(Status::Good { source: sources.join(", ") });
    }
    if !sources.is_empty() {
        tried.push(format!("the CRLs found ({}) do not cover every revocation reason", sources.join(", ")));
    }
    None
}

fn idp_der(crl: &CertificateList) -> Option<Vec<u8>> {
    crl_ext(crl, oids::EXT_ISSUING_DISTRIBUTION_POINT).map(|e| e.extn_value.as_bytes().to_vec())
}

/// OCSP: an answer about this certificate (CertID), from the issuer itself or a
/// responder it authorised (RFC 6960 §4.2.2.2), fresh at the validation time.
fn ocsp_status(
    ctx: &Ctx,
    cert: &Certificate,
    issuer: &Certificate,
    issuer_path: &[Certificate],
    depth: usize,
    tried: &mut Vec<String>,
) -> Option<Status> {
    let tbs = cert.tbs_certificate();
    let itbs = issuer.tbs_certificate();
    let name_der = itbs.subject().to_der().ok()?;
    let key = itbs.subject_public_key_info().subject_public_key.raw_bytes();
    for ev in ctx.ocsp {
        if ev.serial != tbs.serial_number().as_bytes()
            || ev.issuer_name_hash != ev.hash.digest(&name_der)
            || ev.issuer_key_hash != ev.hash.digest(key)
        {
            continue;
        }
        let responder = &ev.responder;
        let authorised = responder == issuer
            || (responder.tbs_certificate().subject_public_key_info() == itbs.subject_public_key_info())
            || (super::build::signed_by(responder, issuer)
                && matches!(responder.tbs_certificate().get_extension::<x509_cert::ext::pkix::ExtendedKeyUsage>(),
                    Ok(Some((_, eku))) if eku.0.contains(&oids::EKU_OCSP_SIGNING))
                && {
                    let mut p = vec![responder.clone()];
                    p.extend(issuer_path.iter().cloned());
                    super::check_validity(&p[..1], ctx.at).is_empty() && depth < super::MAX_REVOCATION_DEPTH
                });
        if !authorised {
            tried.push(format!(
                "{}: the responder \"{}\" is not authorised by \"{}\"",
                ev.source,
                label(responder),
                label(issuer)
            ));
            continue;
        }
        if ev.next_update.is_some_and(|n| n < ctx.at) {
            tried.push(format!("{}: the OCSP response is stale", ev.source));
            continue;
        }
        return match ev.status {
            OcspStatus::Good => Some(Status::Good { source: format!("OCSP ({})", ev.source) }),
            OcspStatus::Revoked(t, r) if t <= ctx.at => Some(if r == Some(6) {
                Status::OnHold { time: t, source: format!("OCSP ({})", ev.source) }
            } else {
                Status::Revoked {
                    time: t,
                    reason: reason_name(r.unwrap_or(0)).into(),
                    source: format!("OCSP ({})", ev.source),
                }
            }),
            OcspStatus::Revoked(..) => {
                Some(Status::Good { source: format!("OCSP ({}), revoked only later", ev.source) })
            }
            OcspStatus::Unknown => {
                tried.push(format!("{}: the responder does not know the certificate", ev.source));
                continue;
            }
        };
    }
    None
}

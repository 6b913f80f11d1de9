//! Finding objects on a token: the private key a [`KeySelector`] names, the certificate that
//! goes with it, the key's kind (from its attributes or its certificate) and the listings
//! `kyso token list` prints.

use super::*;
pub(super) fn describe_token(slot: Slot, ti: &TokenInfo) -> String {
    format!("'{}' (slot {}, serial {})", ti.label().trim(), slot.id(), ti.serial_number().trim())
}

pub(super) fn describe_token_selector(sel: &TokenSelector) -> String {
    match (&sel.label, sel.slot) {
        (Some(l), Some(s)) => format!("label '{l}' in slot {s}"),
        (Some(l), None) => format!("label '{l}'"),
        (None, Some(s)) => format!("slot {s}"),
        (None, None) => "any token".into(),
    }
}

pub(super) fn describe_key_selector(sel: &KeySelector) -> String {
    match (&sel.label, &sel.id) {
        (Some(l), Some(i)) => format!("label '{l}' and id {}", hex::encode(i)),
        (Some(l), None) => format!("label '{l}'"),
        (None, Some(i)) => format!("id {}", hex::encode(i)),
        (None, None) => "any private key (the token holds none)".into(),
    }
}

pub(super) fn select_key(session: &Session, sel: &KeySelector) -> Result<ObjectHandle, P11Error> {
    let mut template = vec![Attribute::Token(true), Attribute::Class(ObjectClass::PRIVATE_KEY)];
    if let Some(l) = &sel.label {
        template.push(Attribute::Label(l.as_bytes().to_vec()));
    }
    if let Some(i) = &sel.id {
        template.push(Attribute::Id(i.clone()));
    }
    let found = session.find_objects(&template).map_err(|e| ck_err(e, "searching private keys"))?;
    match found.len() {
        1 => Ok(found[0]),
        0 => Err(P11Error::KeyNotFound(describe_key_selector(sel))),
        _ => {
            let mut names = Vec::with_capacity(found.len());
            for h in found {
                let attrs = session.get_attributes(h, &[AttributeType::Label, AttributeType::Id]).unwrap_or_default();
                let (mut label, mut id) = (String::new(), String::new());
                for a in attrs {
                    match a {
                        Attribute::Label(l) => label = String::from_utf8_lossy(&l).into_owned(),
                        Attribute::Id(i) => id = hex::encode(i),
                        _ => {}
                    }
                }
                names.push(format!("'{label}' (id {id})"));
            }
            Err(P11Error::AmbiguousKey(names))
        }
    }
}

/// Certificate with the key's CKA_ID, else with its CKA_LABEL.
pub(super) fn find_certificate(session: &Session, id: &[u8], label: &str) -> Option<Vec<u8>> {
    let mut attempts: Vec<Attribute> = Vec::new();
    if !id.is_empty() {
        attempts.push(Attribute::Id(id.to_vec()));
    }
    if !label.is_empty() {
        attempts.push(Attribute::Label(label.as_bytes().to_vec()));
    }
    for attr in attempts {
        let found = session.find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE), attr]).ok()?;
        for h in found {
            let Ok(attrs) = session.get_attributes(h, &[AttributeType::Value]) else {
                continue;
            };
            for a in attrs {
                if let Attribute::Value(v) = a
                    && x509_cert::Certificate::from_der(&v).is_ok()
                {
                    return Some(v);
                }
            }
        }
    }
    None
}

pub(super) fn bit_len(be: &[u8]) -> usize {
    let mut i = 0;
    while i < be.len() && be[i] == 0 {
        i += 1;
    }
    if i == be.len() {
        return 0;
    }
    (be.len() - i) * 8 - be[i].leading_zeros() as usize
}

pub(super) fn detect_key_kind(
    session: &Session,
    handle: ObjectHandle,
    id: &[u8],
    cert: Option<&[u8]>,
) -> Result<KeyKind, P11Error> {
    let attrs = session
        .get_attributes(handle, &[AttributeType::KeyType, AttributeType::Modulus, AttributeType::EcParams])
        .map_err(|e| ck_err(e, "reading key attributes"))?;
    let mut key_type = None;
    let mut modulus = None;
    let mut params = None;
    for a in attrs {
        match a {
            Attribute::KeyType(t) => key_type = Some(t),
            Attribute::Modulus(m) => modulus = Some(m),
            Attribute::EcParams(p) => params = Some(p),
            _ => {}
        }
    }
    // Matching public key object, for tokens that hide the private key's
    // public attributes.
    let public = || -> Vec<Attribute> {
        if id.is_empty() {
            return Vec::new();
        }
        let Ok(found) = session.find_objects(&[Attribute::Class(ObjectClass::PUBLIC_KEY), Attribute::Id(id.to_vec())])
        else {
            return Vec::new();
        };
        found
            .first()
            .and_then(|h| {
                session
                    .get_attributes(*h, &[AttributeType::Modulus, AttributeType::ModulusBits, AttributeType::EcParams])
                    .ok()
            })
            .unwrap_or_default()
    };
    let spki = cert.and_then(cert_key_kind);

    match key_type {
        Some(t) if t == KeyType::RSA => {
            if let Some(m) = modulus.filter(|m| !m.is_empty()) {
                return Ok(KeyKind::Rsa { bits: bit_len(&m) });
            }
            for a in public() {
                match a {
                    Attribute::Modulus(m) if !m.is_empty() => {
                        return Ok(KeyKind::Rsa { bits: bit_len(&m) });
                    }
                    Attribute::ModulusBits(b) => {
                        return Ok(KeyKind::Rsa { bits: usize::from(b) });
                    }
                    _ => {}
                }
            }
            match spki {
                Some(k @ KeyKind::Rsa { .. }) => Ok(k),
                _ => Err(P11Error::Pkcs11(
                    "cannot determine the RSA key size (no CKA_MODULUS, public key or certificate)".into(),
                )),
            }
        }
        Some(t) if t == KeyType::EC => {
            let params = params.or_else(|| {
                public().into_iter().find_map(|a| match a {
                    Attribute::EcParams(p) => Some(p),
                    _ => None,
                })
            });
            match params {
                Some(p) if p == P256_PARAMS => Ok(KeyKind::EcP256),
                Some(p) => Err(P11Error::Mechanism(format!(
                    "unsupported EC curve (CKA_EC_PARAMS {}); only P-256 is supported",
                    hex::encode(p)
                ))),
                None => match spki {
                    Some(KeyKind::EcP256) => Ok(KeyKind::EcP256),
                    _ => Err(P11Error::Mechanism("cannot determine the EC curve of the key".into())),
                },
            }
        }
        Some(t) => Err(P11Error::Mechanism(format!("unsupported key type {t}; only RSA and EC P-256 keys can sign"))),
        None => spki.ok_or_else(|| P11Error::Pkcs11("cannot read CKA_KEY_TYPE of the key".into())),
    }
}

/// Key kind from a certificate's SubjectPublicKeyInfo.
pub(super) fn cert_key_kind(der_cert: &[u8]) -> Option<KeyKind> {
    let cert = x509_cert::Certificate::from_der(der_cert).ok()?;
    let spki = cert.tbs_certificate().subject_public_key_info();
    let alg = spki.algorithm.oid.to_string();
    if alg == RSA_OID {
        let bits = spki.subject_public_key.as_bytes()?;
        let mut reader = der::SliceReader::new(bits).ok()?;
        let n = reader
            .sequence(|r| {
                let n = der::asn1::UintRef::decode(r)?;
                let _e = der::asn1::UintRef::decode(r)?;
                Ok::<_, der::Error>(n.as_bytes().to_vec())
            })
            .ok()?;
        Some(KeyKind::Rsa { bits: bit_len(&n) })
    } else if alg == EC_OID {
        let params = spki.algorithm.parameters.as_ref()?;
        let curve = params.decode_as::<der::asn1::ObjectIdentifier>().ok()?;
        (curve.to_string() == P256_OID).then_some(KeyKind::EcP256)
    } else {
        None
    }
}

pub(super) fn object_info(
    session: &Session,
    h: ObjectHandle,
    class: ObjectClass,
    kind: &'static str,
) -> Result<ObjectInfo, P11Error> {
    let mut wanted = vec![AttributeType::Label, AttributeType::Id, AttributeType::Subject];
    if class == ObjectClass::CERTIFICATE {
        wanted.push(AttributeType::Value);
    } else {
        wanted.extend([AttributeType::KeyType, AttributeType::Modulus, AttributeType::EcParams]);
    }
    let attrs = session.get_attributes(h, &wanted).map_err(|e| ck_err(e, "reading object attributes"))?;
    let mut info = ObjectInfo { kind, label: String::new(), id_hex: String::new(), key_type: None, subject: None };
    let (mut key_type, mut modulus, mut params, mut value, mut subject) = (None, None, None, None, None);
    for a in attrs {
        match a {
            Attribute::Label(l) => info.label = String::from_utf8_lossy(&l).into_owned(),
            Attribute::Id(i) => info.id_hex = hex::encode(i),
            Attribute::KeyType(t) => key_type = Some(t),
            Attribute::Modulus(m) => modulus = Some(m),
            Attribute::EcParams(p) => params = Some(p),
            Attribute::Value(v) => value = Some(v),
            Attribute::Subject(s) => subject = Some(s),
            _ => {}
        }
    }
    if let Some(v) = value
        && let Ok(cert) = x509_cert::Certificate::from_der(&v)
    {
        info.subject = Some(cert.tbs_certificate().subject().to_string());
        info.key_type = cert_key_kind(&v).map(kind_name);
    }
    if info.subject.is_none() {
        info.subject = subject
            .filter(|s| !s.is_empty())
            .and_then(|s| x509_cert::name::Name::from_der(&s).ok())
            .map(|n| n.to_string());
    }
    if let Some(t) = key_type {
        info.key_type = Some(if t == KeyType::RSA {
            match modulus.filter(|m| !m.is_empty()) {
                Some(m) => format!("RSA-{}", bit_len(&m)),
                None => "RSA".into(),
            }
        } else if t == KeyType::EC {
            match params {
                Some(p) if p == P256_PARAMS => "EC-P256".into(),
                _ => "EC".into(),
            }
        } else {
            t.to_string()
        });
    }
    Ok(info)
}

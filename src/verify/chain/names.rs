//! RFC 5280 §4.2.1.10 name constraints, processed as §6.1.3 (b)–(c) and §6.1.4 (g) say.
//!
//! Every `nameConstraints` extension met on a CA certificate of the path applies to every
//! certificate below it (self-issued intermediates excepted, the end entity always). A
//! name of a form a constraint restricts must lie in one of that extension's permitted
//! subtrees of the form and in none of the excluded ones; checking each extension on its
//! own gives the intersection RFC 5280 asks for.
//!
//! Implemented forms: directoryName (the subject DN and directoryName alternative names),
//! rfc822Name (alternative names and the subject's `emailAddress` attributes, as OpenSSL
//! also checks them), dNSName, uniformResourceIdentifier (by host) and iPAddress. A
//! constraint of another form (otherName, ediPartyName, registeredID, or a non-zero
//! `minimum`/a `maximum`) is refused as soon as a certificate below carries a name of that
//! form — never ignored.

use x509_cert::Certificate;
use x509_cert::ext::pkix::constraints::name::{GeneralSubtree, NameConstraints};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::name::Name;

use crate::pki::{dn, oids};

/// A name of a certificate, in the forms constraints speak of.
#[derive(Debug)]
enum Subject<'a> {
    Dir(&'a Name),
    Email(String),
    Dns(String),
    Uri(String),
    Ip(Vec<u8>),
    /// A form kyso does not match (its name for messages).
    Other(&'static str),
}

fn form_of(n: &GeneralName) -> &'static str {
    match n {
        GeneralName::OtherName(_) => "otherName",
        GeneralName::Rfc822Name(_) => "rfc822Name",
        GeneralName::DnsName(_) => "dNSName",
        GeneralName::DirectoryName(_) => "directoryName",
        GeneralName::EdiPartyName(_) => "ediPartyName",
        GeneralName::UniformResourceIdentifier(_) => "uniformResourceIdentifier",
        GeneralName::IpAddress(_) => "iPAddress",
        GeneralName::RegisteredId(_) => "registeredID",
    }
}

impl Subject<'_> {
    fn form(&self) -> &'static str {
        match self {
            Subject::Dir(_) => "directoryName",
            Subject::Email(_) => "rfc822Name",
            Subject::Dns(_) => "dNSName",
            Subject::Uri(_) => "uniformResourceIdentifier",
            Subject::Ip(_) => "iPAddress",
            Subject::Other(f) => f,
        }
    }

    fn describe(&self) -> String {
        match self {
            Subject::Dir(n) => format!("DN \"{}\"", dn::to_string(n)),
            Subject::Email(e) => format!("e-mail {e}"),
            Subject::Dns(d) => format!("DNS name {d}"),
            Subject::Uri(u) => format!("URI {u}"),
            Subject::Ip(ip) => format!("IP address {}", hex::encode(ip)),
            Subject::Other(f) => format!("a name of form {f}"),
        }
    }
}

/// The names a certificate carries: subject DN (when not empty), subjectAltName entries,
/// and the subject's emailAddress attributes. `Err` when the SAN cannot be decoded.
fn names_of(cert: &Certificate) -> Result<Vec<Subject<'_>>, String> {
    let tbs = cert.tbs_certificate();
    let mut out = Vec::new();
    if !tbs.subject().is_empty() {
        out.push(Subject::Dir(tbs.subject()));
    }
    for email in dn::values_of(tbs.subject(), oids::AT_EMAIL) {
        out.push(Subject::Email(email));
    }
    let san = tbs
        .get_extension::<x509_cert::ext::pkix::SubjectAltName>()
        .map_err(|e| format!("its subjectAltName cannot be decoded ({e})"))?;
    if let Some((_, san)) = san {
        for n in san.0.iter() {
            out.push(match n {
                GeneralName::Rfc822Name(s) => Subject::Email(s.to_string()),
                GeneralName::DnsName(s) => Subject::Dns(s.to_string()),
                GeneralName::UniformResourceIdentifier(s) => Subject::Uri(s.to_string()),
                GeneralName::IpAddress(o) => Subject::Ip(o.as_bytes().to_vec()),
                GeneralName::DirectoryName(_) => continue, // handled below, borrowing from the cert
                other => Subject::Other(form_of(other)),
            });
        }
    }
    Ok(out)
}

/// directoryName entries of the subjectAltName (decoded separately so they can be owned).
fn san_dirnames(cert: &Certificate) -> Vec<Name> {
    match cert.tbs_certificate().get_extension::<x509_cert::ext::pkix::SubjectAltName>() {
        Ok(Some((_, san))) => san
            .0
            .into_iter()
            .filter_map(|n| match n {
                GeneralName::DirectoryName(d) => Some(d),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Does `name` lie in the subtree `base`? `None`: the two are of different forms, or
/// the base is of a form kyso does not match.
fn within(name: &Subject, base: &GeneralName) -> Option<bool> {
    Some(match (name, base) {
        (Subject::Dir(n), GeneralName::DirectoryName(b)) => dn::within_subtree(n, b),
        (Subject::Email(e), GeneralName::Rfc822Name(b)) => email_within(e, b.as_ref()),
        (Subject::Dns(d), GeneralName::DnsName(b)) => dns_within(d, b.as_ref()),
        (Subject::Uri(u), GeneralName::UniformResourceIdentifier(b)) => uri_within(u, b.as_ref()),
        (Subject::Ip(ip), GeneralName::IpAddress(b)) => ip_within(ip, b.as_bytes()),
        _ => return None,
    })
}

fn email_within(email: &str, base: &str) -> bool {
    let Some((local, host)) = email.rsplit_once('@') else {
        return false;
    };
    if let Some((b_local, b_host)) = base.rsplit_once('@') {
        // a whole mailbox: the local part is case-sensitive, the host is not
        return local == b_local && host.eq_ignore_ascii_case(b_host);
    }
    if base.starts_with('.') {
        // any host in the domain (not the domain itself)
        return ends_with_ignore_case(host, base);
    }
    host.eq_ignore_ascii_case(base)
}

fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.is_char_boundary(s.len() - suffix.len())
        && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// `host.example.com` is within `example.com` (label boundary), `.example.com` only
/// admits subdomains; the empty base admits every name.
fn dns_within(name: &str, base: &str) -> bool {
    let name = name.trim_end_matches('.');
    let base = base.trim_end_matches('.');
    if base.is_empty() {
        return true;
    }
    if base.starts_with('.') {
        return ends_with_ignore_case(name, base);
    }
    name.eq_ignore_ascii_case(base) || ends_with_ignore_case(name, &format!(".{base}"))
}

/// The host of a URI (`scheme://[user@]host[:port]/...`), lower-cased; `None` when the
/// URI has no authority.
fn uri_host(uri: &str) -> Option<String> {
    let rest = uri.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let hostport = authority.rsplit_once('@').map(|(_, h)| h).unwrap_or(authority);
    let host =
        if let Some(v6) = hostport.strip_prefix('[') { v6.split(']').next()? } else { hostport.split(':').next()? };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn uri_within(uri: &str, base: &str) -> bool {
    let Some(host) = uri_host(uri) else {
        return false;
    };
    if base.starts_with('.') {
        return ends_with_ignore_case(&host, base);
    }
    host.eq_ignore_ascii_case(base)
}

fn ip_within(ip: &[u8], base: &[u8]) -> bool {
    if base.len() != ip.len() * 2 {
        return false;
    }
    let (addr, mask) = base.split_at(ip.len());
    ip.iter().zip(addr).zip(mask).all(|((i, a), m)| i & m == a & m)
}

fn unsupported_subtree(s: &GeneralSubtree) -> bool {
    s.minimum != 0
        || s.maximum.is_some()
        || matches!(s.base, GeneralName::OtherName(_) | GeneralName::EdiPartyName(_) | GeneralName::RegisteredId(_))
}

/// Check `cert` against one CA's constraints (`ca` names it in messages). `Err` says why
/// the certificate is refused.
pub fn check(cert: &Certificate, nc: &NameConstraints, ca: &str) -> Result<(), String> {
    let mut names = names_of(cert)?;
    let dirnames = san_dirnames(cert);
    names.extend(dirnames.iter().map(Subject::Dir));
    let permitted = nc.permitted_subtrees.as_deref().unwrap_or(&[]);
    let excluded = nc.excluded_subtrees.as_deref().unwrap_or(&[]);
    for name in &names {
        // A subtree kyso cannot match, of this name's form: refuse rather than guess.
        let restricts = |s: &GeneralSubtree| form_of(&s.base) == name.form();
        if permitted.iter().chain(excluded).any(|s| restricts(s) && unsupported_subtree(s)) {
            return Err(format!(
                "\"{ca}\" constrains names of form {} in a way kyso does not process, and the certificate has {}",
                name.form(),
                name.describe()
            ));
        }
        if let Subject::Other(_) = name {
            continue;
        }
        let mut of_form = permitted.iter().filter(|s| restricts(s)).peekable();
        if of_form.peek().is_some() && !of_form.any(|s| within(name, &s.base) == Some(true)) {
            return Err(format!("its {} is outside the subtrees \"{ca}\" permits", name.describe()));
        }
        if excluded.iter().any(|s| restricts(s) && within(name, &s.base) == Some(true)) {
            return Err(format!("its {} is in a subtree \"{ca}\" excludes", name.describe()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_forms() {
        assert!(email_within("a@mail.example.vn", "mail.example.vn"));
        assert!(email_within("a@MAIL.example.vn", "mail.example.vn"));
        assert!(!email_within("a@x.mail.example.vn", "mail.example.vn"));
        assert!(email_within("a@x.example.vn", ".example.vn"));
        assert!(!email_within("a@example.vn", ".example.vn"));
        assert!(email_within("a@example.vn", "a@example.vn"));
        assert!(!email_within("b@example.vn", "a@example.vn"));
        assert!(!email_within("not-an-address", "example.vn"));
    }

    #[test]
    fn dns_forms() {
        assert!(dns_within("example.vn", "example.vn"));
        assert!(dns_within("www.Example.vn", "example.vn"));
        assert!(!dns_within("myexample.vn", "example.vn"));
        assert!(!dns_within("example.vn", ".example.vn"));
        assert!(dns_within("a.example.vn", ".example.vn"));
        assert!(dns_within("anything", ""));
    }

    #[test]
    fn uri_and_ip_forms() {
        assert_eq!(uri_host("http://user@Host.Example.vn:8080/a?b").as_deref(), Some("host.example.vn"));
        assert_eq!(uri_host("https://[::1]:443/").as_deref(), Some("::1"));
        assert_eq!(uri_host("urn:isbn:123"), None);
        assert!(uri_within("http://host.example.vn/x", ".example.vn"));
        assert!(!uri_within("http://example.vn/x", ".example.vn"));
        assert!(uri_within("http://example.vn/x", "example.vn"));
        assert!(ip_within(&[10, 1, 2, 3], &[10, 0, 0, 0, 255, 0, 0, 0]));
        assert!(!ip_within(&[11, 1, 2, 3], &[10, 0, 0, 0, 255, 0, 0, 0]));
        assert!(!ip_within(&[10, 1, 2, 3], &[10, 0, 0, 0]));
    }
}

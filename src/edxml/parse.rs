//! Pass one: the structure of a package, by shape.
//!
//! Elements are recognised by local name (any prefix, declared or not; any order). A field
//! belongs to the innermost enclosing element among those that can own it, so
//! `ResponseFor/DocumentId` is never taken for the document's `DocumentId`, and a package
//! with an unclosed `From` (met in the public samples) still yields its header. For each
//! attachment only the byte range of its base64 text is kept; its size is estimated from
//! the non-blank characters, so an oversized attachment is refused after reading at most
//! 4/3 of the limit.

use std::io::BufRead;

use super::scan::{Event, ScanError, Scanner, attributes, tag_name, unescape};
use super::{Attachment, EdxmlError, Limits, NAMESPACE, Organ, Package, PackageKind, Problem, Reference, Trace};

/// Deepest element nesting read.
const MAX_DEPTH: usize = 256;
/// Longest header field kept (longer values are cut).
const MAX_FIELD: usize = 64 << 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    ManifestRef,
    Attachment,
    Signature,
}

struct Frame {
    qname: Vec<u8>,
    local: String,
    kind: Kind,
    bindings: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    FromId,
    FromName,
    ToId,
    ToName,
    DocumentId,
    CodeNumber,
    CodeNotation,
    Place,
    PromulgationDate,
    DocType,
    DocTypeName,
    Subject,
    Competence,
    Position,
    FullName,
    DueDate,
    SteeringType,
    StatusCode,
    StatusDescription,
    StatusTimestamp,
    RespId,
    RespName,
    RespCode,
    RespDocumentId,
    BusinessType,
    BusinessReason,
    TraceId,
    TraceTime,
    RefId,
    RefType,
    RefName,
    RefDescription,
    AttId,
    AttType,
    AttName,
    AttDescription,
    SigValue,
    SigDigest,
    SigCert,
    SigMethod,
}

struct FieldAcc {
    field: Field,
    label: String,
    depth: usize,
    raw: Vec<u8>,
    text: String,
}

struct Cte {
    depth: usize,
    start: u64,
    nonblank: u64,
}

struct Builder<'l> {
    pkg: Package,
    limits: &'l Limits,
    stack: Vec<Frame>,
    bindings: Vec<(String, String)>,
    field: Option<FieldAcc>,
    cte: Option<Cte>,
    root_seen: bool,
    root_closed: bool,
    unbound: Vec<String>,
}

/// Read a package's structure (pass one). A file that is not a package is an error; once
/// the root is recognised, problems become [`Package::problems`] and reading stops at a
/// limit, so the header read so far is still reported.
pub fn parse<R: BufRead>(r: R, limits: &Limits) -> Result<Package, EdxmlError> {
    let mut s = Scanner::new(r, limits.read_budget());
    let mut b = Builder {
        pkg: Package {
            kind: PackageKind::Document,
            header: Default::default(),
            signature: Default::default(),
            has_manifest: false,
            references: vec![],
            attachments: vec![],
            recovered: vec![],
            duplicates: vec![],
            problems: vec![],
            bytes_read: 0,
        },
        limits,
        stack: vec![],
        bindings: vec![],
        field: None,
        cte: None,
        root_seen: false,
        root_closed: false,
        unbound: vec![],
    };
    let mut bom = true;
    loop {
        let ev = match s.next_event() {
            Ok(ev) => ev,
            Err(ScanError::Io(e)) => return Err(EdxmlError::Io(e)),
            Err(e) if !b.root_seen => return Err(EdxmlError::NotAPackage(e.to_string())),
            Err(ScanError::Budget(n)) => {
                b.problem(Problem::Limit(format!("the package is larger than {n} bytes (--max-package-size)")));
                break;
            }
            Err(ScanError::Malformed(m)) => {
                b.problem(Problem::Malformed(m));
                break;
            }
        };
        let go_on = match ev {
            Event::Eof => {
                b.eof()?;
                break;
            }
            Event::Start { empty } => b.start(&s, empty)?,
            Event::End => b.end(&s),
            Event::Text { cdata } => {
                let text: &[u8] = if bom { s.text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&s.text) } else { &s.text };
                b.text(text, cdata)
            }
        };
        bom = false;
        if !go_on {
            break;
        }
    }
    if s.saw_doctype {
        b.pkg.recovered.push("a document type declaration was ignored (its entities are not expanded)".into());
    }
    b.pkg.bytes_read = s.pos();
    if !b.pkg.header.status_code.is_empty() {
        b.pkg.kind = PackageKind::Status;
    }
    Ok(b.pkg)
}

/// Is the first element of `head` a package root?
pub(crate) fn root_is_package(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let mut s = Scanner::new(head, u64::MAX);
    loop {
        match s.next_event() {
            Ok(Event::Start { .. }) => return is_root(&s.tag),
            Ok(Event::Text { .. }) if s.text.iter().all(u8::is_ascii_whitespace) => continue,
            _ => return false,
        }
    }
}

fn split(qname: &[u8]) -> (String, String) {
    let q = String::from_utf8_lossy(qname);
    match q.split_once(':') {
        Some((p, l)) => (p.to_string(), l.to_string()),
        None => (String::new(), q.into_owned()),
    }
}

fn is_root(tag: &[u8]) -> bool {
    let (prefix, local) = split(tag_name(tag));
    if local == "edXML" || local == "edXMLEnvelope" {
        return true;
    }
    let want = if prefix.is_empty() { "xmlns".to_string() } else { format!("xmlns:{prefix}") };
    attributes(tag).iter().any(|(n, v)| *n == want && v == NAMESPACE)
}

impl Builder<'_> {
    fn problem(&mut self, p: Problem) {
        if !self.pkg.problems.contains(&p) {
            self.pkg.problems.push(p);
        }
    }

    fn innermost(&self, names: &[&str]) -> Option<&str> {
        self.stack.iter().rev().find_map(|f| {
            let ok = match f.local.as_str() {
                "Reference" => f.kind == Kind::ManifestRef,
                "Attachment" => f.kind == Kind::Attachment,
                _ => true,
            };
            (ok && names.contains(&f.local.as_str())).then_some(f.local.as_str())
        })
    }

    fn has_ancestor(&self, name: &str) -> bool {
        self.stack.iter().any(|f| f.local == name)
    }

    fn in_kind(&self, kind: Kind) -> bool {
        self.stack.iter().any(|f| f.kind == kind)
    }

    fn field_for(&self, local: &str) -> Option<Field> {
        use Field::*;
        if self.in_kind(Kind::Signature) {
            return match local {
                "SignatureValue" => Some(SigValue),
                "DigestValue" => Some(SigDigest),
                "X509Certificate" => Some(SigCert),
                _ => None,
            };
        }
        if self.in_kind(Kind::Attachment) {
            return match (self.innermost(&["Attachment"]), local) {
                (Some(_), "ContentId") => Some(AttId),
                (Some(_), "ContentType") => Some(AttType),
                (Some(_), "AttachmentName") => Some(AttName),
                (Some(_), "Description") => Some(AttDescription),
                _ => None,
            };
        }
        if self.in_kind(Kind::ManifestRef) {
            return match local {
                "ContentId" => Some(RefId),
                "ContentType" => Some(RefType),
                "AttachmentName" => Some(RefName),
                "Description" => Some(RefDescription),
                _ => None,
            };
        }
        let header = self.has_ancestor("MessageHeader") || self.has_ancestor("edXMLHeader");
        if !header {
            return None;
        }
        let parties = ["From", "To", "TraceHeader", "ResponseFor", "OrganIdList", "ReplacementInfo", "StaffInfo"];
        match local {
            "OrganId" | "OrganName" => {
                let id = local == "OrganId";
                match self.innermost(&parties)? {
                    "From" => Some(if id { FromId } else { FromName }),
                    "To" => Some(if id { ToId } else { ToName }),
                    "TraceHeader" if id => Some(TraceId),
                    "ResponseFor" => Some(if id { RespId } else { RespName }),
                    _ => None,
                }
            }
            "DocumentId" => {
                match self.innermost(&[
                    "MessageHeader",
                    "ResponseFor",
                    "Bussiness",
                    "ReplacementInfo",
                    "TraceHeaderList",
                ])? {
                    "MessageHeader" => Some(DocumentId),
                    "ResponseFor" => Some(RespDocumentId),
                    _ => None,
                }
            }
            "Code" => (self.innermost(&["ResponseFor", "MessageHeader"]) == Some("ResponseFor")).then_some(RespCode),
            "CodeNumber" => Some(CodeNumber),
            "CodeNotation" => Some(CodeNotation),
            "PromulgationDate" => match self.innermost(&["PromulgationInfo", "ResponseFor"])? {
                "PromulgationInfo" => Some(PromulgationDate),
                _ => None,
            },
            "Place" => (self.innermost(&["PromulgationInfo", "ToPlaces"]) == Some("PromulgationInfo")).then_some(Place),
            "Type" if self.has_ancestor("DocumentType") => Some(DocType),
            "TypeName" if self.has_ancestor("DocumentType") => Some(DocTypeName),
            "Competence" if self.has_ancestor("SignerInfo") => Some(Competence),
            "Position" if self.has_ancestor("SignerInfo") => Some(Position),
            "FullName" if self.has_ancestor("SignerInfo") => Some(FullName),
            "BussinessDocType" if self.has_ancestor("Bussiness") => Some(BusinessType),
            "BussinessDocReason" if self.has_ancestor("Bussiness") => Some(BusinessReason),
            "Timestamp" => match self.innermost(&["TraceHeader", "MessageHeader", "Bussiness", "StaffInfo"])? {
                "TraceHeader" => Some(TraceTime),
                "MessageHeader" => Some(StatusTimestamp),
                _ => None,
            },
            "Subject" | "DueDate" | "SteeringType" | "StatusCode" | "Description" => {
                let owner = ["MessageHeader", "Bussiness", "StaffInfo", "OtherInfo", "ResponseFor", "TraceHeaderList"];
                (self.innermost(&owner) == Some("MessageHeader")).then_some(match local {
                    "Subject" => Subject,
                    "DueDate" => DueDate,
                    "SteeringType" => SteeringType,
                    "StatusCode" => StatusCode,
                    _ => StatusDescription,
                })
            }
            _ => None,
        }
    }

    fn start(&mut self, s: &Scanner<impl BufRead>, empty: bool) -> Result<bool, EdxmlError> {
        let qname = tag_name(&s.tag).to_vec();
        let attrs = attributes(&s.tag);
        if !self.root_seen {
            if !is_root(&s.tag) {
                return Err(EdxmlError::NotAPackage(format!(
                    "the root element is <{}>, not <edXML> or <edXMLEnvelope>",
                    String::from_utf8_lossy(&qname)
                )));
            }
            self.root_seen = true;
        } else if self.root_closed {
            self.problem(Problem::Malformed("a second element after the root element".into()));
            return Ok(false);
        }
        if self.stack.len() >= MAX_DEPTH {
            self.problem(Problem::Malformed(format!("elements nested deeper than {MAX_DEPTH}")));
            return Ok(false);
        }
        if let Some(c) = self.cte.take() {
            self.attachment_problem(Problem::Malformed("an element inside its ContentTransferEncoded".into()));
            let _ = c;
        }
        let mut bound = 0;
        for (n, v) in &attrs {
            if n == "xmlns" {
                self.bindings.push((String::new(), v.clone()));
                bound += 1;
            } else if let Some(p) = n.strip_prefix("xmlns:") {
                self.bindings.push((p.to_string(), v.clone()));
                bound += 1;
            }
        }
        let (prefix, local) = split(&qname);
        let ns = self.bindings.iter().rev().find(|(p, _)| *p == prefix).map(|(_, u)| u.clone());
        if ns.is_none() && !prefix.is_empty() {
            self.unbound_prefix(&prefix);
        }
        for (n, _) in &attrs {
            if let Some((p, _)) = n.split_once(':')
                && p != "xmlns"
                && !self.bindings.iter().any(|(b, _)| b == p)
            {
                self.unbound_prefix(p);
            }
        }
        let in_sig = self.in_kind(Kind::Signature);
        let mut kind = Kind::Plain;
        match local.as_str() {
            "Signature" if !in_sig && !self.in_kind(Kind::Attachment) => {
                let sig = &mut self.pkg.signature;
                sig.count += 1;
                if !sig.present {
                    sig.present = true;
                    sig.namespace = ns;
                    kind = Kind::Signature;
                }
            }
            "SignatureMethod" if in_sig => {
                if let Some((_, v)) = attrs.iter().find(|(n, _)| n == "Algorithm") {
                    self.set(Field::SigMethod, "SignatureMethod", v.clone());
                }
            }
            "DigitalSignature" if !in_sig => self.pkg.signature.digital_signature_element = true,
            "To" if !in_sig && (self.has_ancestor("MessageHeader") || self.has_ancestor("edXMLHeader")) => {
                self.pkg.header.to.push(Organ::default())
            }
            "TraceHeader" if !in_sig => self.pkg.header.trace.push(Trace::default()),
            "edXMLManifest" if !in_sig => self.pkg.has_manifest = true,
            "Reference" if !in_sig && self.has_ancestor("edXMLManifest") => {
                let href = attrs
                    .iter()
                    .find(|(n, _)| n == "href" || n.ends_with(":href"))
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                self.pkg.references.push(Reference { href, ..Default::default() });
                kind = Kind::ManifestRef;
            }
            "Attachment" if !in_sig && !self.in_kind(Kind::Attachment) => {
                if self.pkg.attachments.len() >= self.limits.max_attachments {
                    self.problem(Problem::Limit(format!(
                        "more than {} attachments (--max-attachments)",
                        self.limits.max_attachments
                    )));
                    return Ok(false);
                }
                self.pkg.attachments.push(Attachment::default());
                kind = Kind::Attachment;
            }
            "ContentTransferEncoded" if self.innermost(&["Attachment"]).is_some() => {
                let twice = self.pkg.attachments.last().is_some_and(|a| a.encoded.is_some());
                if twice {
                    self.attachment_problem(Problem::Malformed("two ContentTransferEncoded elements".into()));
                } else if let Some(a) = self.pkg.attachments.last_mut() {
                    a.encoded = Some(s.pos()..s.pos());
                    if !empty {
                        self.cte = Some(Cte { depth: self.stack.len(), start: s.pos(), nonblank: 0 });
                    }
                }
            }
            _ => {}
        }
        if self.field.is_none()
            && !empty
            && let Some(field) = self.field_for(&local)
        {
            self.field = Some(FieldAcc {
                field,
                label: local.clone(),
                depth: self.stack.len(),
                raw: vec![],
                text: String::new(),
            });
        }
        self.stack.push(Frame { qname, local, kind, bindings: bound });
        if empty {
            self.pop_one();
        }
        Ok(true)
    }

    fn unbound_prefix(&mut self, prefix: &str) {
        if prefix != "xml" && !self.unbound.iter().any(|u| u == prefix) {
            self.pkg.recovered.push(format!("the prefix \"{prefix}:\" is used without being declared"));
            self.unbound.push(prefix.to_string());
        }
    }

    fn attachment_problem(&mut self, p: Problem) {
        if let Some(a) = self.pkg.attachments.last_mut()
            && a.problem.is_none()
        {
            a.problem = Some(p);
        }
    }

    fn text(&mut self, t: &[u8], cdata: bool) -> bool {
        if let Some(c) = &mut self.cte {
            let blank = memchr::memchr3_iter(b' ', b'\n', b'\r', t).count() + memchr::memchr_iter(b'\t', t).count();
            c.nonblank += (t.len() - blank) as u64;
            let estimate = c.nonblank / 4 * 3;
            if estimate > self.limits.max_attachment_size {
                let max = self.limits.max_attachment_size;
                self.attachment_problem(Problem::Limit(format!("larger than {max} bytes (--max-attachment-size)")));
                self.problem(Problem::Limit(format!(
                    "an attachment is larger than {max} bytes (--max-attachment-size); the rest of the package was not read"
                )));
                return false;
            }
            return true;
        }
        if let Some(f) = &mut self.field {
            if f.raw.len() + f.text.len() >= MAX_FIELD {
                return true;
            }
            if cdata {
                f.text.push_str(&unescape(&std::mem::take(&mut f.raw)));
                f.text.push_str(&String::from_utf8_lossy(t));
            } else {
                f.raw.extend_from_slice(t);
            }
        } else if self.root_closed && !t.iter().all(u8::is_ascii_whitespace) {
            self.pkg.recovered.push("text after the root element was ignored".into());
        }
        true
    }

    fn end(&mut self, s: &Scanner<impl BufRead>) -> bool {
        let name = tag_name(&s.tag);
        let Some(i) = self.stack.iter().rposition(|f| f.qname == name) else {
            let n = String::from_utf8_lossy(name);
            self.pkg.recovered.push(format!("a stray end tag </{n}> was ignored"));
            return true;
        };
        while self.stack.len() > i + 1 {
            if let Some(top) = self.stack.last() {
                let msg = format!(
                    "<{}> was not closed; </{}> closed it",
                    String::from_utf8_lossy(&top.qname),
                    String::from_utf8_lossy(name)
                );
                self.pkg.recovered.push(msg);
            }
            self.pop_one_at(s.tag_start);
        }
        self.pop_one_at(s.tag_start);
        if self.stack.is_empty() {
            self.root_closed = true;
        }
        true
    }

    fn pop_one(&mut self) {
        self.pop_one_at(u64::MAX);
    }

    /// Pop the top frame; `end` is where its end tag starts (for base64 ranges).
    fn pop_one_at(&mut self, end: u64) {
        let depth = self.stack.len().saturating_sub(1);
        if self.field.as_ref().is_some_and(|f| f.depth == depth)
            && let Some(f) = self.field.take()
        {
            let mut text = f.text;
            text.push_str(&unescape(&f.raw));
            self.set(f.field, &f.label, text.trim().to_string());
        }
        if self.cte.as_ref().is_some_and(|c| c.depth == depth)
            && let Some(c) = self.cte.take()
            && let Some(a) = self.pkg.attachments.last_mut()
        {
            a.encoded = Some(c.start..end.max(c.start));
            a.decoded_estimate = c.nonblank / 4 * 3 + 2;
        }
        if let Some(f) = self.stack.pop() {
            let keep = self.bindings.len().saturating_sub(f.bindings);
            self.bindings.truncate(keep);
        }
    }

    fn eof(&mut self) -> Result<(), EdxmlError> {
        if !self.root_seen {
            return Err(EdxmlError::NotAPackage("no element".into()));
        }
        if let Some(top) = self.stack.first() {
            let n = String::from_utf8_lossy(&top.qname).into_owned();
            if self.cte.take().is_some() {
                self.attachment_problem(Problem::Malformed("the package ends inside its base64 text".into()));
            }
            self.problem(Problem::Malformed(format!("the package ends before </{n}> (truncated?)")));
            while !self.stack.is_empty() {
                self.pop_one();
            }
        }
        Ok(())
    }

    fn set(&mut self, field: Field, label: &str, value: String) {
        use Field::*;
        let h = &mut self.pkg.header;
        let slot: &mut String = match field {
            FromId => &mut h.from.organ_id,
            FromName => &mut h.from.organ_name,
            ToId | ToName => match h.to.last_mut() {
                Some(t) if field == ToId => &mut t.organ_id,
                Some(t) => &mut t.organ_name,
                None => return,
            },
            DocumentId => &mut h.document_id,
            CodeNumber => &mut h.code_number,
            CodeNotation => &mut h.code_notation,
            Place => &mut h.place,
            PromulgationDate => &mut h.promulgation_date,
            DocType => &mut h.document_type,
            DocTypeName => &mut h.document_type_name,
            Subject => &mut h.subject,
            Competence => &mut h.signer_competence,
            Position => &mut h.signer_position,
            FullName => &mut h.signer_full_name,
            DueDate => &mut h.due_date,
            SteeringType => &mut h.steering_type,
            StatusCode => &mut h.status_code,
            StatusDescription => &mut h.status_description,
            StatusTimestamp => &mut h.status_timestamp,
            RespId => &mut h.response_for.organ_id,
            RespName => &mut h.response_for.organ_name,
            RespCode => &mut h.response_for_code,
            RespDocumentId => &mut h.response_for_document_id,
            BusinessType => &mut h.business_doc_type,
            BusinessReason => &mut h.business_doc_reason,
            TraceId | TraceTime => match h.trace.last_mut() {
                Some(t) if field == TraceId => &mut t.organ_id,
                Some(t) => &mut t.timestamp,
                None => return,
            },
            RefId | RefType | RefName | RefDescription => {
                let Some(r) = self.pkg.references.last_mut() else { return };
                match field {
                    RefId => &mut r.content_id,
                    RefType => &mut r.content_type,
                    RefName => &mut r.name,
                    _ => &mut r.description,
                }
            }
            AttId | AttType | AttName | AttDescription => {
                let Some(a) = self.pkg.attachments.last_mut() else { return };
                match field {
                    AttId => &mut a.content_id,
                    AttType => &mut a.content_type,
                    AttName => &mut a.name,
                    _ => &mut a.description,
                }
            }
            SigValue => &mut self.pkg.signature.signature_value,
            SigDigest => &mut self.pkg.signature.digest_value,
            SigCert => &mut self.pkg.signature.certificate,
            SigMethod => &mut self.pkg.signature.method,
        };
        if slot.is_empty() {
            *slot = value;
        } else if !value.is_empty() && *slot != value && !matches!(field, SigDigest | SigCert) {
            let shown: String = value.chars().take(80).collect();
            let kept: String = slot.chars().take(80).collect();
            self.pkg.duplicates.push(format!("{label} given twice: {kept:?} kept, {shown:?} ignored"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(xml: &str) -> Package {
        parse(xml.as_bytes(), &Limits::default()).unwrap()
    }

    #[test]
    fn fields_by_owner() {
        let pkg = p(
            r#"<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><MessageHeader>
            <From><OrganId>A</OrganId><OrganName>Sở &amp; Ban</OrganName></From>
            <To><OrganId>B</OrganId></To><To><OrganId>C</OrganId></To>
            <ResponseFor><OrganId>X</OrganId><Code>1/X</Code><DocumentId>X,1,2</DocumentId></ResponseFor>
            <DocumentId>A,2020/01/02,1/QĐ</DocumentId><Code><CodeNumber>1</CodeNumber><CodeNotation>QĐ</CodeNotation></Code>
            <Subject><![CDATA[a<b]]> c</Subject></MessageHeader>
            <TraceHeaderList><TraceHeader><OrganId>A</OrganId><Timestamp>t</Timestamp></TraceHeader>
            <Bussiness><DocumentId>Y</DocumentId></Bussiness></TraceHeaderList>
            <Signature><SignedInfo><Reference URI=""><DigestValue>d</DigestValue></Reference></SignedInfo><SignatureValue>v</SignatureValue></Signature>
            </edXMLHeader><edXMLBody><edXMLManifest><Reference xlink:href="cid:1"><ContentId>cid:1</ContentId><AttachmentName>a.pdf</AttachmentName></Reference></edXMLManifest></edXMLBody></edXMLEnvelope>
            <AttachmentEncoded><Attachment><ContentId>1</ContentId><ContentTransferEncoded>QUJD
            RA==</ContentTransferEncoded></Attachment></AttachmentEncoded></edXML>"#,
        );
        let h = &pkg.header;
        assert_eq!(h.from, Organ { organ_id: "A".into(), organ_name: "Sở & Ban".into() });
        assert_eq!(h.to.iter().map(|t| t.organ_id.as_str()).collect::<Vec<_>>(), ["B", "C"]);
        assert_eq!(h.document_id, "A,2020/01/02,1/QĐ");
        assert_eq!(h.response_for_code, "1/X");
        assert_eq!(h.code(), "1/QĐ");
        assert_eq!(h.subject, "a<b c");
        assert_eq!(h.trace, [Trace { organ_id: "A".into(), timestamp: "t".into() }]);
        assert_eq!(pkg.signature.signature_value, "v");
        assert_eq!(pkg.signature.namespace.as_deref(), Some(NAMESPACE));
        assert_eq!(pkg.references.len(), 1);
        assert_eq!(pkg.references[0].href, "cid:1");
        assert_eq!(pkg.attachments.len(), 1);
        assert!(pkg.attachments[0].encoded.is_some());
        assert!(pkg.problems.is_empty(), "{:?}", pkg.problems);
        assert_eq!(pkg.recovered, ["the prefix \"xlink:\" is used without being declared"]);
    }

    #[test]
    fn recovers_unclosed_elements() {
        let pkg = p("<edXML:edXMLEnvelope><MessageHeader><From><From><OrganId>A</OrganId></From>\
                     <To><OrganId>B</OrganId></To><DocumentId>D</DocumentId></MessageHeader></edXML:edXMLEnvelope>");
        assert_eq!(pkg.header.from.organ_id, "A");
        assert_eq!(pkg.header.to[0].organ_id, "B");
        assert_eq!(pkg.header.document_id, "D");
        assert!(pkg.recovered.iter().any(|r| r.contains("<From> was not closed")), "{:?}", pkg.recovered);
    }

    #[test]
    fn refuses_other_roots_and_stops_at_limits() {
        assert!(matches!(parse(&b"<HDon/>"[..], &Limits::default()), Err(EdxmlError::NotAPackage(_))));
        assert!(matches!(parse(&b""[..], &Limits::default()), Err(EdxmlError::NotAPackage(_))));
        let limits = Limits { max_attachments: 2, ..Limits::default() };
        let pkg = parse(&b"<edXML><Attachment/><Attachment/><Attachment/></edXML>"[..], &limits).unwrap();
        assert_eq!(pkg.attachments.len(), 2);
        assert!(matches!(&pkg.problems[..], [Problem::Limit(_)]));
        let limits = Limits { max_attachment_size: 6, ..Limits::default() };
        let pkg = parse(&b"<edXML><Attachment><ContentTransferEncoded>QUJDRA==QUJD</ContentTransferEncoded></Attachment></edXML>"[..], &limits).unwrap();
        assert!(matches!(&pkg.problems[..], [Problem::Limit(_)]));
        let pkg = parse(&b"<edXML><Attachment><ContentTransferEncoded>QUJD"[..], &Limits::default()).unwrap();
        assert!(matches!(&pkg.problems[..], [Problem::Malformed(_)]));
        assert!(pkg.attachments[0].problem.is_some());
    }
}

//! PAdES signing (PDF side) checked with pyHanko, pdfsig and qpdf, using
//! CMS made by `openssl cms`.

use crate::common::signing::*;
use crate::common::*;
use kyso::pdf::{
    DocMdp, PdfError, PdfReader, PdfSignature, SignOptions, SubFilter, XrefKind, find_signatures, prepare,
};

const VN_REASON: &str = "Phê duyệt văn bản";
const VN_LOCATION: &str = "Thái Nguyên";

/// A minimal hand-written one-page PDF with a classic xref table.
fn minimal_pdf() -> Vec<u8> {
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>");
    b.obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    b.obj(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>");
    b.stream(4, "", b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET");
    b.finish("")
}

/// A `pages`-page document with a two-level page tree (nodes of 10 kids).
fn big_pdf(pages: u32) -> Vec<u8> {
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>");
    b.obj(3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    let groups = pages.div_ceil(10);
    let mut next = 10 + groups;
    let mut group_refs = Vec::new();
    for g in 0..groups {
        let gnum = 10 + g;
        let mut kids = Vec::new();
        let n = (pages - g * 10).min(10);
        for i in 0..n {
            let page = next;
            next += 2;
            kids.push(format!("{page} 0 R"));
            b.obj(
                page,
                format!(
                    "<< /Type /Page /Parent {gnum} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                    page + 1
                )
                .as_bytes(),
            );
            b.stream(page + 1, "", format!("BT /F1 18 Tf 72 720 Td (Trang {}) Tj ET", g * 10 + i + 1).as_bytes());
        }
        b.obj(gnum, format!("<< /Type /Pages /Parent 2 0 R /Kids [{}] /Count {n} >>", kids.join(" ")).as_bytes());
        group_refs.push(format!("{gnum} 0 R"));
    }
    b.obj(2, format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", group_refs.join(" ")).as_bytes());
    b.finish("/ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]")
}

fn opts(field: &str) -> SignOptions {
    SignOptions {
        field_name: Some(field.to_string()),
        name: Some("Nguyen Van A".into()),
        reason: Some("Approval".into()),
        location: Some("Hanoi".into()),
        signing_time_unix: 1_735_700_000,
        tz_offset_minutes: 420,
        contents_len: 8192,
        ..SignOptions::default()
    }
}

fn sigs(pdf: &[u8]) -> Vec<PdfSignature> {
    let r = PdfReader::open(pdf).unwrap();
    find_signatures(&r).unwrap()
}

/// find_signatures: no problems; only the newest covers the whole file;
/// each covers the revision it was added in.
fn assert_discovery(pdf: &[u8], names: &[&str]) -> Vec<PdfSignature> {
    let r = PdfReader::open(pdf).unwrap();
    let s = find_signatures(&r).unwrap();
    assert_eq!(s.iter().map(|s| s.field_name.as_str()).collect::<Vec<_>>(), names);
    let nrev = r.revisions().len();
    let mut prev_rev = None;
    for (i, sig) in s.iter().enumerate() {
        assert!(sig.problems.is_empty(), "{}: {:?}", sig.field_name, sig.problems);
        let last = i + 1 == s.len();
        assert_eq!(sig.covers_whole_file, last, "{}", sig.field_name);
        let cr = sig.covered_revision.expect("covered revision");
        if last {
            assert_eq!(cr, nrev - 1);
        }
        if let Some(p) = prev_rev {
            assert!(cr > p);
        }
        prev_rev = Some(cr);
        let der = sig.contents.as_ref().unwrap();
        assert_eq!(der.first(), Some(&0x30), "CMS starts with a SEQUENCE");
    }
    s
}

fn check_all(pdf: &[u8], names: &[&str]) -> String {
    let report = assert_pyhanko_all_valid(pdf, names);
    let pdfsig = assert_pdfsig_valid(pdf, names.len());
    eprintln!("{pdfsig}");
    qpdf_check(pdf);
    assert_discovery(pdf, names);
    report
}

fn last_kind(pdf: &[u8]) -> XrefKind {
    PdfReader::open(pdf).unwrap().revisions().last().unwrap().kind
}

#[test]
fn sign_minimal_xref_table() {
    if !have_peers(ALL_PEERS) {
        return;
    }
    let input = minimal_pdf();
    let out = sign_with(&input, &opts("Signature1"));
    assert_eq!(&out[..input.len()], &input[..]);
    assert_eq!(last_kind(&out), XrefKind::Table);
    let report = check_all(&out, &["Signature1"]);
    eprintln!("{report}");
    // PAdES subfilter by default
    assert_eq!(sigs(&out)[0].subfilter.as_deref(), Some("ETSI.CAdES.detached"));
    assert_eq!(sigs(&out)[0].m.as_deref(), Some("D:20250101095320+07'00'"));
}

#[test]
fn sign_xref_stream_pkcs7() {
    if !have_peers(ALL_PEERS) {
        return;
    }
    let input = qpdf_convert(&sample_pdf(2), &["--object-streams=generate"]);
    assert_eq!(last_kind(&input), XrefKind::Stream);
    let mut o = opts("Signature1");
    o.subfilter = SubFilter::AdbePkcs7Detached;
    o.page = 1;
    let out = sign_with(&input, &o);
    assert_eq!(last_kind(&out), XrefKind::Stream);
    check_all(&out, &["Signature1"]);
    assert_eq!(sigs(&out)[0].subfilter.as_deref(), Some("adbe.pkcs7.detached"));
    // and a second signature on top
    let out2 = sign_with(&out, &opts("Signature2"));
    check_all(&out2, &["Signature1", "Signature2"]);
}

#[test]
fn sign_300_pages() {
    if !have_peers(ALL_PEERS) {
        return;
    }
    let input = big_pdf(300);
    assert_eq!(PdfReader::open(&input).unwrap().pages().unwrap().len(), 300);
    let mut o = opts("Signature1");
    o.page = 299;
    let prep = prepare(&input, &o).unwrap();
    assert!(prep.appended_len() < 2 * 8192 + 4096, "appended part stays small");
    let out = sign_with(&input, &o);
    check_all(&out, &["Signature1"]);
}

#[test]
fn sign_after_pyhanko() {
    if !have_peers(ALL_PEERS) {
        return;
    }
    let first = pyhanko_sign(&minimal_pdf(), "Sig1", &[]);
    let out = sign_with(&first, &SignOptions { field_name: None, ..opts("x") });
    let report = check_all(&out, &["Sig1", "Signature1"]);
    eprintln!("{report}");
    // and pyHanko can sign on top of ours
    let third = pyhanko_sign(&out, "Sig3", &[]);
    check_all(&third, &["Sig1", "Signature1", "Sig3"]);
}

#[test]
fn sign_three_times() {
    if !have_peers(ALL_PEERS) {
        return;
    }
    let mut pdf = sample_pdf(1);
    for name in ["Sig A", "Sig B", "Sig C"] {
        pdf = sign_with(&pdf, &opts(name));
    }
    let report = check_all(&pdf, &["Sig A", "Sig B", "Sig C"]);
    eprintln!("{report}");
    let r = PdfReader::open(&pdf).unwrap();
    assert_eq!(r.revisions().len(), 4);
    // default names avoid existing ones
    let o = SignOptions { field_name: None, ..opts("x") };
    let prep = prepare(&pdf, &o).unwrap();
    assert_eq!(prep.field_name(), "Signature1");
    // duplicate names are refused
    assert!(matches!(prepare(&pdf, &opts("Sig B")), Err(PdfError::NotAllowed(_))));
}

#[test]
fn certify_then_sign_and_refuse_p1() {
    if !have_peers(ALL_PEERS) {
        return;
    }
    let mut o = opts("Cert");
    o.certify = Some(DocMdp::FormFill);
    let cert = sign_with(&sample_pdf(1), &o);
    check_all(&cert, &["Cert"]);
    assert_eq!(pyhanko_certification(&cert), "CERTIFIED FILL_FORMS");
    let s = sigs(&cert);
    assert!(s[0].is_certification);
    assert_eq!(s[0].docmdp, Some(DocMdp::FormFill));
    // P=2 allows further signatures
    let both = sign_with(&cert, &opts("Approval"));
    let report = check_all(&both, &["Cert", "Approval"]);
    eprintln!("{report}");
    let s = sigs(&both);
    assert!(s[0].is_certification && !s[1].is_certification);
    // certifying an already signed document is refused
    assert!(matches!(prepare(&both, &o), Err(PdfError::NotAllowed(_))));

    // P=1: signed fine, further signing refused
    o.certify = Some(DocMdp::NoChanges);
    let locked = sign_with(&sample_pdf(1), &o);
    check_all(&locked, &["Cert"]);
    assert_eq!(sigs(&locked)[0].docmdp, Some(DocMdp::NoChanges));
    assert_eq!(pyhanko_certification(&locked), "CERTIFIED NO_CHANGES");
    let py_err = pyhanko_sign_fails(&locked, "PySig");
    eprintln!("pyHanko on the P=1 document: {}", py_err.trim());
    match prepare(&locked, &opts("Later")) {
        Err(PdfError::NotAllowed(m)) => {
            assert!(m.contains("the document is certified with 'no changes allowed'"))
        }
        other => panic!("expected refusal, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn vietnamese_text_round_trip() {
    if !have_peers(ALL_PEERS) {
        return;
    }
    let mut o = opts("Chữ ký 1");
    o.reason = Some(VN_REASON.into());
    o.location = Some(VN_LOCATION.into());
    o.name = Some("Nguyễn Văn A".into());
    o.contact_info = Some("vanthu@thainguyen.gov.vn".into());
    let out = sign_with(&minimal_pdf(), &o);
    check_all(&out, &["Chữ ký 1"]);
    let s = &sigs(&out)[0];
    assert_eq!(s.reason.as_deref(), Some(VN_REASON));
    assert_eq!(s.location.as_deref(), Some(VN_LOCATION));
    assert_eq!(s.name.as_deref(), Some("Nguyễn Văn A"));
    assert_eq!(s.contact_info.as_deref(), Some("vanthu@thainguyen.gov.vn"));
    // qpdf --qdf shows the UTF-16BE hex strings
    let qdf = qpdf_convert(&out, &["--qdf", "--object-streams=disable"]);
    let hex = |s: &str| {
        let mut h = String::from("<feff");
        for u in s.encode_utf16() {
            h.push_str(&format!("{u:04x}"));
        }
        h.push('>');
        h
    };
    let qdf_text = String::from_utf8_lossy(&qdf).to_lowercase();
    assert!(qdf_text.contains(&hex(VN_REASON)), "reason hex not in qdf");
    assert!(qdf_text.contains(&hex(VN_LOCATION)), "location hex not in qdf");
}

#[test]
fn sign_existing_empty_field() {
    if !have_peers(ALL_PEERS) {
        return;
    }
    let with_field = pyhanko_io(&["sign", "addfields", "--field", "1/0,0,0,0/Empty"], &minimal_pdf());
    let mut o = opts("ignored");
    o.existing_field = Some("Empty".into());
    let out = sign_with(&with_field, &o);
    check_all(&out, &["Empty"]);
    // signing it again is refused, as is a missing field
    assert!(matches!(prepare(&out, &o), Err(PdfError::NotAllowed(_))));
    o.existing_field = Some("Nope".into());
    assert!(matches!(prepare(&with_field, &o), Err(PdfError::NotAllowed(_))));
}

#[test]
fn encrypted_input_needs_password() {
    if !have_peers(&["qpdf"]) {
        return;
    }
    let enc = qpdf_convert(&sample_pdf(1), &["--encrypt", "user", "owner", "256", "--"]);
    assert!(matches!(prepare(&enc, &opts("S")), Err(PdfError::PasswordRequired)));
    let o = SignOptions { password: Some(b"user".to_vec()), ..opts("S") };
    assert!(prepare(&enc, &o).is_ok());
}

#[test]
fn discovery_on_pyhanko_files_and_tampering() {
    if !have_peers(ALL_PEERS) {
        return;
    }
    let invisible = pyhanko_sign(&minimal_pdf(), "Sig1", &[]);
    let s = assert_discovery(&invisible, &["Sig1"]);
    assert_eq!(s[0].covered_revision, Some(1));
    let visible = pyhanko_sign(&invisible, "1/100,100,300,150/SigV", &[]);
    let s = assert_discovery(&visible, &["Sig1", "SigV"]);
    assert_eq!(s[0].covered_revision, Some(1));
    assert_eq!(s[1].covered_revision, Some(2));
    assert!(!s[0].covers_whole_file && s[1].covers_whole_file);

    // Tamper with the /ByteRange of the newest signature (same length).
    use kyso::pdf::ByteRangeProblem as P;
    let sig = &s[1];
    let br = sig.byte_range.clone().unwrap();
    let span = sig.contents_span.clone().unwrap();
    let r = PdfReader::open(&visible).unwrap();
    let obj_span = r.object_span(sig.sig_dict_ref.unwrap()).unwrap();
    let obj = &visible[obj_span.clone()];
    let at = obj.windows(10).position(|w| w == b"/ByteRange").unwrap();
    let open = obj_span.start + at + obj[at..].iter().position(|&b| b == b'[').unwrap();
    let close = open + visible[open..].iter().position(|&b| b == b']').unwrap();
    let width = close - open - 1;
    let tamper = |text: String| -> Vec<P> {
        assert!(text.len() <= width, "{text}");
        let mut t = visible.clone();
        let slot = &mut t[open + 1..close];
        slot.fill(b' ');
        slot[..text.len()].copy_from_slice(text.as_bytes());
        let r = PdfReader::open(&t).unwrap();
        find_signatures(&r).unwrap()[1].problems.clone()
    };
    let len = visible.len() as i64;
    assert_eq!(tamper(format!("{} {} {} {}", br[0], br[1], br[2], br[3])), vec![]);
    // gap one byte into the hex string
    let p = tamper(format!("0 {} {} {}", br[1] + 1, br[2], br[3]));
    assert_eq!(p, vec![P::GapIsNotContents]);
    let p = tamper(format!("0 {} {} {}", br[1], br[2] - 2, br[3] + 2));
    assert_eq!(p, vec![P::GapIsNotContents]);
    // starting at 1
    let p = tamper(format!("1 {} {} {}", br[1] - 1, br[2], br[3]));
    assert_eq!(p, vec![P::DoesNotStartAtZero]);
    // beyond EOF
    let p = tamper(format!("0 {} {} {}", br[1], br[2], br[3] + 10));
    assert_eq!(p, vec![P::BeyondEof]);
    // three integers
    let p = tamper(format!("0 {} {}", br[1], br[2]));
    assert_eq!(p, vec![P::NotFourIntegers]);
    // overlap
    let p = tamper(format!("0 {} {} {}", br[2] + 1, br[2], len - br[2]));
    assert!(p.contains(&P::Overlap) && p.contains(&P::GapIsNotContents), "{p:?}");
    // negative
    let p = tamper(format!("0 {} {} -1", br[1], br[2]));
    assert_eq!(p, vec![P::Negative]);
    assert_eq!(span.end - span.start, br[2] as usize - br[1] as usize);
}

/// Deterministic xorshift PRNG.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn robustness_no_panics() {
    // Uses a signed file made without peers: a fake CMS is fine here.
    let base = minimal_pdf();
    let prep = prepare(&base, &opts("S1")).unwrap();
    let app = prep.finish(&[0x30, 0x03, 0x02, 0x01, 0x01]).unwrap();
    let mut signed = base.clone();
    signed.extend_from_slice(&app);
    let s = sigs(&signed);
    assert_eq!(s.len(), 1);
    assert!(s[0].problems.is_empty(), "{:?}", s[0].problems);
    assert!(s[0].covers_whole_file);
    // too long CMS refused
    let prep = prepare(&signed, &opts("S2")).unwrap();
    let too_long = vec![0u8; prep.max_contents_len() + 1];
    assert!(prep.finish(&too_long).is_err());

    let try_all = |data: &[u8]| {
        let _ = prepare(data, &opts("S2"));
        let _ = prepare(data, &SignOptions { existing_field: Some("S1".into()), ..opts("S3") });
        for r in [PdfReader::open(data), PdfReader::open_lenient(data)].into_iter().flatten() {
            let _ = find_signatures(&r);
        }
    };
    for cut in (0..signed.len()).step_by(97) {
        try_all(&signed[..cut]);
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let junk: &[&[u8]] = &[
        b" ",
        b"0",
        b"9999999999",
        b"<",
        b">",
        b"(",
        b")",
        b"[",
        b"]",
        b"<<",
        b">>",
        b"R",
        b"/Kids [1 0 R]",
        b"/FT /Sig",
        b"-1",
        b"%",
        b"\n",
        b"/V 6 0 R",
        b"/Fields 1 0 R",
    ];
    for _ in 0..600 {
        let mut t = signed.clone();
        for _ in 0..1 + rng.below(4) {
            let pos = rng.below(t.len());
            match rng.below(3) {
                0 => t[pos] = rng.next() as u8,
                1 => {
                    let j = junk[rng.below(junk.len())];
                    let end = (pos + j.len()).min(t.len());
                    t[pos..end].copy_from_slice(&j[..end - pos]);
                }
                _ => {
                    let j = junk[rng.below(junk.len())];
                    t.splice(pos..pos, j.iter().copied());
                }
            }
        }
        try_all(&t);
    }
}

#[test]
fn field_tree_loops_are_safe() {
    // /Kids loop and a shared kid, FT /Sig inherited from the parent.
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R 5 0 R] >> >>");
    b.obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    b.obj(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
    b.obj(5, b"<< /T (Parent) /FT /Sig /Kids [6 0 R 5 0 R] >>");
    b.obj(6, b"<< /T (Child) /Parent 5 0 R /V 7 0 R /Kids [5 0 R 6 0 R] >>");
    b.obj(7, b"<< /Type /Sig /ByteRange [0 1 2] /Contents (abc) /Reason <FEFF0050006800EA> >>");
    let pdf = b.finish("");
    let s = sigs(&pdf);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].field_name, "Parent.Child");
    assert_eq!(s[0].reason.as_deref(), Some("Phê"));
    use kyso::pdf::ByteRangeProblem as P;
    assert_eq!(s[0].problems, vec![P::NotFourIntegers, P::ContentsNotHex]);
    // signing still works: a new field is added next to the tree
    let prep = prepare(&pdf, &opts("New")).unwrap();
    let app = prep.finish(&[0x30, 0]).unwrap();
    let mut out = pdf.clone();
    out.extend_from_slice(&app);
    let names: Vec<String> = sigs(&out).into_iter().map(|s| s.field_name).collect();
    assert_eq!(names, vec!["Parent.Child", "New"]);
}

/// Catalog with a *direct* /AcroForm whose /Fields is an indirect array, a
/// text field with a value, and a page whose /Annots is an indirect array.
fn form_pdf() -> Vec<u8> {
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields 8 0 R /DA (/Helv 0 Tf 0 g) >> >>");
    b.obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    b.obj(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots 7 0 R /Contents 4 0 R >>");
    b.stream(4, "", b"BT /F1 12 Tf 72 720 Td (Form) Tj ET");
    b.obj(7, b"[9 0 R]");
    b.obj(8, b"[9 0 R]");
    b.obj(
        9,
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (SoVanBan) /V (123/QD-UBND) /Rect [72 600 300 620] /F 4 /P 3 0 R >>",
    );
    b.finish("")
}

#[test]
fn sign_direct_acroform_indirect_arrays_twice() {
    if !have_peers(ALL_PEERS) {
        return;
    }
    let input = form_pdf();
    let one = sign_with(&input, &opts("Sig1"));
    let two = sign_with(&one, &opts("Sig2"));
    check_all(&two, &["Sig1", "Sig2"]);
    let r = PdfReader::open(&two).unwrap();
    // the indirect arrays were rewritten in place, the text field untouched
    let annots = r.resolve(kyso::pdf::ObjRef::new(7, 0)).unwrap();
    assert_eq!(annots.as_array().unwrap().len(), 3);
    let fields = r.resolve(kyso::pdf::ObjRef::new(8, 0)).unwrap();
    assert_eq!(fields.as_array().unwrap().len(), 3);
    let tx = r.resolve(kyso::pdf::ObjRef::new(9, 0)).unwrap();
    assert_eq!(tx.as_dict().unwrap().get(b"V").unwrap().as_str_bytes(), Some(&b"123/QD-UBND"[..]));
    let af = r.catalog().unwrap();
    let af = af.get_dict(b"AcroForm").unwrap();
    assert_eq!(af.get_int(b"SigFlags"), Some(3));
    // pyHanko signs on top of it and still accepts both of ours
    let three = pyhanko_sign(&two, "Sig3", &[]);
    check_all(&three, &["Sig1", "Sig2", "Sig3"]);
}

#[test]
fn sign_visible() {
    if !have_peers(ALL_PEERS) {
        return;
    }
    let mut res = kyso::pdf::Dict::new();
    let mut font = kyso::pdf::Dict::new();
    font.insert("Type", kyso::pdf::Object::name("Font"));
    font.insert("Subtype", kyso::pdf::Object::name("Type1"));
    font.insert("BaseFont", kyso::pdf::Object::name("Helvetica"));
    let mut fonts = kyso::pdf::Dict::new();
    fonts.insert("F1", kyso::pdf::Object::Dict(font));
    res.insert("Font", kyso::pdf::Object::Dict(fonts));
    let mut o = opts("Visible");
    o.appearance = Some(kyso::pdf::Appearance {
        rect: [100.0, 100.0, 300.5, 150.0],
        stream: b"0 0 1 RG 1 w 0.5 0.5 199.5 49 re S BT /F1 10 Tf 6 20 Td (Signed by Nguyen Van A) Tj ET".to_vec(),
        resources: res,
    });
    let out = sign_with(&sample_pdf(1), &o);
    check_all(&out, &["Visible"]);
    let out2 = sign_with(&out, &opts("Second"));
    check_all(&out2, &["Visible", "Second"]);
}

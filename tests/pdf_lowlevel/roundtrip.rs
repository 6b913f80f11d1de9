use crate::common::*;
use kyso::pdf::{Dict, IncrementalUpdate, Location, ObjRef, Object, PdfError, PdfReader, Stream, WriteInfo, XrefKind};

/// Apply one incremental update: a /Square annotation on page 1 (added to
/// /Annots, creating or extending it) plus a new Flate stream object and a
/// placeholder dictionary. Returns the full new file.
fn add_annotation(data: &[u8], label: &str) -> (Vec<u8>, WriteInfo, ObjRef, ObjRef) {
    let reader = PdfReader::open(data).unwrap();
    let page_ref = reader.pages().unwrap()[0];
    let mut page = match reader.resolve(page_ref).unwrap() {
        Object::Dict(d) => d,
        o => panic!("page is {o:?}"),
    };
    let mut up = IncrementalUpdate::new(&reader);
    let annot = up.alloc();
    let extra = up.alloc();
    let mut a = Dict::new();
    a.insert("Type", Object::name("Annot"));
    a.insert("Subtype", Object::name("Square"));
    a.insert("Rect", Object::Array(vec![72.into(), 72.into(), 144.5.into(), 200.into()]));
    a.insert("Contents", Object::string(label.as_bytes().to_vec()));
    a.insert("P", page_ref);
    a.insert("Placeholder", Object::hex_string(vec![0u8; 64]));
    up.put(annot, Object::Dict(a));
    let mut annots = match page.get(b"Annots") {
        Some(o) => reader.get(o).unwrap().as_array().unwrap().to_vec(),
        None => Vec::new(),
    };
    annots.push(Object::Reference(annot));
    page.insert("Annots", Object::Array(annots));
    up.put(page_ref, Object::Dict(page));
    let mut sd = Dict::new();
    sd.insert("Filter", Object::name("FlateDecode"));
    up.put(
        extra,
        Object::Stream(Stream::new(
            sd,
            kyso::pdf::syntax::filters::flate_encode(format!("payload {label}").as_bytes()),
        )),
    );
    let mut full = data.to_vec();
    let info = up.write(&reader, &mut full).unwrap();
    crate::pdf_check::lopdf_agrees(&full, None);
    assert_eq!(info.start, data.len());
    assert_eq!(info.end, full.len());
    (full, info, annot, extra)
}

fn check_updated(orig: &[u8], kind: XrefKind) {
    let r0 = PdfReader::open(orig).unwrap();
    let orig_pages = r0.pages().unwrap();
    let (one, info1, annot1, extra1) = add_annotation(orig, "first");
    assert_eq!(info1.xref_kind, kind);

    // Placeholder lookup through WriteInfo.
    let needle = format!("<{}>", "0".repeat(128));
    let pos = info1.find_in_object(annot1, &one, needle.as_bytes()).expect("placeholder");
    assert_eq!(&one[pos..pos + needle.len()], needle.as_bytes());
    let span = info1.object_span(annot1).unwrap();
    assert!(one[span.clone()].starts_with(format!("{} 0 obj", annot1.num).as_bytes()));
    assert!(one[span].ends_with(b"endobj"));

    let r1 = PdfReader::open(&one).unwrap();
    assert!(!r1.reconstructed());
    r1.check_xref().unwrap();
    assert_eq!(r1.revisions().len(), 2);
    assert_eq!(r1.revisions()[1].kind, kind);
    assert_eq!(r1.revisions()[0].eof_end, orig.len());
    assert_eq!(r1.revisions()[1].eof_end, one.len());
    assert_eq!(r1.pages().unwrap(), orig_pages);
    let page_ref = orig_pages[0];
    // Old revision has no annotation, new one has.
    let old_page = r1.resolve_in_revision(page_ref, 0).unwrap();
    assert!(old_page.as_dict().unwrap().get(b"Annots").is_none());
    let new_page = r1.resolve(page_ref).unwrap();
    assert_eq!(new_page.as_dict().unwrap().get_array(b"Annots").unwrap(), &[Object::Reference(annot1)]);
    assert!(r1.resolve_in_revision(annot1, 0).unwrap().is_null());
    let a = r1.resolve(annot1).unwrap();
    assert_eq!(a.as_dict().unwrap().get_name(b"Subtype"), Some(&b"Square"[..]));
    assert_eq!(r1.object_span(annot1), info1.object_span(annot1), "reader and writer agree on the object span");
    let s = r1.resolve(extra1).unwrap();
    assert_eq!(r1.stream_data(s.as_stream().unwrap()).unwrap(), b"payload first");
    // The second revision redefines exactly the page and the new objects
    // (plus its own xref stream).
    let mut redefined: Vec<u32> = r1.revisions()[1].defined.iter().map(|(r, _)| r.num).collect();
    redefined.sort();
    let mut expect = vec![page_ref.num, annot1.num, extra1.num];
    if let Some(x) = info1.xref_stream {
        expect.push(x.num);
    }
    expect.sort();
    assert_eq!(redefined, expect);
    assert_eq!(r1.trailer().get(b"ID"), r0.trailer().get(b"ID"));
    assert_eq!(r1.trailer().get(b"Info"), r0.trailer().get(b"Info"));

    // Second update on top.
    let (two, info2, annot2, _) = add_annotation(&one, "second");
    let r2 = PdfReader::open(&two).unwrap();
    r2.check_xref().unwrap();
    let revs = r2.revisions();
    assert_eq!(revs.len(), 3);
    assert_eq!(revs[0].eof_end, orig.len());
    assert_eq!(revs[1].eof_end, one.len());
    assert_eq!(revs[2].eof_end, two.len());
    assert_eq!(revs[2].xref_offset, info2.xref_offset);
    assert_eq!(revs[2].trailer.get_int(b"Prev"), Some(info1.xref_offset as i64));
    assert!(revs.iter().all(|r| r.eof_found));
    assert!(annot2.num > annot1.num);
    let annots = r2.resolve(page_ref).unwrap();
    assert_eq!(
        annots.as_dict().unwrap().get_array(b"Annots").unwrap(),
        &[Object::Reference(annot1), Object::Reference(annot2)]
    );
    assert_eq!(r2.resolve_in_revision(page_ref, 1).unwrap(), r1.resolve(page_ref).unwrap());
    assert!(r2.max_object_number() >= annot2.num);

    if have_tools() {
        qpdf_check(orig);
        qpdf_check(&one);
        qpdf_check(&two);
        let info = pdfinfo(&two);
        let pages_line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
        assert_eq!(pages_line.split_whitespace().nth(1), Some(orig_pages.len().to_string().as_str()));
    }
}

#[test]
fn table_file_basics() {
    let data = sample_pdf(3);
    let r = PdfReader::open(&data).unwrap();
    assert_eq!(r.header_version(), "1.7");
    assert!(!r.linearized());
    assert_eq!(r.pages().unwrap().len(), 3);
    assert_eq!(r.catalog().unwrap().get_name(b"Type"), Some(&b"Catalog"[..]));
    assert_eq!(r.revisions().len(), 1);
    let rev = &r.revisions()[0];
    assert_eq!(rev.kind, XrefKind::Table);
    assert_eq!(rev.eof_end, data.len());
    assert_eq!(r.last_eof_end(), Some(data.len()));
    assert_eq!(r.startxref(), rev.xref_offset);
    assert!(!r.is_encrypted());
    let info = r.get(r.trailer().get(b"Info").unwrap()).unwrap();
    let title = info.as_dict().unwrap().get(b"Title").unwrap();
    assert_eq!(title.as_str_bytes(), Some(&b"Sample (test)"[..]));
    let prod = info.as_dict().unwrap().get(b"Producer").unwrap();
    assert!(prod.as_string().unwrap().hex);
    assert_eq!(prod.as_str_bytes(), Some(&b"kyso"[..]));
    assert_eq!(r.max_object_number(), 15);
    // object_span covers exactly the object.
    let span = r.object_span(ObjRef::new(4, 0)).unwrap();
    assert!(data[span.clone()].starts_with(b"4 0 obj"));
    assert!(data[span].ends_with(b"endobj"));
    // Content stream decodes (no filter).
    let c = r.resolve(ObjRef::new(11, 0)).unwrap();
    assert_eq!(r.stream_data(c.as_stream().unwrap()).unwrap(), b"BT /F1 24 Tf 72 720 Td (Page 1) Tj ET");
    // Missing and r#gen-mismatched references are null.
    assert!(r.resolve(ObjRef::new(999, 0)).unwrap().is_null());
    assert!(r.resolve(ObjRef::new(4, 1)).unwrap().is_null());
    assert!(r.resolve(ObjRef::new(5, 0)).unwrap().is_null()); // free
    assert!(r.resolve_in_revision(ObjRef::new(1, 0), 1).is_err());
    r.check_xref().unwrap();
}

#[test]
fn incremental_update_on_xref_table() {
    check_updated(&sample_pdf(2), XrefKind::Table);
}

#[test]
fn original_without_trailing_newline() {
    let mut data = sample_pdf(1);
    data.pop(); // ends with "%%EOF" now
    let (one, info, annot, _) = add_annotation(&data, "x");
    assert_eq!(one[data.len()], b'\n');
    let r = PdfReader::open(&one).unwrap();
    assert_eq!(r.revisions().len(), 2);
    assert_eq!(info.objects[0].1.start, data.len() + 1);
    assert!(r.resolve(annot).unwrap().as_dict().is_some());
    r.check_xref().unwrap();
    if have_tools() {
        qpdf_check(&one);
    }
}

#[test]
fn incremental_update_on_xref_stream() {
    if !have_tools() {
        return;
    }
    let orig = qpdf_convert(&sample_pdf(2), &["--object-streams=generate"]);
    let r = PdfReader::open(&orig).unwrap();
    assert_eq!(r.revisions().len(), 1);
    assert_eq!(r.revisions()[0].kind, XrefKind::Stream);
    assert_eq!(r.revisions()[0].eof_end, orig.len());
    assert!(r.revisions()[0].defined.iter().any(|(_, l)| matches!(l, Location::Compressed { .. })));
    assert_eq!(r.pages().unwrap().len(), 2);
    r.check_xref().unwrap();
    check_updated(&orig, XrefKind::Stream);
}

#[test]
fn incremental_update_on_qdf_and_linearized() {
    if !have_tools() {
        return;
    }
    let qdf = qpdf_convert(&sample_pdf(2), &["--qdf"]);
    let r = PdfReader::open(&qdf).unwrap();
    assert_eq!(r.pages().unwrap().len(), 2);
    check_updated(&qdf, XrefKind::Table);

    let lin = qpdf_convert(&sample_pdf(3), &["--linearize"]);
    let r = PdfReader::open(&lin).unwrap();
    assert_eq!(r.pages().unwrap().len(), 3);
    assert_eq!(r.revisions().len(), 2); // first-page section + main section
    assert!(r.linearized());
    assert!(r.revisions()[1].xref_offset < r.revisions()[0].xref_offset);
    r.check_xref().unwrap();
    let (one, _, _, _) = add_annotation(&lin, "lin");
    let r1 = PdfReader::open(&one).unwrap();
    assert_eq!(r1.revisions().len(), 3);
    r1.check_xref().unwrap();
    pdfinfo(&one);

    let lin_os = qpdf_convert(&sample_pdf(3), &["--linearize", "--object-streams=generate"]);
    let r = PdfReader::open(&lin_os).unwrap();
    assert_eq!(r.pages().unwrap().len(), 3);
    r.check_xref().unwrap();
    let (one, _, _, _) = add_annotation(&lin_os, "lin");
    PdfReader::open(&one).unwrap().check_xref().unwrap();
    pdfinfo(&one);
}

#[test]
fn hybrid_file() {
    let data = hybrid_pdf();
    let r = PdfReader::open(&data).unwrap();
    assert_eq!(r.revisions().len(), 1);
    let rev = &r.revisions()[0];
    assert_eq!(rev.kind, XrefKind::Table);
    assert!(rev.xref_stm.is_some());
    assert_eq!(r.location(3), Some((0, Location::Compressed { stream: 5, index: 0 })));
    assert_eq!(r.pages().unwrap(), vec![ObjRef::new(3, 0)]);
    r.check_xref().unwrap();
    let (one, info, _, _) = add_annotation(&data, "hybrid");
    assert_eq!(info.xref_kind, XrefKind::Table);
    let r1 = PdfReader::open(&one).unwrap();
    assert_eq!(r1.revisions().len(), 2);
    assert!(r1.resolve_in_revision(ObjRef::new(3, 0), 0).unwrap().as_dict().unwrap().get(b"Annots").is_none());
    assert!(r1.resolve(ObjRef::new(3, 0)).unwrap().as_dict().unwrap().get(b"Annots").is_some());
    if have_tools() {
        qpdf_check(&data);
        qpdf_check(&one);
        pdfinfo(&one);
    }
}

#[test]
fn uncompressed_xref_stream_update() {
    if !have_tools() {
        return;
    }
    let orig = qpdf_convert(&sample_pdf(1), &["--object-streams=generate"]);
    let reader = PdfReader::open(&orig).unwrap();
    let mut up = IncrementalUpdate::new(&reader);
    up.set_compress_xref_stream(false);
    up.set_id_second(vec![0xAA; 16]);
    let r = up.alloc();
    up.put(r, Object::Integer(42));
    let mut full = orig.clone();
    let info = up.write(&reader, &mut full).unwrap();
    crate::pdf_check::lopdf_agrees(&full, None);
    assert!(info.xref_stream.is_some());
    let r1 = PdfReader::open(&full).unwrap();
    assert_eq!(r1.resolve(r).unwrap(), Object::Integer(42));
    let id = r1.trailer().get_array(b"ID").unwrap();
    assert_eq!(Some(id[0].clone()), reader.trailer().get_array(b"ID").map(|a| a[0].clone()));
    assert_eq!(id[1].as_str_bytes(), Some(&[0xAA; 16][..]));
    qpdf_check(&full);
}

#[test]
fn writer_refuses_encrypted_and_reconstructed() {
    let data = sample_pdf(1);
    let p = data.windows(11).position(|w| w == b"/Info 3 0 R").unwrap();
    let mut enc = data[..p].to_vec();
    enc.extend_from_slice(b"/Encrypt 3 0 R");
    enc.extend_from_slice(&data[p + 11..]);
    // Only the trailer (after every object and the xref) changed length.
    // /Encrypt points to a dictionary without a /Filter: not decryptable.
    assert!(matches!(PdfReader::open(&enc), Err(PdfError::UnsupportedEncryption(_))));

    let mut broken = data.clone();
    let p = broken.windows(9).rposition(|w| w == b"startxref").unwrap();
    broken[p + 10] = b'9'; // startxref offset now wrong
    assert!(PdfReader::open(&broken).is_err());
    let r = PdfReader::open_lenient(&broken).unwrap();
    assert!(r.reconstructed());
    assert!(r.reconstruct_reason().is_some());
    assert_eq!(r.pages().unwrap().len(), 1);
    assert!(matches!(r.check_xref(), Err(PdfError::Reconstructed)));
    let up = IncrementalUpdate::new(&r);
    assert!(matches!(up.write(&r, &mut Vec::new()), Err(PdfError::Reconstructed)));
}

#[test]
fn encrypted_file_needs_password_then_is_written_encrypted() {
    if !have_tools() {
        return;
    }
    let enc = qpdf_convert(&sample_pdf(1), &["--encrypt", "user", "owner", "256", "--"]);
    assert!(matches!(PdfReader::open(&enc), Err(PdfError::PasswordRequired)));
    let r =
        PdfReader::open_with(&enc, kyso::pdf::ReadOptions { password: Some(b"user".to_vec()), ..Default::default() })
            .unwrap();
    assert!(r.is_encrypted());
    assert_eq!(r.revisions().len(), 1);
    assert_eq!(r.pages().unwrap().len(), 1);
    let page = r.resolve(r.pages().unwrap()[0]).unwrap();
    let c = r.get(page.as_dict().unwrap().get(b"Contents").unwrap()).unwrap();
    let s = c.as_stream().unwrap();
    assert_eq!(r.stream_data(s).unwrap(), b"BT /F1 24 Tf 72 720 Td (Page 1) Tj ET");
    // an update with a new string and a new stream, encrypted on write
    let mut up = IncrementalUpdate::new(&r);
    let info_ref = r.trailer().get_ref(b"Info").unwrap();
    let mut info = r.resolve(info_ref).unwrap().as_dict().unwrap().clone();
    info.insert("Subject", Object::string(b"secret subject".to_vec()));
    up.put(info_ref, Object::Dict(info));
    let sr = up.alloc();
    up.put(sr, Object::Stream(kyso::pdf::Stream::new(Dict::new(), b"secret stream".to_vec())));
    let mut full = enc.clone();
    up.write(&r, &mut full).unwrap();
    crate::pdf_check::lopdf_agrees(&full, Some("user"));
    let tail = &full[enc.len()..];
    assert!(!tail.windows(6).any(|w| w == b"secret"));
    assert!(tail.windows(8).any(|w| w == b"/Encrypt"));
    let r2 =
        PdfReader::open_with(&full, kyso::pdf::ReadOptions { password: Some(b"owner".to_vec()), ..Default::default() })
            .unwrap();
    let info = r2.resolve(info_ref).unwrap();
    assert_eq!(info.as_dict().unwrap().get(b"Subject").unwrap().as_str_bytes(), Some(&b"secret subject"[..]));
    assert_eq!(title_of(&r2), b"Sample (test)");
    let s = r2.resolve(sr).unwrap();
    assert_eq!(r2.stream_data(s.as_stream().unwrap()).unwrap(), b"secret stream");
    let p = tmp_path("enc-upd");
    std::fs::write(&p, &full).unwrap();
    let out = std::process::Command::new("qpdf").args(["--check", "--password=user"]).arg(&p).output().unwrap();
    let _ = std::fs::remove_file(&p);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success() && text.contains("No syntax or stream encoding errors"), "{text}");
}

fn title_of(r: &PdfReader) -> Vec<u8> {
    let info = r.get(r.trailer().get(b"Info").unwrap()).unwrap();
    let t = info.as_dict().unwrap().get(b"Title").unwrap().clone();
    r.get(&t).unwrap().as_str_bytes().unwrap().to_vec()
}

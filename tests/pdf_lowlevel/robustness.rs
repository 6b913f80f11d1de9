use crate::common::*;
use kyso::pdf::{IncrementalUpdate, ObjRef, Object, PdfError, PdfReader, ReadOptions, XrefKind};

/// Touch every API on a reader; any result is fine, panics are not.
fn exercise(r: &PdfReader<'_>) {
    let _ = r.trailer();
    let _ = r.catalog();
    let _ = r.pages();
    let _ = r.check_xref();
    let _ = r.is_encrypted();
    let _ = r.linearized();
    let max = r.max_object_number().min(300);
    let nrev = r.revisions().len();
    for num in 0..=max {
        for r#gen in [0u16, 1] {
            let o = ObjRef::new(num, r#gen);
            if let Ok(Object::Stream(s)) = r.resolve(o) {
                let _ = r.stream_data(&s);
            }
            let _ = r.object_span(o);
            for i in 0..nrev.min(4) {
                let _ = r.resolve_in_revision(o, i);
                let _ = r.object_span_in_revision(o, i);
            }
        }
    }
    let mut up = IncrementalUpdate::new(r);
    let n = up.alloc();
    up.put(n, Object::Null);
    let mut out = Vec::new();
    let _ = up.write(r, &mut out);
}

fn open_all(data: &[u8]) {
    if let Ok(r) = PdfReader::open(data) {
        exercise(&r);
    }
    if let Ok(r) = PdfReader::open_lenient(data) {
        exercise(&r);
    }
}

fn samples() -> Vec<Vec<u8>> {
    let mut v = vec![sample_pdf(2), hybrid_pdf()];
    // Two-revision file.
    let base = sample_pdf(1);
    let r = PdfReader::open(&base).unwrap();
    let mut up = IncrementalUpdate::new(&r);
    let n = up.alloc();
    up.put(n, Object::string(b"added".to_vec()));
    let mut two = base.clone();
    up.write(&r, &mut two).unwrap();
    crate::pdf_check::lopdf_agrees(&two, None);
    v.push(two);
    if have_tools() {
        v.push(qpdf_convert(&sample_pdf(2), &["--object-streams=generate"]));
        v.push(qpdf_convert(&sample_pdf(2), &["--linearize"]));
    }
    v
}

#[test]
fn truncated_files_never_panic() {
    for s in samples() {
        let mut cut = 0;
        while cut < s.len() {
            open_all(&s[..cut]);
            cut += 97;
        }
        open_all(&s);
    }
}

#[test]
fn corrupted_files_never_panic() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    const BYTES: &[u8] = b"0123456789 \n\r<>[]()/%RobjendstreamxrefPrev-.#\\\x00\xff";
    for s in samples() {
        for _ in 0..500 {
            let mut d = s.clone();
            for _ in 0..(1 + rnd() % 4) {
                let pos = (rnd() % d.len() as u64) as usize;
                let b = BYTES[(rnd() % BYTES.len() as u64) as usize];
                match rnd() % 3 {
                    0 => d[pos] = b,
                    1 => d.insert(pos, b),
                    _ => {
                        d.remove(pos);
                    }
                }
            }
            open_all(&d);
        }
    }
}

#[test]
fn deep_nesting_is_an_error() {
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>");
    b.obj(2, b"<< /Type /Pages /Kids [] /Count 0 >>");
    b.obj(3, &vec![b'['; 100_000]);
    let mut dicts = b"<< /A ".repeat(50_000);
    dicts.extend(b">>".repeat(50_000));
    b.obj(4, &dicts);
    let data = b.finish("");
    let r = PdfReader::open(&data).unwrap();
    assert!(matches!(r.resolve(ObjRef::new(3, 0)), Err(PdfError::Limit { .. })));
    assert!(matches!(r.resolve(ObjRef::new(4, 0)), Err(PdfError::Limit { .. })));
    assert_eq!(r.pages().unwrap().len(), 0);
}

/// Append a table section with the given body lines, /Prev and startxref.
fn append_section(data: &mut Vec<u8>, entries: &str, prev: usize) -> usize {
    let off = data.len();
    data.extend_from_slice(
        format!("xref\n{entries}trailer\n<< /Size 20 /Root 1 0 R /Prev {prev} >>\nstartxref\n{off}\n%%EOF\n")
            .as_bytes(),
    );
    off
}

#[test]
fn prev_loop_is_an_error() {
    // Self loop.
    let mut d = sample_pdf(1);
    let off = d.len();
    append_section(&mut d, "0 0\n", off);
    assert!(matches!(PdfReader::open(&d), Err(PdfError::XrefLoop { .. })));
    let r = PdfReader::open_lenient(&d).unwrap();
    assert!(r.reconstructed());
    assert_eq!(r.pages().unwrap().len(), 1);

    // Two sections pointing at each other.
    let mut d = sample_pdf(1);
    let a = d.len();
    // Section A's /Prev points at section B, which follows A: find the
    // fixed point of B's offset (it depends on the digits of itself).
    let mut b_off = a;
    loop {
        let mut t = d.clone();
        append_section(&mut t, "0 0\n", b_off);
        if t.len() == b_off {
            break;
        }
        b_off = t.len();
    }
    append_section(&mut d, "0 0\n", b_off);
    assert_eq!(d.len(), b_off);
    append_section(&mut d, "0 0\n", a);
    assert!(matches!(PdfReader::open(&d), Err(PdfError::XrefLoop { .. })));
    let e = PdfReader::open(&d).unwrap_err().to_string();
    assert!(e.contains("loop"), "{e}");
}

#[test]
fn huge_objstm_n_is_an_error() {
    let d = hybrid_pdf_n("1000000000");
    let r = PdfReader::open(&d).unwrap();
    let e = r.resolve(ObjRef::new(3, 0)).unwrap_err();
    assert!(matches!(e, PdfError::Limit { .. }), "{e}");
    assert!(r.pages().is_err());
    assert!(r.check_xref().is_err());
    // Negative / garbage N
    for n in ["-1", "(x)", "2"] {
        let d = hybrid_pdf_n(n);
        let r = PdfReader::open(&d).unwrap();
        assert!(r.resolve(ObjRef::new(3, 0)).is_err(), "N={n}");
    }
}

#[test]
fn wrong_stream_lengths_are_handled() {
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>");
    b.obj(2, b"<< /Type /Pages /Kids [] /Count 0 >>");
    b.obj(3, b"<< /Length 999999999 >>\nstream\nhello\nendstream");
    b.obj(4, b"<< /Length 5 0 R >>\nstream\r\nworld\r\nendstream");
    b.obj(5, b"5");
    b.obj(6, b"<< /Length 6 0 R >>\nstream\nself\nendstream");
    b.obj(7, b"<< /Length 2 >>\nstream\nshort\nendstream");
    b.obj(8, b"<< /Length 9 0 R >>\nstream\nchain\nendstream");
    b.obj(9, b"8 0 R");
    let data = b.finish("");
    let r = PdfReader::open(&data).unwrap();
    for (n, want) in [(3, &b"hello"[..]), (4, b"world"), (6, b"self"), (7, b"short"), (8, b"chain")] {
        let o = r.resolve(ObjRef::new(n, 0)).unwrap();
        let s = o.as_stream().unwrap();
        assert_eq!(r.stream_data(s).unwrap(), want, "object {n}");
        let span = r.object_span(ObjRef::new(n, 0)).unwrap();
        assert!(data[span].ends_with(b"endobj"));
    }
    // Unterminated stream: error, not panic.
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>");
    b.obj(2, b"<< /Length 999999999 >>\nstream\nhello");
    let data = b.finish("");
    let r = PdfReader::open(&data).unwrap();
    assert!(r.resolve(ObjRef::new(2, 0)).is_err());
}

#[test]
fn zip_bomb_is_capped() {
    let big = vec![0u8; 4 << 20];
    let enc = kyso::pdf::syntax::filters::flate_encode(&big);
    let mut b = Builder::new();
    b.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>");
    b.obj(2, b"<< /Type /Pages /Kids [] /Count 0 >>");
    b.stream(3, "/Filter /FlateDecode", &enc);
    b.stream(4, "/Filter [/FlateDecode /FlateDecode]", &kyso::pdf::syntax::filters::flate_encode(&enc));
    let data = b.finish("");
    let r = PdfReader::open_with(&data, ReadOptions { max_decoded: 1 << 20, ..ReadOptions::default() }).unwrap();
    for n in [3, 4] {
        let o = r.resolve(ObjRef::new(n, 0)).unwrap();
        let e = r.stream_data(o.as_stream().unwrap()).unwrap_err();
        assert!(matches!(e, PdfError::Limit { .. }), "{e}");
    }
    let r = PdfReader::open(&data).unwrap();
    let o = r.resolve(ObjRef::new(4, 0)).unwrap();
    assert_eq!(r.stream_data(o.as_stream().unwrap()).unwrap().len(), 4 << 20);
    assert!(r.stream_data_capped(o.as_stream().unwrap(), 1000).is_err());
}

#[test]
fn bad_xref_entries_are_reported() {
    let mut d = sample_pdf(1);
    // Object 4 redefined at an offset outside the file, object 3 at the
    // offset of object 1.
    let off1 = PdfReader::open(&d).unwrap().object_span(ObjRef::new(1, 0)).unwrap().start;
    let prev = PdfReader::open(&d).unwrap().startxref();
    append_section(&mut d, &format!("3 2\n{off1:010} 00000 n\r\n0000999999 00000 n\r\n"), prev);
    let r = PdfReader::open(&d).unwrap();
    let e = r.resolve(ObjRef::new(4, 0)).unwrap_err().to_string();
    assert!(e.contains("xref entry for object 4 0 points outside the file (offset 999999)"), "{e}");
    let e = r.resolve(ObjRef::new(3, 0)).unwrap_err().to_string();
    assert!(e.contains("points to object 1 0 instead"), "{e}");
    assert!(r.check_xref().is_err());
    // The older revision still resolves fine.
    assert!(r.resolve_in_revision(ObjRef::new(4, 0), 0).unwrap().as_dict().is_some());
}

#[test]
fn free_entry_in_newer_revision_hides_object() {
    let mut d = sample_pdf(1);
    let orig_len = d.len();
    let prev = PdfReader::open(&d).unwrap().startxref();
    append_section(&mut d, "4 1\n0000000000 00001 f\r\n", prev);
    let r = PdfReader::open(&d).unwrap();
    assert_eq!(r.revisions().len(), 2);
    assert_eq!(r.revisions()[0].eof_end, orig_len);
    assert_eq!(r.revisions()[1].kind, XrefKind::Table);
    assert!(r.resolve(ObjRef::new(4, 0)).unwrap().is_null());
    assert!(r.resolve_in_revision(ObjRef::new(4, 0), 0).unwrap().as_dict().is_some());
    assert_eq!(r.revisions()[1].defined.len(), 1);
}

#[test]
fn trailing_garbage_and_whitespace() {
    let base = sample_pdf(1);
    let mut d = base.clone();
    d.extend_from_slice(b"\r\n\r\n   \x00\x00garbage after eof\n");
    let r = PdfReader::open(&d).unwrap();
    assert_eq!(r.revisions()[0].eof_end, base.len());
    assert_eq!(r.last_eof_end(), Some(base.len()));
    assert_eq!(r.pages().unwrap().len(), 1);
    // Missing %%EOF entirely.
    let mut d = base.clone();
    d.truncate(base.len() - 6);
    let r = PdfReader::open(&d).unwrap();
    assert!(!r.revisions()[0].eof_found);
    assert_eq!(r.revisions()[0].eof_end, d.len());
    // Not a PDF.
    assert!(matches!(PdfReader::open(b"hello"), Err(PdfError::NotPdf)));
    assert!(PdfReader::open(b"").is_err());
    assert!(PdfReader::open_lenient(b"%PDF-1.4\n").is_err());
}

#[test]
fn random_bytes_parse_never_panics() {
    let mut seed: u64 = 0x1234_5678_9ABC_DEF1;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    const BYTES: &[u8] = b"0123456789 \n\r<>[]()/%R#\\.-+obj stream endstream e";
    for _ in 0..20_000 {
        let len = (rnd() % 64) as usize;
        let v: Vec<u8> = (0..len).map(|_| BYTES[(rnd() % BYTES.len() as u64) as usize]).collect();
        let mut lex = kyso::pdf::syntax::lexer::Lexer::new(&v, 0);
        let _ = kyso::pdf::syntax::parser::parse_object(&mut lex);
        let _ = kyso::pdf::syntax::parser::parse_indirect(&v, 0, &mut |_| Some(3));
        let _ = kyso::pdf::syntax::filters::ascii85_decode(&v, 100);
        let _ = kyso::pdf::syntax::filters::ascii_hex_decode(&v, 100);
    }
}

#[test]
fn huge_dictionary_parses_in_linear_time() {
    let mut s = b"<<".to_vec();
    for i in 0..200_000 {
        s.extend_from_slice(format!("/K{i} {i} ").as_bytes());
    }
    s.extend_from_slice(b"/K5 (dup)>>");
    let start = std::time::Instant::now();
    let o = kyso::pdf::syntax::parser::parse_object(&mut kyso::pdf::syntax::lexer::Lexer::new(&s, 0)).unwrap();
    let d = o.as_dict().unwrap();
    assert_eq!(d.len(), 200_000);
    assert_eq!(d.get(b"K5").unwrap().as_str_bytes(), Some(&b"dup"[..]));
    assert_eq!(d.keys().nth(5), Some(&b"K5"[..]));
    assert!(start.elapsed().as_secs() < 20);
}

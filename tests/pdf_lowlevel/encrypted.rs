//! Encrypted documents (Standard security handler): reading with a password,
//! signing (incremental revision encrypted with the document's handler),
//! discovery. Inputs are encrypted by qpdf; results are checked with qpdf,
//! pyHanko, pdfsig and `openssl cms -verify`.

use std::process::Command;

use crate::common::signing::*;
use crate::common::*;
use kyso::pdf::{
    Appearance, CryptMethod, Dict, ObjRef, Object, PasswordKind, PdfError, PdfReader, ReadOptions, SignOptions,
    find_signatures, prepare, signed_chunks,
};

const VN_REASON: &str = "Phê duyệt văn bản mật";
const VN_LOCATION: &str = "Thái Nguyên";

/// One way of encrypting the sample document with qpdf.
struct Case {
    name: &'static str,
    qpdf: &'static [&'static str],
    /// User password ("" = opens without one).
    user: &'static str,
    v: u8,
    r: u8,
    method: CryptMethod,
}

const CASES: &[Case] = &[
    Case {
        name: "AESV2 (128-bit AES, R4)",
        qpdf: &["--encrypt", "user", "owner", "128", "--use-aes=y", "--"],
        user: "user",
        v: 4,
        r: 4,
        method: CryptMethod::AesV2,
    },
    Case {
        name: "AESV3 (256-bit AES, R6, empty user password)",
        qpdf: &["--encrypt", "", "owner", "256", "--"],
        user: "",
        v: 5,
        r: 6,
        method: CryptMethod::AesV3,
    },
    Case {
        name: "RC4 128 (R3)",
        qpdf: &["--allow-weak-crypto", "--encrypt", "user", "owner", "128", "--use-aes=n", "--"],
        user: "user",
        v: 2,
        r: 3,
        method: CryptMethod::Rc4,
    },
    Case {
        name: "RC4 40 (R2)",
        qpdf: &["--allow-weak-crypto", "--encrypt", "user", "owner", "40", "--"],
        user: "user",
        v: 1,
        r: 2,
        method: CryptMethod::Rc4,
    },
];

/// R6 with a non-empty user password (kept out of `CASES`: the R6 key
/// derivation is slow in unoptimised builds, the mutation test skips it).
const R6_USER: Case = Case {
    name: "AESV3 (256-bit AES, R6, user password)",
    qpdf: &["--encrypt", "user", "owner", "256", "--"],
    user: "user",
    v: 5,
    r: 6,
    method: CryptMethod::AesV3,
};

fn case(v: u8) -> &'static Case {
    CASES.iter().find(|c| c.v == v).unwrap()
}

fn encrypt(plain: &[u8], c: &Case) -> Vec<u8> {
    qpdf_convert(plain, c.qpdf)
}

fn open_pw<'a>(data: &'a [u8], pw: Option<&str>) -> kyso::pdf::Result<PdfReader<'a>> {
    PdfReader::open_with(data, ReadOptions { password: pw.map(|p| p.as_bytes().to_vec()), ..ReadOptions::default() })
}

fn page_text(r: &PdfReader, page: usize) -> String {
    let pref = r.pages().unwrap()[page];
    let pd = r.resolve(pref).unwrap();
    let c = r.get(pd.as_dict().unwrap().get(b"Contents").unwrap()).unwrap();
    let s = c.as_stream().unwrap();
    String::from_utf8(r.stream_data(s).unwrap()).unwrap()
}

/// The sample document's /Info /Title (a string, so it is encrypted).
fn title(r: &PdfReader) -> Vec<u8> {
    let info = r.get(r.trailer().get(b"Info").unwrap()).unwrap();
    let t = r.get(info.as_dict().unwrap().get(b"Title").unwrap()).unwrap();
    t.as_str_bytes().unwrap().to_vec()
}

fn check_read(enc: &[u8], c: &Case, expect_pages: usize) {
    // right user password
    let r = open_pw(enc, Some(c.user)).unwrap_or_else(|e| panic!("{}: {e}", c.name));
    let h = r.security_handler().expect("handler");
    assert_eq!((h.version(), h.revision()), (c.v, c.r), "{}", c.name);
    assert_eq!(h.stream_method(), c.method, "{}", c.name);
    assert_eq!(h.authenticated_as(), PasswordKind::User, "{}", c.name);
    assert_eq!(r.pages().unwrap().len(), expect_pages);
    for p in 0..expect_pages {
        assert_eq!(page_text(&r, p), format!("BT /F1 24 Tf 72 720 Td (Page {}) Tj ET", p + 1), "{}", c.name);
    }
    assert_eq!(title(&r), b"Sample (test)", "{}", c.name);
    r.check_xref().unwrap();
    // owner password
    let r = open_pw(enc, Some("owner")).unwrap();
    assert_eq!(r.security_handler().unwrap().authenticated_as(), PasswordKind::Owner);
    assert_eq!(page_text(&r, 0), "BT /F1 24 Tf 72 720 Td (Page 1) Tj ET");
    // wrong password
    match open_pw(enc, Some("wrong")) {
        Err(PdfError::WrongPassword) => {}
        other => panic!("{}: expected WrongPassword, got {:?}", c.name, other.err()),
    }
    // no password
    match open_pw(enc, None) {
        Ok(r) if c.user.is_empty() => {
            assert_eq!(page_text(&r, 0), "BT /F1 24 Tf 72 720 Td (Page 1) Tj ET")
        }
        Err(PdfError::PasswordRequired) if !c.user.is_empty() => {
            let msg = PdfError::PasswordRequired.to_string();
            assert!(msg.contains("password is needed"), "{msg}");
        }
        other => panic!("{}: no password: {:?}", c.name, other.map(|_| ())),
    }
}

#[test]
fn read_all_handlers() {
    if !have_peers(&["qpdf"]) {
        return;
    }
    for c in CASES.iter().chain([&R6_USER]) {
        let enc = encrypt(&sample_pdf(2), c);
        check_read(&enc, c, 2);
    }
    // object streams + xref stream: the object stream is decrypted as a
    // stream and its members are plain.
    for c in CASES {
        let mut args = c.qpdf[..c.qpdf.len() - 1].to_vec();
        args.extend(["--", "--object-streams=generate"]);
        let enc = qpdf_convert(&sample_pdf(3), &args);
        let r = open_pw(&enc, Some(c.user)).unwrap();
        assert_eq!(r.revisions().last().unwrap().kind, kyso::pdf::XrefKind::Stream, "{}", c.name);
        check_read(&enc, c, 3);
    }
    // cleartext metadata (EncryptMetadata false) with AESV2 and AESV3
    for c in [case(4), case(5)] {
        let mut b = Builder::new();
        b.obj(1, b"<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>");
        b.obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        b.obj(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>");
        b.stream(4, "", b"BT ET");
        b.stream(5, "/Type /Metadata /Subtype /XML", b"<x:xmpmeta>kyso</x:xmpmeta>");
        let plain = b.finish("/ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]");
        let mut args = c.qpdf[..c.qpdf.len() - 1].to_vec();
        args.extend(["--cleartext-metadata", "--"]);
        let enc = qpdf_convert(&plain, &args);
        assert!(enc.windows(10).any(|w| w == b"<x:xmpmeta"), "metadata stays readable in the file");
        let r = open_pw(&enc, Some(c.user)).unwrap();
        assert!(!r.security_handler().unwrap().encrypt_metadata());
        let cat = r.catalog().unwrap();
        let m = r.get(cat.get(b"Metadata").unwrap()).unwrap();
        assert_eq!(r.stream_data(m.as_stream().unwrap()).unwrap(), b"<x:xmpmeta>kyso</x:xmpmeta>");
        let pref = r.pages().unwrap()[0];
        let pd = r.resolve(pref).unwrap();
        let cs = r.get(pd.as_dict().unwrap().get(b"Contents").unwrap()).unwrap();
        assert_eq!(r.stream_data(cs.as_stream().unwrap()).unwrap(), b"BT ET");
    }
}

#[test]
fn unsupported_handlers_are_reported() {
    // A public-key handler and an unknown revision, hand-made.
    for (encrypt, want) in [
        ("<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 /R 4 >>", "Adobe.PubSec"),
        ("<< /Filter /Standard /V 2 /R 7 /O <00> /U <00> /P -4 >>", "/R 7"),
        ("<< /Filter /Standard /V 3 /R 3 /O <00> /U <00> /P -4 >>", "/V 3"),
    ] {
        let mut b = Builder::new();
        b.obj(1, b"<< /Type /Catalog /Pages 2 0 R >>");
        b.obj(2, b"<< /Type /Pages /Kids [] /Count 0 >>");
        b.obj(3, encrypt.as_bytes());
        let data = b.finish("/Encrypt 3 0 R /ID [<00> <00>]");
        match PdfReader::open(&data) {
            Err(e @ PdfError::UnsupportedEncryption(_)) => {
                assert!(e.to_string().contains(want), "{e}")
            }
            other => panic!("{encrypt}: {:?}", other.map(|_| ())),
        }
    }
}

fn opts(field: &str, pw: &str) -> SignOptions {
    SignOptions {
        field_name: Some(field.to_string()),
        name: Some("Nguyễn Văn A".into()),
        reason: Some(VN_REASON.into()),
        location: Some(VN_LOCATION.into()),
        contact_info: Some("vanthu@thainguyen.gov.vn".into()),
        signing_time_unix: 1_735_700_000,
        tz_offset_minutes: 420,
        contents_len: 8192,
        password: Some(pw.as_bytes().to_vec()),
        ..SignOptions::default()
    }
}

fn pw_args(c: &Case) -> (Vec<String>, Vec<String>, Vec<String>) {
    // (qpdf --check, pyhanko validate, pdfsig)
    if c.user.is_empty() {
        (vec![], vec![], vec![])
    } else {
        (
            vec![format!("--password={}", c.user)],
            vec!["--password".into(), c.user.into()],
            vec!["-upw".into(), c.user.into()],
        )
    }
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// qpdf --check, pyHanko (all valid, newest covers the file), pdfsig, our
/// discovery with decrypted texts.
fn check_signed(pdf: &[u8], c: &Case, names: &[&str]) -> String {
    let (q, p, s) = pw_args(c);
    qpdf_check_args(pdf, &strs(&q));
    let report = assert_pyhanko_all_valid_args(pdf, names, &strs(&p));
    let pdfsig = assert_pdfsig_valid_args(pdf, names.len(), &strs(&s));
    let r = open_pw(pdf, Some(c.user)).unwrap();
    let sigs = find_signatures(&r).unwrap();
    assert_eq!(sigs.iter().map(|s| s.field_name.as_str()).collect::<Vec<_>>(), names);
    for (i, sig) in sigs.iter().enumerate() {
        assert!(sig.problems.is_empty(), "{:?}", sig.problems);
        assert_eq!(sig.covers_whole_file, i + 1 == sigs.len());
        assert_eq!(sig.contents.as_ref().unwrap()[0], 0x30);
    }
    format!("{report}\n{pdfsig}")
}

fn utf16_hex(s: &str) -> String {
    let mut h = String::from("feff");
    for u in s.encode_utf16() {
        h.push_str(&format!("{u:04x}"));
    }
    h
}

/// `qpdf --qdf --decrypt` of the file, lower-cased (to look for plaintext).
fn qpdf_decrypted_text(pdf: &[u8], c: &Case) -> String {
    let mut args = vec!["--qdf".to_string(), "--object-streams=disable".into(), "--decrypt".into()];
    args.extend(pw_args(c).0);
    String::from_utf8_lossy(&qpdf_convert(pdf, &strs(&args))).to_lowercase()
}

fn sign_case(c: &Case) {
    let input = encrypt(&sample_pdf(2), c);
    let mut o = opts("Chữ ký 1", c.user);
    // visible: the appearance stream is encrypted by the writer too
    o.appearance = Some(Appearance {
        rect: [72.0, 72.0, 272.0, 122.0],
        stream: b"q 0 0 1 rg 0 0 200 50 re f Q BT /Helv 12 Tf 5 20 Td (kyso-visible) Tj ET".to_vec(),
        resources: Dict::new(),
    });
    let out = sign_with(&input, &o);
    assert_eq!(&out[..input.len()], &input[..]);
    let report = check_signed(&out, c, &["Chữ ký 1"]);
    eprintln!("== {}\n{report}", c.name);
    let appended = String::from_utf8_lossy(&out[input.len()..]).to_lowercase();
    // strings of the new revision are encrypted...
    assert!(!appended.contains(&utf16_hex(VN_REASON)), "{}", c.name);
    assert!(!appended.contains("kyso-visible"), "{}", c.name);
    assert!(!appended.contains("d:2025"), "/M is encrypted");
    // ...and qpdf decrypts them to the plaintext
    let qdf = qpdf_decrypted_text(&out, c);
    assert!(qdf.contains(&utf16_hex(VN_REASON)), "{}: reason", c.name);
    assert!(qdf.contains(&utf16_hex(VN_LOCATION)), "{}: location", c.name);
    assert!(qdf.contains("kyso-visible"), "{}: appearance", c.name);
    assert!(qdf.contains("d:20250101095320+07'00'"), "{}: /M", c.name);
    let r = open_pw(&out, Some(c.user)).unwrap();
    let s = &find_signatures(&r).unwrap()[0];
    assert_eq!(s.reason.as_deref(), Some(VN_REASON));
    assert_eq!(s.location.as_deref(), Some(VN_LOCATION));
    assert_eq!(s.name.as_deref(), Some("Nguyễn Văn A"));
    assert_eq!(s.m.as_deref(), Some("D:20250101095320+07'00'"));
    assert_eq!(page_text(&r, 1), "BT /F1 24 Tf 72 720 Td (Page 2) Tj ET");

    // sequential second signature (opened with the owner password this
    // time), then both stay valid
    let mut o2 = opts("Chữ ký 2", "owner");
    o2.page = 1;
    o2.reason = Some("Đồng ý".into());
    let out2 = sign_with(&out, &o2);
    let report = check_signed(&out2, c, &["Chữ ký 1", "Chữ ký 2"]);
    eprintln!("== {} (2 signatures)\n{report}", c.name);
    let r = open_pw(&out2, Some(c.user)).unwrap();
    let s = find_signatures(&r).unwrap();
    assert_eq!(s[0].reason.as_deref(), Some(VN_REASON));
    assert_eq!(s[1].reason.as_deref(), Some("Đồng ý"));
    assert_eq!(s[0].covered_revision, Some(1));
    assert_eq!(s[1].covered_revision, Some(2));
}

#[test]
fn sign_aesv2() {
    if have_peers(ALL_PEERS) {
        sign_case(case(4));
    }
}

#[test]
fn sign_aesv3_r6_empty_user_password() {
    if have_peers(ALL_PEERS) {
        sign_case(case(5));
    }
}

#[test]
fn sign_aesv3_r6_user_password() {
    if have_peers(ALL_PEERS) {
        sign_case(&R6_USER);
    }
}

#[test]
fn sign_rc4_128() {
    if have_peers(ALL_PEERS) {
        sign_case(case(2));
    }
}

#[test]
fn sign_rc4_40() {
    if have_peers(ALL_PEERS) {
        sign_case(case(1));
    }
}

#[test]
fn sign_needs_the_password() {
    if !have_peers(&["qpdf"]) {
        return;
    }
    let enc = encrypt(&sample_pdf(1), case(4));
    let mut o = opts("S", "user");
    o.password = None;
    assert!(matches!(prepare(&enc, &o), Err(PdfError::PasswordRequired)));
    o.password = Some(b"nope".to_vec());
    assert!(matches!(prepare(&enc, &o), Err(PdfError::WrongPassword)));
    // restricted permissions: the user password may not add a field, the
    // owner password may
    let mut args = case(4).qpdf[..case(4).qpdf.len() - 1].to_vec();
    args.extend(["--modify=none", "--"]);
    let locked = qpdf_convert(&sample_pdf(1), &args);
    match prepare(&locked, &opts("S", "user")) {
        Err(PdfError::NotAllowed(m)) => assert!(m.contains("permissions"), "{m}"),
        other => panic!("{:?}", other.map(|_| ())),
    }
    assert!(prepare(&locked, &opts("S", "owner")).is_ok());
}

/// DER length of the CMS at the start of /Contents (the rest is padding).
fn der_len(b: &[u8]) -> usize {
    assert_eq!(b[0], 0x30);
    let l = b[1] as usize;
    if l < 0x80 {
        return 2 + l;
    }
    let n = l & 0x7f;
    assert!((1..=4).contains(&n));
    let len = b[2..2 + n].iter().fold(0usize, |a, &x| (a << 8) | x as usize);
    2 + n + len
}

#[test]
fn pyhanko_signed_encrypted_is_discovered() {
    if !have_peers(ALL_PEERS) {
        return;
    }
    for c in [case(4), case(5), case(2)] {
        let input = encrypt(&sample_pdf(1), c);
        let signed = pyhanko_sign_pw(
            &input,
            "Sig1",
            &["--reason", VN_REASON],
            Some(if c.user.is_empty() { "" } else { c.user }),
        );
        let r = open_pw(&signed, Some(c.user)).unwrap();
        let s = find_signatures(&r).unwrap();
        assert_eq!(s.len(), 1, "{}", c.name);
        let s = &s[0];
        assert!(s.problems.is_empty(), "{}: {:?}", c.name, s.problems);
        assert!(s.covers_whole_file);
        assert_eq!(s.covered_revision, Some(1));
        assert_eq!(s.reason.as_deref(), Some(VN_REASON), "{}", c.name);
        let contents = s.contents.as_ref().unwrap();
        let der = &contents[..der_len(contents)];
        assert!(contents[der.len()..].iter().all(|&b| b == 0));
        let [a, b] = signed_chunks(&signed, s.byte_range.as_ref().unwrap()).unwrap();
        let chunks = write_tmp("chunks", &[a, b].concat());
        let der_p = write_tmp("der", der);
        let out = Command::new("openssl")
            .args(["cms", "-verify", "-binary", "-inform", "DER", "-noverify", "-content"])
            .arg(&chunks)
            .arg("-in")
            .arg(&der_p)
            .args(["-out", "/dev/null"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success() && text.contains("Verification successful"), "{}: {text}", c.name);
        eprintln!("{}: pyHanko signature: openssl says {}", c.name, text.trim());
        let _ = std::fs::remove_file(chunks);
        let _ = std::fs::remove_file(der_p);
        // and we can sign on top of pyHanko's encrypted revision
        let out = sign_with(&signed, &opts("Kyso", c.user));
        check_signed(&out, c, &["Sig1", "Kyso"]);
    }
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

fn exercise(data: &[u8], pw: &str) {
    for r in [
        open_pw(data, Some(pw)),
        PdfReader::open_with(
            data,
            ReadOptions { allow_reconstruct: true, password: Some(pw.as_bytes().to_vec()), ..ReadOptions::default() },
        ),
    ]
    .into_iter()
    .flatten()
    {
        if let Ok(pages) = r.pages() {
            for p in pages.iter().take(4) {
                if let Ok(Object::Dict(d)) = r.resolve(*p)
                    && let Some(c) = d.get(b"Contents")
                    && let Ok(Object::Stream(s)) = r.get(c)
                {
                    let _ = r.stream_data(&s);
                }
            }
        }
        for n in 1..r.max_object_number().min(40) {
            let _ = r.resolve(ObjRef::new(n, 0));
        }
        let _ = find_signatures(&r);
        let _ = r.check_xref();
    }
    let _ = prepare(data, &opts("Fuzz", pw));
}

#[test]
fn mutated_encrypted_files_never_panic() {
    if !have_peers(&["qpdf"]) {
        return;
    }
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for c in CASES {
        let base = encrypt(&sample_pdf(1), c);
        let mut osargs = c.qpdf[..c.qpdf.len() - 1].to_vec();
        osargs.extend(["--", "--object-streams=generate"]);
        let os = qpdf_convert(&sample_pdf(1), &osargs);
        // a signed one too (fake CMS: no peers needed)
        let prep = prepare(&base, &opts("S1", c.user)).unwrap();
        let mut signed = base.clone();
        signed.extend_from_slice(&prep.finish(&[0x30, 0x03, 0x02, 0x01, 0x01]).unwrap());
        {
            let r = open_pw(&signed, Some(c.user)).unwrap();
            let s = find_signatures(&r).unwrap();
            assert!(s[0].problems.is_empty() && s[0].covers_whole_file);
            assert_eq!(s[0].contents.as_ref().unwrap()[..5], [0x30, 0x03, 0x02, 0x01, 0x01]);
        }
        // R6 key derivation is slow in unoptimised test builds.
        let (step, rounds) = if c.r == 6 { (997, 20) } else { (131, 150) };
        for doc in [&base, &os, &signed] {
            for cut in (0..doc.len()).step_by(step) {
                exercise(&doc[..cut], c.user);
            }
            for _ in 0..rounds {
                let mut t = doc.to_vec();
                for _ in 0..1 + rng.below(4) {
                    let pos = rng.below(t.len());
                    match rng.below(3) {
                        0 => t[pos] = rng.next() as u8,
                        1 => {
                            let junk: &[u8] = [&b"/R 6"[..], b"/V 5", b"<>", b"/Length 7", b"/O <00>"][rng.below(5)];
                            let end = (pos + junk.len()).min(t.len());
                            t[pos..end].copy_from_slice(&junk[..end - pos]);
                        }
                        _ => {
                            t.remove(pos);
                        }
                    }
                }
                exercise(&t, c.user);
            }
        }
    }
}

//! Timing on a ~12 MB invoice (not an assertion). Run:
//! `cargo test --release --test timing -- --ignored --nocapture`

use std::process::Command;
use std::time::Instant;

use crate::common::{peer, pki, rsa_opts, rsa_signer, run, write_tmp};
use kyso::xml::{Profile, SignatureMethod, XmlSignOptions, sign, verify};

fn big_invoice() -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><HDon><DLHDon Id=\"Id-1\"><TTChung><PBan>2.0.1</PBan><THDon>HÓA ĐƠN GIÁ TRỊ GIA TĂNG</THDon><SHDon>1</SHDon></TTChung><NDHDon><DSHHDVu>\n",
    );
    let mut i = 0;
    while s.len() < 12_500_000 {
        i += 1;
        s.push_str(&format!(
            "  <HHDVu><TChat>1</TChat><STT>{i}</STT><MHHDVu>SP{i:08}</MHHDVu><THHDVu>Hàng hóa thử nghiệm số {i} &amp; dịch vụ kèm theo</THHDVu><DVTinh>Cái</DVTinh><SLuong>{}</SLuong><DGia>125000</DGia><ThTien>{}</ThTien><TSuat>10%</TSuat></HHDVu>\n",
            i % 17 + 1,
            (i % 17 + 1) * 125_000
        ));
    }
    s.push_str("</DSHHDVu></NDHDon></DLHDon><DSCKS><NBan></NBan></DSCKS></HDon>\n");
    s
}

fn secs(t: Instant) -> String {
    format!("{:.3} s", t.elapsed().as_secs_f64())
}

#[test]
#[ignore]
fn timing_12mb() {
    let p = pki();
    let doc = big_invoice();
    eprintln!("document: {:.1} MB", doc.len() as f64 / 1e6);
    let chain = vec![p.rsa_der.clone(), p.inter_der.clone()];
    let mut signer = rsa_signer(&p.rsa_key, SignatureMethod::RsaSha256);

    for (name, opts) in [
        ("whole document (URI=\"\")", rsa_opts(SignatureMethod::RsaSha256)),
        ("e-invoice profile", XmlSignOptions { profile: Profile::EInvoice, ..rsa_opts(SignatureMethod::RsaSha256) }),
        (
            "whole document, exc-c14n",
            XmlSignOptions { c14n: kyso::xml::c14n::Algorithm::ExcC14n, ..rsa_opts(SignatureMethod::RsaSha256) },
        ),
    ] {
        let t = Instant::now();
        let out = sign(doc.as_bytes(), &opts, &chain, &mut signer).unwrap();
        eprintln!("kyso sign   {name}: {}", secs(t));
        let t = Instant::now();
        let r = verify(&out, &[]).unwrap();
        eprintln!("kyso verify {name}: {}", secs(t));
        assert!(r[0].is_intact());
        if name.starts_with("whole document (") && peer("xmlsec1") {
            let f = write_tmp("big-kyso.xml", &out);
            let t = Instant::now();
            let (ok, text) = run(Command::new("xmlsec1").args([
                "--verify",
                "--trusted-pem",
                &p.path("root.pem"),
                "--untrusted-pem",
                &p.path("inter.pem"),
                &f,
            ]));
            eprintln!("xmlsec1 --verify (kyso output) {name}: {} ok={ok}", secs(t));
            assert!(ok, "{text}");
        }
    }
    if peer("xmlsec1") {
        let sig = "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo><CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/><SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/><Reference URI=\"\"><Transforms><Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/><Transform Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/></Transforms><DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>";
        let tpl = write_tmp("big-tpl.xml", doc.replace("<NBan></NBan>", &format!("<NBan>{sig}</NBan>")).as_bytes());
        let out = p.path("big-xmlsec.xml");
        let keyarg = format!("{},{}", p.path("signer.key"), p.path("signer.pem"));
        let t = Instant::now();
        let (ok, text) =
            run(Command::new("xmlsec1").args(["--sign", "--privkey-pem", &keyarg, "--output", &out, &tpl]));
        eprintln!("xmlsec1 --sign   whole document: {} ok={ok}", secs(t));
        assert!(ok, "{text}");
        let t = Instant::now();
        let (ok, _) = run(Command::new("xmlsec1").args([
            "--verify",
            "--trusted-pem",
            &p.path("root.pem"),
            "--untrusted-pem",
            &p.path("inter.pem"),
            &out,
        ]));
        eprintln!("xmlsec1 --verify whole document: {} ok={ok}", secs(t));
        let data = std::fs::read(&out).unwrap();
        let t = Instant::now();
        let r = verify(&data, &[]).unwrap();
        eprintln!("kyso verify (xmlsec1 output): {}", secs(t));
        assert!(r[0].is_intact());
    }
}

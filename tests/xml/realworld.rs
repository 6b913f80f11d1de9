//! The real-world XAdES/XMLDSig files of ../shared/interop/realworld/xml (EU DSS test
//! resources) against xmlsec1's verdicts in reference.tsv: where xmlsec1 says the
//! signature is intact (`ok`), kyso never says invalid, and at most 2 % are unsupported;
//! the XSW attack files are never valid; nothing is a file-level error (but the file
//! malformed on purpose) or a panic.

use kyso::verify::{ReasonCode, Verdict, VerifyOptions};

#[test]
fn realworld_xml_zero_false_invalid() {
    let dir = crate::common::interop().join("realworld");
    let tsv = std::fs::read_to_string(dir.join("reference.tsv")).unwrap();
    let opts = VerifyOptions { trust: Default::default(), at: kyso::pki::time::now_unix(), ..Default::default() };
    let (mut ok, mut unsupported, mut attacks, mut others) = (0, 0, 0, 0);
    let mut lines = Vec::new();
    for row in tsv.lines().filter(|l| l.starts_with("xml\t")) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (name, reference) = (cols[1], cols[3]);
        let path = dir.join("xml").join(name);
        if !path.exists() {
            continue;
        }
        let r = kyso::verify::xml::verify(&path, &opts, &kyso::xml::dsig::default_id_attrs());
        let codes: Vec<String> = r.signatures.iter().flat_map(|s| s.reasons.iter().map(|x| x.code.as_str())).collect();
        lines.push(format!("{reference:8} {:?} {name} {codes:?}", r.verdict));
        // a file-level error only where the file is malformed on purpose
        assert!(r.verdict != Verdict::Error || name.contains("malformed"), "{name}: {:?}", r.reasons);
        match reference {
            "ok" => {
                ok += 1;
                assert_ne!(
                    r.verdict,
                    Verdict::Invalid,
                    "{name}: xmlsec1 says intact: {:?}",
                    r.signatures.iter().map(|s| &s.reasons).collect::<Vec<_>>()
                );
                if r.signatures.iter().any(|s| s.reasons.iter().any(|x| x.code == ReasonCode::UnsupportedAlgorithm)) {
                    unsupported += 1;
                }
            }
            "attack" => {
                attacks += 1;
                assert_ne!(r.verdict, Verdict::Valid, "{name}");
            }
            _ => others += 1,
        }
    }
    eprintln!("{}", lines.join("\n"));
    eprintln!(
        "xmlsec1-intact: {ok}, of which unsupported by kyso: {unsupported}; attack files: {attacks}; unchecked: {others}"
    );
    assert!(ok >= 40, "{ok}");
    assert!(unsupported * 100 <= ok * 2, "{unsupported} of {ok} unsupported");
}

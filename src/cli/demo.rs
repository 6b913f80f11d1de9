//! `kyso demo [DIR]`: the main job on embedded defaults.
//!
//! Makes a throwaway test PKI in DIR (root CA → intermediate CA → a leader's personal
//! certificate and the agency's organization certificate), then signs and verifies the
//! embedded samples with it as those capabilities exist. The demo owns DIR's files
//! and replaces them on every run.

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::pki::info::CertInfo;
use crate::pki::issue::{IssueRequest, Profile};
use crate::pki::key::KeyType;
use crate::pki::store::{IdentityFiles, LoadedCa};
use crate::pki::{dn, store, time};
use crate::report::output::Output;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Folder for the demo's files (created if missing; its demo files are replaced)
    #[arg(default_value = "kyso-demo")]
    pub dir: PathBuf,
}

/// The demo PKI: who is who.
pub const DEMO_SUBJECTS: [(&str, &str, Profile); 4] = [
    ("root", "CN=Kyso Demo Root CA,O=Kyso Demo,C=VN", Profile::Root),
    ("inter", "CN=Kyso Demo Sub CA,O=Kyso Demo,C=VN", Profile::Intermediate),
    (
        "leader",
        "CN=Nguyễn Văn An,T=Chủ tịch,UID=CCCD:001088012345,O=UBND tỉnh Thái Nguyên,L=Thái Nguyên,C=VN",
        Profile::Person,
    ),
    (
        "agency",
        "CN=UBND tỉnh Thái Nguyên,UID=MST:4600100155,O=UBND tỉnh Thái Nguyên,L=Thái Nguyên,C=VN",
        Profile::Organization,
    ),
];

/// The embedded sample letter (Vietnamese), signed as a detached CMS signature.
pub const SAMPLE_TEXT: &[u8] = include_bytes!("../../fixtures/sample.txt");
/// A synthetic e-invoice (Circular 78/2021 layout), signed by the agency.
pub const SAMPLE_EINVOICE: &[u8] = include_bytes!("../../fixtures/sample-einvoice.xml");
/// Synthetic images made for the project: the leader's signature and the agency's seal.
pub const SIGNATURE_PNG: &[u8] = include_bytes!("../../assets/images/signature.png");
pub const SEAL_PNG: &[u8] = include_bytes!("../../assets/images/seal.png");
/// The same letter as a PDF, signed by the leader and then by the agency.
pub const SAMPLE_PDF: &[u8] = include_bytes!("../../fixtures/sample.pdf");

pub fn run(args: DemoArgs, out: &Output) -> Result<ExitStatus> {
    let l = out.lang;
    std::fs::create_dir_all(&args.dir).map_err(|source| crate::Error::Write { path: args.dir.clone(), source })?;
    let now = time::now_unix() - 60;
    let mut steps: Vec<String> = Vec::new();
    let mut made: Vec<(String, CertInfo)> = Vec::new();
    let mut cas: Vec<LoadedCa> = Vec::new();
    for (name, subject, profile) in DEMO_SUBJECTS {
        let days = match profile {
            Profile::Root => 3650,
            Profile::Intermediate => 1825,
            _ => 365,
        };
        let req = IssueRequest {
            subject: dn::parse(subject).map_err(|reason| crate::Error::InvalidDn { input: subject.into(), reason })?,
            profile,
            not_before: now,
            not_after: now + days * 86_400,
            emails: vec![],
            urls: Default::default(),
        };
        // Root signs the intermediate; the intermediate signs both signers.
        let issuer = match profile {
            Profile::Root => None,
            Profile::Intermediate => cas.first(),
            _ => cas.last(),
        };
        let key_type = if profile.is_ca() { KeyType::P256 } else { KeyType::Rsa2048 };
        let id = store::create(&req, key_type, issuer)?;
        let files = IdentityFiles::for_prefix(&args.dir.join(name), None);
        files.write(&id.key, &id.chain, None, true)?;
        let info = CertInfo::new(&id.chain[0]);
        steps.push(format!("{} {:<7} {}  ({})", l.pick("issued", "đã cấp"), name, info.subject, files.cert.display()));
        made.push((name.to_string(), info));
        if profile.is_ca() {
            cas.push(LoadedCa {
                cert: id.chain[0].clone(),
                key: id.key,
                chain: id.chain,
                cert_path: files.cert.clone(),
            });
        }
    }
    // Sign the embedded sample as the leader, then verify it against the demo root.
    let sample = args.dir.join("sample.txt");
    crate::fsutil::write_atomic(&sample, SAMPLE_TEXT, crate::fsutil::WriteOptions::PUBLIC.force(true))?;
    let leader = IdentityFiles::for_prefix(&args.dir.join("leader"), None);
    let id = crate::pki::identity::SigningIdentity::from_files(&leader.key, &leader.chain, &[], None)?;
    let p7s = crate::fsutil::with_suffix(&sample, ".p7s");
    let der = crate::cms::detached::sign(
        SAMPLE_TEXT,
        &id,
        crate::pki::alg::DigestAlg::Sha256,
        false,
        time::now_unix(),
        None,
    )?;
    crate::fsutil::write_atomic(&p7s, &der, crate::fsutil::WriteOptions::PUBLIC.force(true))?;
    steps.push(format!("{} {} → {}", l.pick("signed", "đã ký"), sample.display(), p7s.display()));
    // The PDF: the leader approves (ký phê duyệt), then the agency issues (ký phát hành),
    // each signature in its own incremental revision.
    let pdf_in = args.dir.join("sample.pdf");
    crate::fsutil::write_atomic(&pdf_in, SAMPLE_PDF, crate::fsutil::WriteOptions::PUBLIC.force(true))?;
    let mut pdf = SAMPLE_PDF.to_vec();
    for (who, reason, step, image) in [
        ("leader", "Phê duyệt", crate::pdf::Step::Approve, SIGNATURE_PNG),
        ("agency", "Phát hành", crate::pdf::Step::Issue, SEAL_PNG),
    ] {
        // Decree 30/2020: the leader's signature image above the name, then the seal over
        // its left third with the document number and the issuing time.
        let mut visible = crate::pdf::AppearanceSpec::new(step, 0);
        visible.placement = crate::pdf::Placement::Anchor { text: "Nguyễn Văn An".into(), dx: 0.0, dy: 0.0 };
        visible.image = Some(image.to_vec());
        visible.doc_number = Some("123/UBND-VP".into());
        let files = IdentityFiles::for_prefix(&args.dir.join(who), None);
        let id = crate::pki::identity::SigningIdentity::from_files(&files.key, &files.chain, &[], None)?;
        let opts = crate::pdf::pades::PadesOptions {
            reason: Some(reason.to_string()),
            location: Some("Thái Nguyên".to_string()),
            signing_time: time::now_unix(),
            tz_offset_minutes: crate::pdf::pades::VIETNAM_UTC_OFFSET_MINUTES,
            visible: Some(visible),
            ..Default::default()
        };
        let appended = crate::pdf::pades::sign_pdf(&pdf, &id, &opts)?;
        pdf.extend_from_slice(&appended);
    }
    let pdf_out = args.dir.join("sample.signed.pdf");
    crate::fsutil::write_atomic(&pdf_out, &pdf, crate::fsutil::WriteOptions::PUBLIC.force(true))?;
    steps.push(format!(
        "{} {} → {} ({})",
        l.pick("signed", "đã ký"),
        pdf_in.display(),
        pdf_out.display(),
        l.pick("leader approves, then the agency issues", "lãnh đạo phê duyệt, rồi cơ quan phát hành")
    ));
    // The e-invoice: enveloped XMLDSig in HDon/DSCKS/NBan, signed by the agency.
    let xml_in = args.dir.join("sample-einvoice.xml");
    crate::fsutil::write_atomic(&xml_in, SAMPLE_EINVOICE, crate::fsutil::WriteOptions::PUBLIC.force(true))?;
    let agency = IdentityFiles::for_prefix(&args.dir.join("agency"), None);
    let id = crate::pki::identity::SigningIdentity::from_files(&agency.key, &agency.chain, &[], None)?;
    let mut xml_opts = crate::xml::XmlSignOptions::einvoice();
    xml_opts.signing_time = Some(time::rfc3339_offset(time::now_unix(), crate::pdf::pades::VIETNAM_UTC_OFFSET_MINUTES));
    let signed_xml =
        crate::xml::identity::sign(SAMPLE_EINVOICE, xml_opts, &id, crate::pki::alg::DigestAlg::Sha256, false)?;
    let xml_out = args.dir.join("sample-einvoice.signed.xml");
    crate::fsutil::write_atomic(&xml_out, &signed_xml, crate::fsutil::WriteOptions::PUBLIC.force(true))?;
    steps.push(format!("{} {} → {}", l.pick("signed", "đã ký"), xml_in.display(), xml_out.display()));
    let trust = crate::verify::trust::TrustStore::load(&[args.dir.join("root.crt")], &[], &[])?;
    let opts = crate::verify::VerifyOptions { trust, ..crate::verify::VerifyOptions::at(time::now_unix()) };
    let reports = vec![
        crate::verify::detached::verify(&sample, &p7s, &opts),
        crate::verify::pdf::verify(&pdf_out, &opts),
        crate::verify::xml::verify(&xml_out, &opts, &crate::xml::dsig::default_id_attrs()),
    ];
    let all_valid = crate::verify::Summary::of(&reports).all_valid();
    out.result(
        || {
            let mut s = format!(
                "{} {}\n",
                l.pick("kyso demo: a throwaway test PKI in", "kyso demo: PKI thử nghiệm dùng một lần trong"),
                args.dir.display()
            );
            for st in &steps {
                s += &format!("  {st}\n");
            }
            s += &format!("\n{}\n", l.pick("Leader's certificate:", "Chứng thư của lãnh đạo:"));
            if let Some((_, info)) = made.iter().find(|(n, _)| n == "leader") {
                s += &crate::report::cert::render_cert(l, info);
            }
            s += &format!("\n{}\n", l.pick("Verification:", "Kiểm tra chữ ký:"));
            for r in &reports {
                s += &crate::report::verdict::render_file(out, r);
            }
            s
        },
        || {
            json!({
                "dir": args.dir,
                "certificates": made.iter().map(|(n, i)| json!({"name": n, "certificate": i})).collect::<Vec<_>>(),
                "verification": crate::report::verdict::report_json(&reports, l),
            })
        },
    );
    if !all_valid {
        return Err(Error::Crypto("the demo's own signature did not verify".into()));
    }
    Ok(ExitStatus::Success)
}

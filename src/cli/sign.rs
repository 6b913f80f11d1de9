//! `kyso sign FILE`: sign a document, by its format: a PDF gets a PAdES signature in a new
//! incremental revision; any other file (or any file with `--detached`) a detached CMS
//! signature `FILE.p7s`.

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use super::args::SignerArgs;
use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::format::{self, DocFormat};
use crate::fsutil;
use crate::pdf::pades::{self, PadesOptions};
use crate::pdf::{DocMdp, SubFilter};
use crate::pki::{dn, time};
use crate::report::output::Output;

pub use super::sign_args::{C14nArg, CertifyArg, PdfArgs, StepArg, SubFilterArg, XmlArgs, XmlProfileArg};

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    kyso sign cong-van.pdf -o cong-van.signed.pdf --key pki/leader.key --cert pki/leader.chain.pem --reason \"Phê duyệt\"\n  \
    kyso sign report.docx --p12 clerk.p12            # writes report.docx.p7s")]
pub struct SignArgs {
    /// The document to sign (never modified)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub signer: SignerArgs,
    /// Output file [default: FILE.p7s for a detached signature, NAME.signed.pdf for a PDF]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write a detached CMS signature (.p7s) whatever the document's format
    #[arg(long)]
    pub detached: bool,
    /// Write an attached CMS signature (FILE.p7m) that carries the document, whatever its format
    #[arg(long, conflicts_with = "detached")]
    pub attached: bool,
    /// Write the detached signature as PEM instead of DER
    #[arg(long)]
    pub pem: bool,
    /// Overwrite an existing output file
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub pdf: PdfArgs,
    #[command(flatten)]
    pub xml: XmlArgs,
    #[command(flatten)]
    pub level: super::ltv::LevelArgs,
}

pub fn run(mut args: SignArgs, out: &Output) -> Result<ExitStatus> {
    super::profile::apply(&mut args.signer, &mut args.pdf, &mut args.xml)?;
    let fmt = format::sniff(&args.file).map_err(|source| Error::Read { path: args.file.clone(), source })?;
    let kind = if args.detached || args.attached { DocFormat::Other } else { fmt };
    let output = args.output.clone().unwrap_or_else(|| match args.attached {
        true => crate::sign::default_attached_output(&args.file),
        false => crate::sign::default_output(&args.file, kind),
    });
    // Checked again when writing; here so that nothing is asked (password, PIN) in vain.
    fsutil::check_writable(&output, args.force)?;
    let mut level = args.level.settings(Vec::new())?;
    let id = args.signer.load(out)?;
    level.sources.certs = id.chain.clone();
    let mut settings = settings(&args.signer, &args.pdf, &args.xml, args.pem, args.force)?;
    settings.attached = args.attached;
    settings.level = level;
    let signed = crate::sign::sign_document(&args.file, &output, kind, &id, &settings)?;
    let subject = dn::to_string(id.cert.tbs_certificate().subject());
    let scheme = id.signer.scheme(args.signer.digest.into(), args.signer.pss).name();
    let l = out.lang;
    out.result(
        || {
            let mut text = format!(
                "{} {} → {}\n  {:<12} {subject}\n  {:<12} {scheme}\n",
                l.pick("signed", "đã ký"),
                args.file.display(),
                signed.output.display(),
                l.pick("signer:", "người ký:"),
                l.pick("algorithm:", "thuật toán:"),
            );
            if signed.level != crate::sign::Level::B {
                text += &format!("  {:<12} {}\n", l.pick("level:", "mức:"), signed.level.name());
            }
            text
        },
        || {
            json!({"signed": [{
                "input": args.file, "output": signed.output, "format": signed.format, "signer": subject,
                "algorithm": scheme, "signing_time": time::rfc3339(signed.signing_time), "bytes": signed.bytes,
                "level": signed.level.name(),
            }]})
        },
    );
    Ok(ExitStatus::Success)
}

/// Signing settings from the command line (shared with `kyso batch sign`).
pub fn settings(
    signer: &SignerArgs,
    pdf: &PdfArgs,
    xml: &XmlArgs,
    pem: bool,
    force: bool,
) -> Result<crate::sign::SignSettings> {
    let mut pdf_opts = pades_options(pdf, signer, 0);
    pdf_opts.visible = visible_spec(pdf)?;
    pdf_opts.password =
        crate::pki::load::password(pdf.pdf_password_file.as_deref(), "KYSO_PDF_PASSWORD")?.map(|p| p.to_vec());
    Ok(crate::sign::SignSettings {
        digest: signer.digest.into(),
        pss: signer.pss,
        pdf: pdf_opts,
        xml: xml_options(xml),
        pem,
        force,
        attached: false,
        level: crate::sign::LevelSettings::default(),
    })
}

/// PAdES options from the command line.
pub fn pades_options(pdf: &PdfArgs, signer: &SignerArgs, now: i64) -> PadesOptions {
    PadesOptions {
        subfilter: match pdf.subfilter {
            SubFilterArg::Pades => SubFilter::EtsiCadesDetached,
            SubFilterArg::Adbe => SubFilter::AdbePkcs7Detached,
        },
        digest: signer.digest.into(),
        pss: signer.pss,
        field_name: pdf.field_name.clone(),
        existing_field: pdf.field.clone(),
        name: None,
        reason: pdf.reason.clone(),
        location: pdf.location.clone(),
        contact_info: pdf.contact.clone(),
        certify: pdf.certify.map(|c| match c {
            CertifyArg::NoChanges => DocMdp::NoChanges,
            CertifyArg::FormFill => DocMdp::FormFill,
            CertifyArg::Annotate => DocMdp::Annotate,
        }),
        signing_time: now,
        tz_offset_minutes: pades::VIETNAM_UTC_OFFSET_MINUTES,
        page: 0,
        appearance: None,
        visible: None,
        password: None,
        tsa: None,
    }
}

/// XMLDSig options from the command line.
pub fn xml_options(x: &XmlArgs) -> crate::xml::XmlSignOptions {
    use crate::xml::c14n::Algorithm;
    let mut o = match x.profile {
        XmlProfileArg::Enveloped => crate::xml::XmlSignOptions::default(),
        XmlProfileArg::Einvoice => crate::xml::XmlSignOptions::einvoice(),
    };
    o.c14n = match x.c14n {
        C14nArg::C14n => Algorithm::C14n10,
        C14nArg::C14n11 => Algorithm::C14n11,
        C14nArg::Exc => Algorithm::ExcC14n,
    };
    o.ref_id = x.ref_id.clone();
    if !x.id_attr.is_empty() {
        o.id_attrs = x.id_attr.clone();
    }
    o.into = x.into.clone();
    o.xades = x.xades;
    o.prefix = x.ds_prefix.then(|| "ds".to_string());
    o
}

/// The visible-signature spec from the command line.
pub fn visible_spec(pdf: &PdfArgs) -> Result<Option<crate::pdf::AppearanceSpec>> {
    use crate::pdf::{AppearanceSpec, Placement, Step};
    let Some(step) = pdf.appearance else { return Ok(None) };
    let step = match step {
        StepArg::Approve => Step::Approve,
        StepArg::Issue => Step::Issue,
        StepArg::Attachment => Step::Attachment,
        StepArg::Copy => Step::Copy,
    };
    let mut spec = AppearanceSpec::new(step, 0);
    spec.page = pdf.page.saturating_sub(1);
    spec.placement = match (&pdf.rect, &pdf.anchor) {
        (Some(r), _) => {
            let v: Vec<f64> = r.split(',').filter_map(|x| x.trim().parse().ok()).collect();
            let [x1, y1, x2, y2] = v[..] else {
                return Err(Error::InvalidOption { option: "--rect", detail: format!("{r:?} is not x1,y1,x2,y2") });
            };
            Placement::Rect([x1, y1, x2, y2])
        }
        (None, Some(text)) => Placement::Anchor { text: text.clone(), dx: 0.0, dy: 0.0 },
        (None, None) => Placement::Default,
    };
    spec.image = pdf.image.as_deref().map(fsutil::read).transpose()?;
    spec.font = pdf.font.as_deref().map(fsutil::read).transpose()?;
    spec.doc_number = pdf.doc_number.clone();
    spec.copy_type = pdf.copy_type.clone();
    spec.agency = pdf.agency.clone();
    Ok(Some(spec))
}

//! `kyso sign FILE`: sign a document, by its format: a PDF gets a PAdES signature in a new
//! incremental revision; any other file (or any file with `--detached`) a detached CMS
//! signature `FILE.p7s`.

use std::path::PathBuf;

use clap::{ArgGroup, Args, ValueEnum};
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SubFilterArg {
    /// PAdES baseline: /ETSI.CAdES.detached (ETSI EN 319 142-1)
    #[value(name = "ETSI.CAdES.detached", alias = "pades", alias = "cades")]
    Pades,
    /// Legacy PKCS#7: /adbe.pkcs7.detached
    #[value(name = "adbe.pkcs7.detached", alias = "adbe")]
    Adbe,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StepArg {
    /// ký phê duyệt: the leader's handwritten-signature image in the signature block
    Approve,
    /// ký phát hành: the agency's seal over the left third of the leader's signature
    Issue,
    /// attachment in a separate file: number and signing time, top right of page 1
    Attachment,
    /// sao y / sao lục / trích sao: copy type, agency and time, top right of page 1
    Copy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CertifyArg {
    /// DocMDP P=1: no changes allowed after this signature
    NoChanges,
    /// DocMDP P=2: form filling and further signatures allowed
    FormFill,
    /// DocMDP P=3: also annotations
    Annotate,
}

/// Options that apply to PDF documents.
#[derive(Debug, Args)]
#[command(next_help_heading = "PDF options")]
#[command(group(ArgGroup::new("visible").multiple(true).args(["appearance", "as_profile"])))]
pub struct PdfArgs {
    /// Reason for signing (/Reason), e.g. "Phê duyệt"
    #[arg(long)]
    pub reason: Option<String>,
    /// Where the signature was made (/Location), e.g. "Thái Nguyên"
    #[arg(long)]
    pub location: Option<String>,
    /// How to reach the signer (/ContactInfo)
    #[arg(long)]
    pub contact: Option<String>,
    /// Sign this existing empty signature field instead of adding a new one
    #[arg(long, value_name = "NAME")]
    pub field: Option<String>,
    /// Name of the new signature field [default: Signature{N}]
    #[arg(long, value_name = "NAME", conflicts_with = "field")]
    pub field_name: Option<String>,
    /// Signature format in the PDF
    #[arg(long, value_enum, default_value_t = SubFilterArg::Pades)]
    pub subfilter: SubFilterArg,
    /// Make a certification (author) signature with these DocMDP permissions
    #[arg(long, value_enum)]
    pub certify: Option<CertifyArg>,
    /// Visible signature as Decree 30/2020/NĐ-CP prescribes: approve (the leader's signature
    /// image), issue (the seal with the document number and date), attachment or copy (text
    /// at the top right of the first page)
    #[arg(long, value_enum, value_name = "STEP")]
    pub appearance: Option<StepArg>,
    /// Page of the visible signature (1-based)
    #[arg(long, value_name = "N", default_value_t = 1, requires = "visible")]
    pub page: usize,
    /// Box of the visible signature in PDF points: x1,y1,x2,y2
    #[arg(long, value_name = "X1,Y1,X2,Y2", requires = "visible", conflicts_with = "anchor")]
    pub rect: Option<String>,
    /// Place the visible signature relative to this text on the page (e.g. the signer's name)
    #[arg(long, value_name = "TEXT", requires = "visible")]
    pub anchor: Option<String>,
    /// Image for the appearance: the signature (approve) or the seal (issue); PNG or JPEG
    #[arg(long, value_name = "FILE", requires = "visible")]
    pub image: Option<PathBuf>,
    /// Document number and symbol (số, ký hiệu), e.g. "123/UBND-VP"
    #[arg(long, value_name = "TEXT", requires = "visible")]
    pub doc_number: Option<String>,
    /// Copy type for --appearance copy: "SAO Y", "SAO LỤC", "TRÍCH SAO"
    #[arg(long, value_name = "TEXT", requires = "visible")]
    pub copy_type: Option<String>,
    /// Agency name shown by the attachment and copy appearances
    #[arg(long, value_name = "TEXT", requires = "visible")]
    pub agency: Option<String>,
    /// TrueType font for appearance text [default: Liberation Serif, metric-compatible with Times New Roman]
    #[arg(long, value_name = "FILE.ttf", requires = "visible")]
    pub font: Option<PathBuf>,
    /// Password of an encrypted PDF (user or owner), in a file (first line);
    /// KYSO_PDF_PASSWORD is used when not given
    #[arg(long, value_name = "FILE")]
    pub pdf_password_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum C14nArg {
    /// Canonical XML 1.0 (inclusive)
    C14n,
    /// Canonical XML 1.1
    C14n11,
    /// Exclusive XML Canonicalization 1.0
    Exc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum XmlProfileArg {
    /// Enveloped signature of the whole document (or of --ref-id), as the root's last child
    Enveloped,
    /// Vietnamese e-invoice layout: signs HDon/DLHDon by its Id, Signature in HDon/DSCKS/NBan,
    /// with a SigningTime property (Decree 123/2020, Circular 78/2021)
    Einvoice,
}

/// Options that apply to XML documents.
#[derive(Debug, Args)]
#[command(next_help_heading = "XML options")]
pub struct XmlArgs {
    /// Signature layout
    #[arg(long, value_enum, default_value_t = XmlProfileArg::Enveloped)]
    pub profile: XmlProfileArg,
    /// Canonicalization for SignedInfo and the references (the e-invoice profile uses c14n)
    #[arg(long, value_enum, default_value_t = C14nArg::C14n)]
    pub c14n: C14nArg,
    /// Sign the element with this ID instead of the whole document
    #[arg(long, value_name = "ID")]
    pub ref_id: Option<String>,
    /// Attribute names that carry IDs (repeatable) [default: Id, ID, id]
    #[arg(long, value_name = "NAME")]
    pub id_attr: Vec<String>,
    /// Put the Signature inside this element (a path of element names, e.g. /HDon/DSCKS/NBan)
    #[arg(long, value_name = "PATH")]
    pub into: Option<String>,
    /// Add XAdES B-B signed properties (SigningTime, SigningCertificateV2, DataObjectFormat)
    #[arg(long)]
    pub xades: bool,
    /// Write the signature with the `ds:` prefix instead of a default namespace
    #[arg(long)]
    pub ds_prefix: bool,
}

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

//! The options of `kyso sign` for PDF and XML documents, shared with `kyso batch sign` and
//! the signing profiles (`kyso profile`).

use std::path::PathBuf;

use clap::{ArgGroup, Args, ValueEnum};

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

//! Texts for people in English and Vietnamese.
//!
//! English error texts are the `#[error]` attributes of [`Error`]; this module holds the
//! Vietnamese catalogue. The match is exhaustive on purpose: adding an error variant
//! without its translation does not compile.

use std::io::ErrorKind;

use super::Lang;
use crate::error::Error;
use crate::pdf::FindingCode;
use crate::pki::dn::DnError;
use crate::verify::{Note, NoteCode, Reason, ReasonCode, Refusal, RevisionStatus, Verdict};

/// A verdict's name.
pub fn verdict_label(v: Verdict, l: Lang) -> &'static str {
    match v {
        Verdict::Valid => l.pick("VALID", "HỢP LỆ"),
        Verdict::Unsigned => l.pick("UNSIGNED", "KHÔNG CÓ CHỮ KÝ"),
        Verdict::Indeterminate => l.pick("INDETERMINATE", "CHƯA XÁC ĐỊNH"),
        Verdict::Invalid => l.pick("INVALID", "KHÔNG HỢP LỆ"),
        Verdict::Error => l.pick("ERROR", "LỖI"),
    }
}

/// What a reason code means, for people.
pub fn reason_text(code: ReasonCode, l: Lang) -> &'static str {
    use ReasonCode::*;
    match code {
        HashFailure => l.pick("the signed content was changed", "nội dung đã ký bị thay đổi"),
        SigCryptoFailure => l.pick("the signature value does not verify", "giá trị chữ ký không khớp"),
        Revoked => l.pick("a certificate was revoked", "chứng thư số đã bị thu hồi"),
        FormatFailure => l.pick("the signature is malformed", "chữ ký sai định dạng"),
        ModifiedAfterSigning => l.pick(
            "the document was changed after signing in a way that is not allowed",
            "văn bản đã bị sửa đổi sau khi ký theo cách không được phép",
        ),
        NoSigningCertificateFound => {
            l.pick("the signer's certificate cannot be identified", "không xác định được chứng thư của người ký")
        }
        NoCertificateChainFound => l.pick(
            "no chain to a trusted anchor (give --trust, and --certs for missing intermediates)",
            "không dựng được chuỗi tới chứng thư tin cậy (dùng --trust, và --certs cho chứng thư trung gian còn thiếu)",
        ),
        OutOfBoundsNoPoe => {
            l.pick("a certificate had expired at the validation time", "chứng thư số đã hết hạn tại thời điểm kiểm tra")
        }
        NotYetValid => l.pick(
            "a certificate was not yet valid at the validation time",
            "chứng thư số chưa có hiệu lực tại thời điểm kiểm tra",
        ),
        ChainConstraintsFailure => {
            l.pick("a certificate is not allowed for this use", "chứng thư số không được phép dùng cho mục đích này")
        }
        CertificateChainGeneralFailure => l.pick("the certificate chain is broken", "chuỗi chứng thư số bị lỗi"),
        WeakAlgorithm => l.pick(
            "a weak algorithm is used (SHA-1 or RSA under 2048 bits)",
            "dùng thuật toán yếu (SHA-1 hoặc RSA dưới 2048 bit)",
        ),
        UnsupportedAlgorithm => l.pick("an algorithm is not supported", "thuật toán không được hỗ trợ"),
        SignedDataNotFound => l.pick(
            "the signed content or a signed reference cannot be found",
            "không tìm thấy nội dung đã ký hoặc dữ liệu được tham chiếu",
        ),
        LimitExceeded => l.pick(
            "a safety limit was reached before the signature could be checked",
            "vượt giới hạn an toàn trước khi kiểm tra xong chữ ký",
        ),
        RevisionNotAssessed => l.pick(
            "a revision added after signing cannot be read, so what it changes is unknown",
            "không đọc được một phiên bản thêm vào sau khi ký nên không biết nó thay đổi gì",
        ),
        AmbiguousSyntax => l.pick(
            "the signed document can be read in two ways that viewers show differently",
            "văn bản đã ký có thể đọc theo hai cách mà các trình xem hiển thị khác nhau",
        ),
        TryLater => l.pick(
            "the revocation status of a certificate cannot be established yet (give a current CRL with --crl, an \
             OCSP response with --ocsp-response, or fetch them with --online)",
            "chưa xác định được tình trạng thu hồi của chứng thư số (hãy cung cấp CRL mới với --crl hoặc phản hồi \
             OCSP với --ocsp-response, hoặc tải về với --online)",
        ),
        AmbiguousContent => l.pick(
            "the signed content can be read differently from what was signed",
            "nội dung đã ký có thể bị đọc khác với nội dung được ký",
        ),
        ManifestMismatch => l.pick(
            "the package's manifest and its attachments disagree",
            "danh mục (manifest) của gói tin và các tệp đính kèm không khớp nhau",
        ),
        ContentTypeMismatch => l.pick(
            "an attachment's content is not of the declared type, so another program may show something else",
            "nội dung tệp đính kèm không đúng kiểu đã khai báo, phần mềm khác có thể hiển thị nội dung khác",
        ),
        NoSignature => l.pick("the file has no signature", "tệp không có chữ ký"),
        ReadFailed => l.pick("the file cannot be read", "không đọc được tệp"),
        ParseFailed => l.pick("the file cannot be parsed", "không phân tích được tệp"),
        PolicyFailure => {
            l.pick("the file does not meet the verification policy", "tệp không đáp ứng chính sách kiểm tra")
        }
    }
}

/// A reason for people: what the code means, then the technical detail.
pub fn reason_message(r: &Reason, l: Lang) -> String {
    if r.detail.is_empty() {
        reason_text(r.code, l).to_string()
    } else {
        format!("{}: {}", reason_text(r.code, l), super::vi::tr(&r.detail, l))
    }
}

/// What a note code means, for people (empty when the detail says it all).
pub fn note_text(code: NoteCode, l: Lang) -> &'static str {
    match code {
        NoteCode::LaterRevision => "",
        NoteCode::TrailingBytes => l.pick(
            "bytes after the last %%EOF form no revision",
            "có dữ liệu sau %%EOF cuối cùng không thuộc phiên bản nào",
        ),
        NoteCode::Tolerated => {
            l.pick("a deviation from the standard, accepted", "sai lệch so với tiêu chuẩn, được chấp nhận")
        }
        NoteCode::Warning => l.pick("warning", "cảnh báo"),
        NoteCode::SharedSignatureDictionary => l.pick(
            "two signature fields share one signature dictionary (one signature shown twice)",
            "hai trường chữ ký dùng chung một từ điển chữ ký (một chữ ký hiển thị hai lần)",
        ),
        NoteCode::XrefRebuilt => l.pick(
            "the cross-reference table is broken and was rebuilt by scanning the file, as viewers do",
            "bảng tham chiếu chéo bị hỏng và đã được dựng lại bằng cách quét tệp, như các trình xem",
        ),
        NoteCode::DotnetEnveloped => l.pick(
            "an enveloped-signature transform inside the signature itself was read as .NET SignedXml reads it \
             (a deviation from XMLDSig that Vietnamese invoicing software relies on)",
            "phép biến đổi enveloped-signature trỏ vào bên trong chính chữ ký được đọc theo cách của .NET SignedXml \
             (sai lệch so với XMLDSig mà phần mềm hóa đơn điện tử Việt Nam dựa vào)",
        ),
        NoteCode::CounterSignature => l.pick("counter-signed", "có chữ ký xác nhận (ký đối chứng)"),
        NoteCode::NoEnvelopeSignature => l.pick(
            "no envelope signature (the documents inside carry the signatures)",
            "gói tin không có chữ ký bao ngoài (chữ ký nằm trên các văn bản đính kèm)",
        ),
        NoteCode::DocumentIdMismatch => l.pick(
            "the DocumentId does not match the sender, date and number",
            "DocumentId không khớp với đơn vị gửi, ngày ban hành và số, ký hiệu",
        ),
        NoteCode::TraceSenderMismatch => {
            l.pick("the first trace entry is not the sender", "mục vết (TraceHeader) đầu tiên không phải đơn vị gửi")
        }
        NoteCode::SignerOrganizationMismatch => l.pick(
            "the signer's certificate names another organisation than the sender (certificates spell names their own way: check it)",
            "chứng thư của người ký ghi tên cơ quan khác với đơn vị gửi (chứng thư có thể viết tên khác đi: hãy kiểm tra)",
        ),
        NoteCode::SignerNameMismatch => l.pick(
            "no signer's certificate carries the signer's name from the header (check it)",
            "không chứng thư ký nào mang tên người ký ghi trong gói tin (hãy kiểm tra)",
        ),
        NoteCode::DuplicateHeaderField => {
            l.pick("a header field is given twice; the first is shown", "một trường thông tin xuất hiện hai lần; hiển thị giá trị đầu")
        }
        NoteCode::Certification => {
            l.pick("certification signature (DocMDP)", "chữ ký chứng nhận tài liệu (DocMDP)")
        }
        NoteCode::Timestamp => l.pick("time-stamped", "có dấu thời gian"),
        NoteCode::ProvenTime => l.pick(
            "validated at a time proven by a time-stamp",
            "được kiểm tra tại thời điểm được chứng minh bằng dấu thời gian",
        ),
        NoteCode::RevokedAfterProvenTime => l.pick(
            "revoked, but only after the proven time (the signature existed before)",
            "đã bị thu hồi, nhưng sau thời điểm được chứng minh (chữ ký đã tồn tại trước đó)",
        ),
    }
}

/// The words for a report entry's kind: a signature or a PDF document time-stamp.
pub fn kind_text(kind: crate::verify::ltv::SignatureKind, l: Lang) -> &'static str {
    match kind {
        crate::verify::ltv::SignatureKind::Signature => l.pick("signature", "chữ ký"),
        crate::verify::ltv::SignatureKind::DocumentTimestamp => l.pick("document time-stamp", "dấu thời gian tài liệu"),
    }
}

/// The words for what a time-stamp covers.
pub fn timestamp_kind_text(kind: crate::verify::ltv::TimestampKind, l: Lang) -> &'static str {
    match kind {
        crate::verify::ltv::TimestampKind::Signature => l.pick("signature time-stamp", "dấu thời gian chữ ký"),
        crate::verify::ltv::TimestampKind::Document => l.pick("document time-stamp", "dấu thời gian tài liệu"),
    }
}

/// What a change found by the PDF revision analysis is, for people.
pub fn finding_text(code: FindingCode, l: Lang) -> &'static str {
    use FindingCode::*;
    match code {
        XrefHousekeeping => l.pick("cross-reference housekeeping", "cập nhật bảng tham chiếu chéo"),
        ObjectsFreed => l.pick("unused objects freed", "giải phóng đối tượng không còn dùng"),
        InfoUpdated => l.pick("document information updated", "cập nhật thông tin tài liệu"),
        MetadataUpdated => l.pick("XMP metadata updated", "cập nhật siêu dữ liệu XMP"),
        CatalogHousekeeping => l.pick("catalog housekeeping", "cập nhật phụ trong danh mục tài liệu"),
        PrivateKeyChanged => l.pick("a producer's private entry changed", "thay đổi mục riêng của phần mềm tạo tệp"),
        DssUpdated => l.pick("validation data (DSS) added", "thêm dữ liệu kiểm tra hiệu lực (DSS)"),
        DocumentTimestampAdded => l.pick("document timestamp added", "thêm dấu thời gian cho tài liệu"),
        SignatureFieldAdded => l.pick("signature field added", "thêm trường chữ ký"),
        SignatureAdded => l.pick("signature added", "thêm chữ ký"),
        WidgetAdded => l.pick("signature field placed on a page", "đặt trường chữ ký lên trang"),
        SignatureOverSignature => l.pick("new signature drawn over a signed one", "chữ ký mới vẽ đè lên chữ ký đã có"),
        AcroFormUpdated => l.pick("form settings updated", "cập nhật thiết lập biểu mẫu"),
        FieldValueChanged => l.pick("form field filled in", "điền giá trị trường biểu mẫu"),
        FieldAppearanceChanged => l.pick("form field appearance updated", "cập nhật hình thức trường biểu mẫu"),
        FieldEntryChanged => l.pick("form field setting changed", "thay đổi thiết lập trường biểu mẫu"),
        AnnotationAdded => l.pick("annotation added", "thêm chú thích"),
        AnnotationChanged => l.pick("annotation changed", "thay đổi chú thích"),
        PageContentChanged => l.pick("page content changed", "nội dung trang bị thay đổi"),
        PageResourcesChanged => l.pick("page resources changed", "tài nguyên của trang bị thay đổi"),
        FontOrXObjectChanged => {
            l.pick("a font or image on a page changed", "phông chữ hoặc hình trên trang bị thay đổi")
        }
        PageTreeChanged => l.pick("pages removed, reordered or changed", "trang bị xóa, đổi thứ tự hoặc thay đổi"),
        PageAdded => l.pick("page added", "thêm trang"),
        HiddenContentRevealed => {
            l.pick("hidden content made visible (shadow attack)", "nội dung ẩn được làm hiện ra (tấn công bóng)")
        }
        CatalogEntryChanged => l.pick("document-level entry changed", "mục cấp tài liệu bị thay đổi"),
        EncryptionChanged => l.pick("encryption changed", "thay đổi mã hóa"),
        AnnotationRemoved => l.pick("annotation removed", "chú thích bị xóa"),
        WidgetWithoutField => l.pick("form widget without a field added", "thêm ô biểu mẫu không thuộc trường nào"),
        VisibilityChanged => l.pick("annotation hidden or shown", "chú thích bị ẩn hoặc hiện"),
        SignedFieldChanged => l.pick("a signed signature changed", "chữ ký đã ký bị thay đổi"),
        FieldRemoved => l.pick("form field removed", "trường biểu mẫu bị xóa"),
        FieldStructureChanged => {
            l.pick("form field changed beyond form filling", "trường biểu mẫu bị thay đổi vượt quá việc điền biểu mẫu")
        }
        NonSignatureFieldAdded => l.pick("form field added", "thêm trường biểu mẫu"),
        AnnotationAdopted => {
            l.pick("new field takes over an existing annotation", "trường mới chiếm một chú thích đã có")
        }
        SignatureValueReused => {
            l.pick("signature value reuses an existing object", "giá trị chữ ký dùng lại đối tượng đã có")
        }
        AppearanceShared => {
            l.pick("appearance update also changes another place", "cập nhật hình thức làm thay đổi cả chỗ khác")
        }
        ObjectFreed => l.pick("object still in use deleted", "đối tượng đang dùng bị xóa"),
        ObjectStreamOverwrite => {
            l.pick("object overwritten by an object stream", "đối tượng bị ghi đè bởi luồng đối tượng")
        }
        MalformedStructure => l.pick("malformed document structure", "cấu trúc tài liệu sai"),
        UnexplainedChange => l.pick("unexplained change", "thay đổi không giải thích được"),
    }
}

/// A revision's status in the history, for people.
pub fn revision_status_text(s: RevisionStatus, l: Lang) -> &'static str {
    match s {
        RevisionStatus::Allowed => l.pick("allowed", "được phép"),
        RevisionStatus::Refused => l.pick("NOT ALLOWED", "KHÔNG ĐƯỢC PHÉP"),
        RevisionStatus::NotAssessed => l.pick("not assessed", "chưa đánh giá được"),
    }
}

/// Why a change is refused, for people.
pub fn refusal_text(r: &Refusal, l: Lang) -> String {
    match r {
        Refusal::Forbidden => l.pick("never allowed after signing", "không bao giờ được phép sau khi ký").to_string(),
        Refusal::NotPermitted { docmdp: Some(p) } => {
            format!("{} P={p}", l.pick("not allowed by the certification, DocMDP", "chứng nhận không cho phép, DocMDP"))
        }
        Refusal::NotPermitted { docmdp: None } => {
            l.pick("not allowed after an approval signature", "không được phép sau chữ ký phê duyệt").to_string()
        }
        Refusal::FieldLocked { by } => format!("{} \"{by}\"", l.pick("field locked by", "trường bị khóa bởi")),
    }
}

/// A note for people.
pub fn note_message(n: &Note, l: Lang) -> String {
    match (note_text(n.code, l), n.detail.is_empty()) {
        ("", _) => super::vi::tr(&n.detail, l),
        (t, true) => t.to_string(),
        (t, false) => format!("{t}: {}", super::vi::tr(&n.detail, l)),
    }
}

/// The one-line message for `err` in `lang`.
pub fn error_message(err: &Error, lang: Lang) -> String {
    match lang {
        Lang::En => err.to_string(),
        Lang::Vi => error_vi(err),
    }
}

fn at_vi(path: &Option<std::path::PathBuf>) -> String {
    path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default()
}

fn cms_error_vi(e: &crate::cms::CmsError) -> String {
    use crate::cms::CmsError as C;
    match e {
        C::Malformed(d) => format!("không phải CMS SignedData: {d}"),
        C::Encode(d) => format!("mã hoá CMS thất bại: {d}"),
        C::Sign(d) => format!("ký thất bại: {d}"),
    }
}

fn pdf_error_vi(e: &crate::pdf::PdfError) -> String {
    use crate::pdf::PdfError as P;
    match e {
        P::PasswordRequired => {
            "tệp được mã hóa: hãy cung cấp mật khẩu bằng --pdf-password-file hoặc KYSO_PDF_PASSWORD".to_string()
        }
        P::WrongPassword => "sai mật khẩu của tệp PDF".to_string(),
        other => super::vi::tr(&other.to_string(), Lang::Vi),
    }
}

fn error_vi(err: &Error) -> String {
    match err {
        Error::Read { path, source } => {
            format!("không đọc được {}: {}", path.display(), io_vi(source))
        }
        Error::Write { path, source } => {
            format!("không ghi được {}: {}", path.display(), io_vi(source))
        }
        Error::OutputExists { path } => {
            format!("{} đã tồn tại; dùng --force để ghi đè", path.display())
        }
        Error::InvalidDn { input, reason } => {
            format!("tên phân biệt (DN) không hợp lệ {input:?}: {}", dn_vi(reason))
        }
        Error::PasswordRequired { path } => format!(
            "{}: khóa bí mật đã được mã hóa; hãy cung cấp mật khẩu bằng --password-file hoặc KYSO_KEY_PASSWORD",
            path.display()
        ),
        Error::WrongPassword { path } => {
            format!("{}: sai mật khẩu, hoặc tệp khóa bị hỏng", path.display())
        }
        Error::BadKey { path, detail } => {
            format!("{}: không phải khóa bí mật dùng được: {detail}", path.display())
        }
        Error::BadCertificate { path, detail } => {
            format!("{}: không phải chứng thư số dùng được: {detail}", path.display())
        }
        Error::NoCertificate { path } => {
            format!("{}: không tìm thấy chứng thư số nào", path.display())
        }
        Error::KeyMismatch { key, cert } => {
            format!("khóa bí mật {} không khớp với chứng thư số {}", key.display(), cert.display())
        }
        Error::NotACa { path } => format!(
            "chứng thư của bên cấp {} không phải chứng thư CA (thiếu basicConstraints cA=TRUE hoặc keyCertSign)",
            path.display()
        ),
        Error::PathLenExceeded { path } => format!(
            "chứng thư của bên cấp {} không cho phép cấp thêm CA cấp dưới (pathLenConstraint 0)",
            path.display()
        ),
        Error::ValidityOutsideIssuer { not_before, not_after, issuer_not_before, issuer_not_after } => format!(
            "thời hạn yêu cầu ({not_before} đến {not_after}) nằm ngoài thời hạn của bên cấp ({issuer_not_before} đến {issuer_not_after}); hãy chọn --days ngắn hơn hoặc --not-before khác"
        ),
        Error::InvalidOption { option, detail } => {
            format!("giá trị không hợp lệ cho {option}: {}", super::vi::tr(detail, Lang::Vi))
        }
        Error::Policy(e) => format!("chính sách kiểm tra {e}"),
        Error::P12NeedsPassword => {
            "tệp PKCS#12 cần mật khẩu: hãy cung cấp bằng --password-file hoặc KYSO_KEY_PASSWORD".into()
        }
        Error::Crypto(detail) => format!("thao tác mật mã thất bại: {detail}"),
        Error::Encoding { what, source } => format!("mã hoá {what} thất bại: {source}"),
        Error::Json(e) => format!("mã hoá JSON thất bại: {e}"),
        Error::Cms(e) => format!("CMS: {}", cms_error_vi(e)),
        Error::ReadContent(e) => format!("không đọc được nội dung cần ký: {e}"),
        Error::ContentTooLarge { limit } => {
            format!("nội dung lớn hơn {limit} byte: hãy ký tách rời (.p7s)")
        }
        Error::UnknownFormat { path } => {
            format!("{}: không xác định được định dạng tệp; hãy chỉ ra chữ ký bằng --signature", path.display())
        }
        Error::Unsupported { path, detail } => format!("{}: {detail}", path.display()),
        Error::Xml { path, source } => format!("{}tệp XML không xử lý được: {source}", at_vi(path)),
        Error::Pdf { path, source } => format!("{}tệp PDF không xử lý được: {}", at_vi(path), pdf_error_vi(source)),
        Error::Token(e) => format!("PKCS#11: {}", e.message_vi()),
        Error::SecretRequired { what, hint } => {
            let what = match *what {
                "a PIN" => "cần mã PIN",
                _ => "cần mật khẩu",
            };
            format!("{what}: {hint}")
        }
        Error::CaDatabase { path, detail } => format!("cơ sở dữ liệu của CA {}: {detail}", path.display()),
        Error::Tsp(e) => tsp_vi(e),
        Error::Ocsp(e) => ocsp_vi(e),
        Error::Crl(e) => crl_vi(e),
        Error::Listen { addr, detail } => format!("không lắng nghe được trên {addr}: {detail}"),
        Error::NotLoopback { addr } => {
            format!("{addr} không phải địa chỉ loopback; PKI thử nghiệm chỉ phục vụ máy khác khi có --allow-remote")
        }
        Error::TestPki { path, detail } => format!("{}: {detail}", path.display()),
        Error::Revocation(e) => gather_vi(e),
        Error::Config(e) => config_vi(e),
        Error::Trust(e) => trust_vi(e),
    }
}

/// Vietnamese for named trust stores (`kyso trust`, `--trust @NAME`).
fn trust_vi(e: &crate::trust::TrustError) -> String {
    use crate::trust::TrustError as T;
    match e {
        T::UnknownStore { name, known } => {
            let known = if known.is_empty() { "không có".to_string() } else { known.join(", ") };
            format!("không có kho tin cậy nào tên \"@{name}\" (hiện có: {known}); xem `kyso trust list`")
        }
        T::BadName { name } => format!(
            "{name:?} không dùng được làm tên kho tin cậy: hãy dùng chữ cái, chữ số, '-', '_' hoặc '.', không bắt đầu bằng '.'"
        ),
        T::Reserved { name } => {
            format!("\"{name}\" là tên của kho tin cậy có sẵn (@{name}); hãy chọn tên khác")
        }
        T::BuiltinTampered { file } => format!(
            "chứng thư có sẵn {file} không khớp với mã SHA-256 đã ghim: tệp chạy kyso này đã bị sửa đổi; hãy cài đặt lại"
        ),
        T::BuiltinUnparsable { file } => {
            format!("không đọc được chứng thư có sẵn {file}: tệp chạy kyso này đã bị sửa đổi; hãy cài đặt lại")
        }
        T::NotCa { path, subject } => format!(
            "{}: \"{subject}\" không phải chứng thư CA (không có basicConstraints cA=TRUE); kho tin cậy chỉ chứa chứng thư CA",
            path.display()
        ),
        T::NoConfigDir => "không có thư mục cho kho tin cậy của người dùng: hãy đặt XDG_CONFIG_HOME hoặc HOME".into(),
        T::Empty { name } => format!("kho tin cậy \"@{name}\" không chứa chứng thư nào"),
    }
}

/// Vietnamese for failures gathering long-term validation data.
fn gather_vi(e: &crate::revocation::gather::GatherError) -> String {
    use crate::revocation::gather::GatherError as G;
    match e {
        G::IssuerNotFound { subject, .. } => {
            format!(
                "không tìm thấy chứng thư của bên cấp cho \"{subject}\" (hãy cung cấp bằng --chain, hoặc dùng --online)"
            )
        }
        G::NoRevocationData { subject, tried } => {
            let tried = if tried.is_empty() {
                ": hãy dùng --online để tải từ AIA/CDP của chứng thư, hoặc cung cấp --crl/--ocsp-response".to_string()
            } else {
                format!(" ({})", tried.join("; "))
            };
            format!("không có dữ liệu thu hồi cho \"{subject}\"{tried}")
        }
        G::Revoked { subject, time, source_kind } => {
            format!("chứng thư \"{subject}\" đã bị thu hồi (từ {time}, theo {source_kind})")
        }
        G::ChainTooLong => "chuỗi chứng thư quá dài".into(),
    }
}

/// A config-file error in the chosen language.
pub fn config_message(e: &crate::config::ConfigError, lang: Lang) -> String {
    match lang {
        Lang::Vi => config_vi(e),
        _ => e.to_string(),
    }
}

/// Vietnamese for config-file errors (the file, line, profile and key, then the problem).
pub fn config_vi(e: &crate::config::ConfigError) -> String {
    use crate::config::Problem as P;
    let place = e.place(["dòng", "hồ sơ ký", "khóa"]);
    let detail = match e.problem.as_ref() {
        P::Syntax(d) => format!("không phải TOML hợp lệ: {d}"),
        P::Invalid(d) => format!("không hợp lệ: {d}"),
        P::Secret => "tệp cấu hình không bao giờ được chứa mã PIN hay mật khẩu; hãy dùng pin-file hoặc \
                      password-file (tệp chỉ mình bạn đọc được), KYSO_PIN hoặc KYSO_KEY_PASSWORD, hoặc nhập khi được hỏi"
            .into(),
        P::WritableByOthers { mode } => {
            format!("người dùng khác có thể ghi tệp này (quyền {mode:04o}); hãy chạy `chmod go-w` cho tệp")
        }
        P::NotOwner { uid } => {
            format!("tệp thuộc về người dùng khác (uid {uid}); kyso chỉ đọc tệp cấu hình của chính bạn")
        }
        P::BadValue { value, expected } => format!("{value:?} không thuộc: {expected}"),
        P::MissingFile { file } => format!("{} không tồn tại", file.display()),
        P::Conflict { other } => format!("không dùng cùng với {other}"),
        P::UnknownProfile { name, known, searched } => {
            let known = if known.is_empty() { "không có".to_string() } else { known.join(", ") };
            let searched: Vec<_> = searched.iter().map(|p| p.display().to_string()).collect();
            format!(
                "không có hồ sơ ký nào tên {name:?} (các hồ sơ: {known}; đã tìm trong: {}); hãy tạo bằng \
                 `kyso profile add {name}`",
                if searched.is_empty() { "không có tệp cấu hình".to_string() } else { searched.join(", ") }
            )
        }
        P::ProfileExists { name } => format!("đã có hồ sơ ký tên {name:?}; dùng --force để thay thế"),
        P::NoConfigDir => "không có thư mục cấu hình của người dùng: hãy đặt XDG_CONFIG_HOME hoặc HOME".into(),
        P::TooLarge => "quá lớn, không phải tệp cấu hình".into(),
    };
    format!("{place}{detail}")
}

/// Vietnamese for HTTP failures of the PKI protocols.
pub fn http_vi(e: &crate::http::HttpError) -> String {
    use crate::http::HttpError as H;
    match e {
        H::UnsupportedScheme { url } => {
            format!("{url}: chỉ hỗ trợ URL http:// (các giao thức này đã được ký từ đầu đến cuối)")
        }
        H::BadUrl { url } => format!("{url}: URL không hợp lệ"),
        H::Timeout { url, secs } => format!("{url}: không có trả lời sau {secs} giây"),
        H::Connect { url, detail } => format!("{url}: không kết nối được: {detail}"),
        H::Status { url, status } => format!("{url}: máy chủ trả lời HTTP {status}"),
        H::TooLarge { url, limit } => format!("{url}: dữ liệu trả về lớn hơn {limit} byte"),
        H::Other { url, detail } => format!("{url}: {detail}"),
    }
}

/// Vietnamese for time-stamp failures.
pub fn tsp_vi(e: &crate::tsp::TspError) -> String {
    use crate::tsp::TspError as T;
    match e {
        T::Http(h) => format!("dịch vụ cấp dấu thời gian: {}", http_vi(h)),
        T::Malformed(d) => format!("phản hồi hoặc dấu thời gian sai định dạng: {d}"),
        T::Rejected { status, text } => {
            format!("dịch vụ cấp dấu thời gian từ chối yêu cầu: trạng thái {status} ({text})")
        }
        T::SignerNotFound => "không tìm thấy chứng thư của đơn vị cấp dấu thời gian (TSA) trong dấu thời gian".into(),
        T::BadSignature => "chữ ký của dấu thời gian không hợp lệ".into(),
        T::SignedAttributes(d) => format!("thuộc tính đã ký của dấu thời gian sai: {d}"),
        T::TsaCertificate(d) => format!("chứng thư của TSA không được phép cấp dấu thời gian: {d}"),
        T::ImprintMismatch => "dấu thời gian gắn cho dữ liệu khác (message imprint không khớp)".into(),
        T::NonceMismatch => "nonce của dấu thời gian không phải nonce đã gửi".into(),
        T::PolicyMismatch { wanted, found } => format!("chính sách của dấu thời gian là {found}, không phải {wanted}"),
        T::Unsupported(d) => format!("dấu thời gian dùng thành phần chưa được hỗ trợ: {d}"),
    }
}

/// Vietnamese for OCSP failures.
pub fn ocsp_vi(e: &crate::revocation::ocsp::OcspError) -> String {
    use crate::revocation::ocsp::OcspError as O;
    match e {
        O::Http(h) => format!("máy chủ OCSP: {}", http_vi(h)),
        O::Malformed(d) => format!("phản hồi OCSP sai định dạng: {d}"),
        O::Status(s) => format!("máy chủ OCSP trả lời \"{s}\""),
        O::NoMatchingResponse => "phản hồi OCSP không có trạng thái cho chứng thư này (certID không khớp)".into(),
        O::ResponderNotFound => "không tìm thấy chứng thư của bên ký phản hồi OCSP".into(),
        O::NotAuthorised(n) => format!("phản hồi OCSP do \"{n}\" ký, bên này không được CA của chứng thư ủy quyền"),
        O::BadSignature => "chữ ký của phản hồi OCSP không hợp lệ".into(),
        O::Stale { next_update, at } => format!("phản hồi OCSP đã cũ: nextUpdate {next_update} trước {at}"),
        O::NotYetValid { this_update, at } => {
            format!("phản hồi OCSP đến từ tương lai: thisUpdate {this_update} sau {at}")
        }
        O::NonceMismatch => "nonce của phản hồi OCSP không phải nonce đã gửi".into(),
        O::Unsupported(d) => format!("OCSP dùng thành phần chưa được hỗ trợ: {d}"),
    }
}

/// Vietnamese for CRL failures.
pub fn crl_vi(e: &crate::revocation::crl::CrlError) -> String {
    use crate::revocation::crl::CrlError as C;
    match e {
        C::Http(h) => format!("điểm phân phối CRL: {}", http_vi(h)),
        C::Malformed(d) => format!("CRL sai định dạng: {d}"),
        C::WrongIssuer { wanted, found } => format!("CRL do \"{found}\" phát hành, không phải \"{wanted}\""),
        C::NotAuthorised(n) => format!("bên phát hành CRL \"{n}\" không được ký CRL (keyUsage thiếu cRLSign)"),
        C::BadSignature => "chữ ký của CRL không hợp lệ".into(),
        C::Stale { next_update, at } => format!("CRL đã cũ: nextUpdate {next_update} trước {at}"),
        C::NotYetValid { this_update, at } => format!("CRL đến từ tương lai: thisUpdate {this_update} sau {at}"),
        C::Unsupported(d) => format!("CRL dùng thành phần chưa được hỗ trợ: {d}"),
    }
}

fn dn_vi(e: &DnError) -> String {
    match e {
        DnError::Empty => "chuỗi rỗng".into(),
        DnError::MissingEquals(part) => format!("thiếu dấu '=' trong {part:?}"),
        DnError::UnknownAttribute(name) => format!(
            "thuộc tính không được hỗ trợ {name:?} (dùng C, ST, L, O, OU, CN, emailAddress, UID, organizationIdentifier, serialNumber, street, title, DC hoặc một OID dạng số)"
        ),
        DnError::EmptyValue(name) => format!("giá trị của {name} bị rỗng"),
        DnError::BadEscape(part) => format!("chuỗi thoát sai trong {part:?}"),
        DnError::BadCountry(v) => {
            format!("mã quốc gia phải gồm 2 chữ cái (ISO 3166), không phải {v:?}")
        }
        DnError::NotAscii(name) => format!("giá trị của {name} chỉ được chứa ký tự ASCII"),
        DnError::TooLong { attr, max } => format!("giá trị của {attr} dài quá {max} ký tự"),
        DnError::Encoding(d) => format!("lỗi mã hóa: {d}"),
    }
}

/// Vietnamese for the common I/O failures; the OS text otherwise.
pub fn io_vi(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "không tìm thấy tệp hoặc thư mục".into(),
        ErrorKind::PermissionDenied => "không có quyền truy cập".into(),
        ErrorKind::AlreadyExists => "tệp đã tồn tại".into(),
        ErrorKind::IsADirectory => "đây là một thư mục".into(),
        ErrorKind::StorageFull => "ổ đĩa đã đầy".into(),
        _ => e.to_string(),
    }
}

/// A time for people: UTC in English, Vietnam time (UTC+7) in Vietnamese.
pub fn time_for_people(secs: i64, l: Lang) -> String {
    match l {
        Lang::En => crate::pki::time::rfc3339(secs),
        Lang::Vi => format!("{} (giờ Việt Nam)", crate::pki::time::rfc3339_offset(secs, 7 * 60)),
    }
}

/// Why a file fails a verification-policy rule, for people.
pub fn policy_failure_message(f: &crate::policy::PolicyFailure, l: Lang) -> String {
    use crate::policy::Failure::*;
    let t = |s: i64| time_for_people(s, l);
    let kind = |proven: bool| {
        if proven {
            l.pick("proven time", "thời điểm đã chứng minh")
        } else {
            l.pick("claimed time", "thời điểm tự khai")
        }
    };
    let text = match &f.failure {
        NoRequiredSigner { signers } if signers.is_empty() => l
            .pick("no valid signature by a required signer", "không có chữ ký hợp lệ nào của người ký được yêu cầu")
            .into(),
        NoRequiredSigner { signers } => format!(
            "{} ({}: {})",
            l.pick("no valid signature by a required signer", "không có chữ ký hợp lệ nào của người ký được yêu cầu"),
            l.pick("signed by", "người ký"),
            signers.join("; ")
        ),
        TooFewSignatures { need, have } => format!(
            "{} {need}, {} {have}",
            l.pick("valid signatures required:", "số chữ ký hợp lệ yêu cầu:"),
            l.pick("found", "tìm thấy")
        ),
        LevelUnknown { need } => format!(
            "{} {}: {}",
            l.pick("level required", "yêu cầu mức"),
            need.as_str(),
            l.pick(
                "this version of kyso does not determine signature levels, so the rule cannot be met",
                "phiên bản kyso này chưa xác định mức chữ ký nên không thể đáp ứng quy tắc"
            )
        ),
        LevelTooLow { need, have } => format!(
            "{} {}, {} {}",
            l.pick("level required", "yêu cầu mức"),
            need.as_str(),
            l.pick("the signature is", "chữ ký đạt mức"),
            have.as_str()
        ),
        NotWholeFile => l
            .pick(
                "no valid signature covers the whole file (something was added after the last signature)",
                "không có chữ ký hợp lệ nào bao trùm toàn bộ tệp (có nội dung được thêm sau chữ ký cuối)",
            )
            .into(),
        NotCertified => l
            .pick("the document carries no valid certification signature", "tài liệu không có chữ ký chứng nhận hợp lệ")
            .into(),
        AlgorithmNotAllowed { algorithm } => {
            format!("{}: {algorithm}", l.pick("algorithm not allowed", "thuật toán không được phép"))
        }
        AlgorithmUnknown => l.pick("the algorithm is not known", "không xác định được thuật toán").into(),
        RsaTooShort { bits, min } => format!(
            "{} {bits} {}, {} {min}",
            l.pick("RSA key of", "khóa RSA"),
            l.pick("bits", "bit"),
            l.pick("required at least", "yêu cầu tối thiểu")
        ),
        NoSigningTime => l.pick("the signature carries no signing time", "chữ ký không có thời điểm ký").into(),
        TooEarly { time, bound, proven } => format!(
            "{} {} ({}), {} {}",
            l.pick("signed at", "ký lúc"),
            t(*time),
            kind(*proven),
            l.pick("required after", "yêu cầu sau"),
            t(*bound)
        ),
        TooLate { time, bound, proven } => format!(
            "{} {} ({}), {} {}",
            l.pick("signed at", "ký lúc"),
            t(*time),
            kind(*proven),
            l.pick("required before", "yêu cầu trước"),
            t(*bound)
        ),
    };
    match f.signature {
        Some(i) => format!("{} {i}: {text}", l.pick("signature", "chữ ký")),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn vietnamese_differs_from_english_and_has_diacritics() {
        let errs = [
            Error::OutputExists { path: PathBuf::from("a.crt") },
            Error::WrongPassword { path: PathBuf::from("a.key") },
            Error::P12NeedsPassword,
            Error::InvalidDn { input: "X".into(), reason: DnError::MissingEquals("X".into()) },
        ];
        for e in &errs {
            let en = error_message(e, Lang::En);
            let vi = error_message(e, Lang::Vi);
            assert_ne!(en, vi);
            assert!(!vi.is_ascii(), "no diacritics in {vi}");
        }
    }
}

//! Vietnamese for the language-neutral details verification writes (what a signature
//! covers, the detail of a reason or a note): the fixed English phrases the verifiers
//! put around names, numbers and codes, each with its Vietnamese, replaced in place.
//! Names, numbers, paths and codes stay as they are.
//!
//! The verifiers keep writing plain, greppable English details (JSON keeps them); people
//! reading `--lang vi` get these words. A phrase missing here shows up in English: the
//! test `vi_reports_have_no_english` (tests/policy.rs) checks the reports of a set of
//! fixtures against every English text of the catalogue and this table.

use super::Lang;

/// (English, Vietnamese), longest and most specific first.
pub const PHRASES: &[(&str, &str)] = &[
    // Long notes first (they contain words later phrases translate on their own)
    (
        "\" points inside its own Signature and carries an enveloped-signature transform: verified as .NET SignedXml does (the transform removes nothing), as invoices from .NET-based products (BKSOFT, SoftDreams EasyInvoice, MISA meInvoice, SmartSign) need; a literal XMLDSig reading (xmlsec1) digests nothing there",
        "\" trỏ vào bên trong chính chữ ký chứa nó và có phép biến đổi enveloped-signature: được kiểm tra như .NET SignedXml (phép biến đổi không loại bỏ gì), như hóa đơn từ các sản phẩm nền .NET (BKSOFT, SoftDreams EasyInvoice, MISA meInvoice, SmartSign) cần; cách đọc XMLDSig đúng theo chữ (xmlsec1) không băm gì ở đó",
    ),
    ("reference \"", "tham chiếu \""),
    (
        "\" is a version 1 certificate; it can issue certificates only as a trust anchor (give it with --trust)",
        "\" là chứng thư phiên bản 1; chỉ có thể cấp chứng thư khi là chứng thư tin cậy (cung cấp bằng --trust)",
    ),
    ("the TSA certificate \"", "chứng thư TSA \""),
    ("\" expired before ", "\" đã hết hạn trước "),
    (
        "; its chain was validated at the time-stamp's own time ",
        "; chuỗi chứng thực được kiểm tra tại chính thời điểm của dấu thời gian ",
    ),
    ("document time-stamp in field \"", "dấu thời gian tài liệu trong trường \""),
    ("signature time-stamp ", "dấu thời gian chữ ký "),
    (": indeterminate, ", ": chưa xác định, "),
    (": invalid, ", ": không hợp lệ, "),
    (": valid, ", ": hợp lệ, "),
    (
        "the time-stamp covers other data (message imprint mismatch)",
        "dấu thời gian bao phủ dữ liệu khác (messageImprint không khớp)",
    ),
    (
        "the time-stamp token's signer certificate is not in the token (and was not given)",
        "chứng thư của bên ký dấu thời gian không có trong dấu thời gian (và không được cung cấp)",
    ),
    ("the time-stamp token's signature does not verify", "chữ ký của dấu thời gian không hợp lệ"),
    ("the time-stamp token's signed attributes are wrong: ", "các thuộc tính đã ký của dấu thời gian sai: "),
    ("the TSA certificate cannot sign time-stamps: ", "chứng thư TSA không được dùng để ký dấu thời gian: "),
    ("unsupported in a time-stamp: ", "không hỗ trợ trong dấu thời gian: "),
    ("time-stamp: the message imprint is SHA-1", "dấu thời gian: messageImprint dùng SHA-1"),
    ("time-stamp: message imprint hash ", "dấu thời gian: thuật toán băm messageImprint "),
    ("time-stamp: ", "dấu thời gian: "),
    ("startxref value ", "giá trị startxref "),
    (" is outside the file", " nằm ngoài tệp"),
    ("xref object is a dictionary, not a stream", "đối tượng xref là một dictionary, không phải stream"),
    // What a signature covers
    ("whole file (also embedded in the signature)", "toàn bộ tệp (cũng được nhúng trong chữ ký)"),
    ("part of the file that is not a revision", "một phần tệp không phải là một phiên bản"),
    ("content embedded in the signature", "nội dung nhúng trong chữ ký"),
    ("content not found", "không tìm thấy nội dung"),
    ("whole file", "toàn bộ tệp"),
    ("verified within the invoice ", "kiểm tra trong phạm vi hóa đơn "),
    (", as the tax authority extracts it", ", như cơ quan thuế trích xuất"),
    // CMS
    ("the messageDigest attribute does not match the content", "thuộc tính messageDigest không khớp với nội dung"),
    ("no messageDigest attribute", "không có thuộc tính messageDigest"),
    (
        "the signing-certificate-v2 attribute names another certificate",
        "thuộc tính signing-certificate-v2 chỉ tới một chứng thư khác",
    ),
    (
        "the signing-certificate-v2 hash algorithm is unknown: the certificate binding was not checked",
        "không rõ thuật toán băm của signing-certificate-v2: chưa kiểm tra được liên kết với chứng thư",
    ),
    (
        "the signing-certificate attribute names another certificate",
        "thuộc tính signing-certificate chỉ tới một chứng thư khác",
    ),
    (
        "the signer's certificate is neither in the signature nor given with --certs",
        "chứng thư của người ký không có trong chữ ký và không được cung cấp qua --certs",
    ),
    (
        "the signed content is neither in the signature nor given (kyso verify FILE --signature SIG)",
        "nội dung đã ký không có trong chữ ký và không được cung cấp (kyso verify TỆP --signature CHỮ_KÝ)",
    ),
    ("the signature carries other content than ", "chữ ký mang nội dung khác với "),
    ("the signature uses SHA-1", "chữ ký dùng SHA-1"),
    (" bytes of other data after the CMS (a second structure?)", " byte dữ liệu khác sau CMS (một cấu trúc thứ hai?)"),
    ("a detached signature without its file", "chữ ký tách rời thiếu tệp đi kèm"),
    ("counter-signature", "chữ ký đối chứng"),
    (" of signature ", " của chữ ký "),
    // PDF
    ("adbe.pkcs7.sha1: the document is hashed with SHA-1", "adbe.pkcs7.sha1: tài liệu được băm bằng SHA-1"),
    (
        ": the SHA-1 in the signature is not the SHA-1 of the signed bytes",
        ": giá trị SHA-1 trong chữ ký không phải SHA-1 của dữ liệu đã ký",
    ),
    (
        ": the CMS encapsulates content; a PDF signature must be detached",
        ": CMS chứa nội dung bên trong; chữ ký PDF phải ở dạng tách rời",
    ),
    (": the ByteRange does not end at the end of a revision", ": ByteRange không kết thúc tại cuối một phiên bản"),
    (": adbe.pkcs7.sha1 without encapsulated content", ": adbe.pkcs7.sha1 không có nội dung bên trong"),
    (": no /Contents or /ByteRange", ": không có /Contents hoặc /ByteRange"),
    (": bad ByteRange", ": ByteRange sai"),
    (" signer infos, expected one", " SignerInfo, cần đúng một"),
    ("non-zero bytes after the CMS in /Contents", "có byte khác 0 sau CMS trong /Contents"),
    (": two signatures claim the same bytes", ": hai chữ ký cùng nhận một vùng dữ liệu"),
    ("DocMDP permissions: ", "quyền DocMDP: "),
    (" object visits; raise it with --pdf-work-limit", " lượt duyệt đối tượng; tăng bằng --pdf-work-limit"),
    (
        "the signed PDF reads two ways and viewers differ: ",
        "tệp PDF đã ký đọc được theo hai cách và các trình xem hiển thị khác nhau: ",
    ),
    (
        "ambiguous PDF syntax added after signing, read differently by viewers: ",
        "cú pháp PDF mơ hồ được thêm sau khi ký, các trình xem đọc khác nhau: ",
    ),
    ("comparing the xref view with the viewer-style view: ", "so sánh cách đọc theo xref với cách đọc của trình xem: "),
    ("approval signatures only", "chỉ cho phép chữ ký phê duyệt"),
    ("fields \"", "các trường \""),
    ("field \"", "trường \""),
    // XML
    ("no certificate in KeyInfo verifies SignatureValue", "không chứng thư nào trong KeyInfo khớp với SignatureValue"),
    ("no X509Certificate in KeyInfo", "KeyInfo không có X509Certificate"),
    (" carries no signature over its data (DLHDon)", " không có chữ ký trên phần dữ liệu (DLHDon)"),
    ("the invoice ", "hóa đơn "),
    // edXML
    ("the attachment has no ContentTransferEncoded", "tệp đính kèm không có ContentTransferEncoded"),
    (", but the bytes are ", ", nhưng dữ liệu thực là "),
    ("declared ", "khai báo "),
    // Files that cannot be read (the details of PARSE_FAILED): PDF syntax, CMS, XML
    (
        "document is encrypted with a user password: a password is needed to open it",
        "tài liệu được mã hóa bằng mật khẩu người dùng: cần mật khẩu để mở",
    ),
    (
        "document is encrypted and was not decrypted (no authenticated password)",
        "tài liệu được mã hóa và chưa được giải mã (không có mật khẩu hợp lệ)",
    ),
    (
        "wrong password: it is neither the user nor the owner password of this encrypted document",
        "sai mật khẩu: không phải mật khẩu người dùng hay mật khẩu chủ sở hữu của tài liệu mã hóa này",
    ),
    (
        "cross-reference table was broken and had to be reconstructed; refusing",
        "bảng tham chiếu chéo bị hỏng và phải dựng lại; từ chối xử lý",
    ),
    (
        "not a PDF file (no %PDF- header in the first 1024 bytes)",
        "không phải tệp PDF (không có tiêu đề %PDF- trong 1024 byte đầu)",
    ),
    ("xref reconstruction found no document catalog", "dựng lại bảng xref không tìm thấy danh mục tài liệu (Catalog)"),
    ("broken cross-reference section at offset ", "phần tham chiếu chéo bị hỏng tại vị trí "),
    ("cross-reference /Prev chain loops", "chuỗi /Prev của bảng tham chiếu chéo bị lặp vòng"),
    ("invalid document structure: ", "cấu trúc tài liệu không hợp lệ: "),
    ("unsupported encryption: ", "kiểu mã hóa không được hỗ trợ: "),
    ("syntax error at offset ", "lỗi cú pháp tại vị trí "),
    ("stream filter error: ", "lỗi bộ lọc luồng dữ liệu: "),
    ("limit exceeded: ", "vượt giới hạn: "),
    ("(at offset ", "(tại vị trí "),
    ("(offset ", "(vị trí "),
    ("visited twice)", "được duyệt hai lần)"),
    ("unsupported: ", "không hỗ trợ: "),
    ("not allowed: ", "không được phép: "),
    ("I/O error: ", "lỗi vào/ra: "),
    ("not a CMS SignedData: ", "không phải CMS SignedData: "),
    ("BER: truncated content", "BER: nội dung bị cắt cụt"),
    ("not a CMS file", "không phải tệp CMS"),
    ("XML parse error: ", "lỗi phân tích XML: "),
    ("the root node was opened but never closed", "phần tử gốc được mở nhưng không được đóng"),
    ("the document does not have a root node", "tài liệu không có phần tử gốc"),
    ("unexpected end of stream", "dữ liệu kết thúc bất ngờ"),
    ("XML with DTD detected", "XML có DTD (không được chấp nhận)"),
    ("unexpected close tag at ", "thẻ đóng không mong đợi tại "),
    ("' tag, not '", "' (thẻ đóng), không phải '"),
    ("expected '", "cần '"),
    ("unknown token at ", "ký hiệu không nhận ra tại "),
    ("invalid name token at ", "tên không hợp lệ tại "),
    ("unescaped '<' found at ", "ký tự '<' chưa được thoát tại "),
    // Options (kyso verify)
    ("goes with exactly one CMS FILE", "chỉ dùng với đúng một TỆP CMS"),
    ("goes with exactly one FILE", "chỉ dùng với đúng một TỆP"),
    (
        "the report is written as HTML (FILE.html) or PDF (FILE.pdf)",
        "báo cáo được ghi dưới dạng HTML (TỆP.html) hoặc PDF (TỆP.pdf)",
    ),
    // Certificates and chains
    ("the chain ends at the self-signed \"", "chuỗi kết thúc ở chứng thư tự ký \""),
    ("\", which is not a trust anchor", "\", không phải chứng thư tin cậy"),
    ("the chain ends at \"", "chuỗi kết thúc ở \""),
    ("\"; its issuer \"", "\"; không tìm thấy bên cấp \""),
    ("\" was not found", "\""),
    ("\" uses an algorithm or key kyso does not verify", "\" dùng thuật toán hoặc khóa mà kyso không kiểm tra được"),
    ("\" does not verify the signature of \"", "\" không xác minh được chữ ký của \""),
    ("the signature of \"", "chữ ký của \""),
    ("the key of \"", "khóa của \""),
    ("\" by \"", "\" bởi \""),
    ("\" violates name constraints: ", "\" vi phạm ràng buộc tên: "),
    ("\" was revoked on ", "\" bị thu hồi ngày "),
    ("\" is on hold (certificateHold) since ", "\" bị tạm dừng (certificateHold) từ "),
    ("the revocation status of \"", "tình trạng thu hồi của \""),
    ("\" is unknown: ", "\" chưa xác định: "),
    ("\" is valid from ", "\" có hiệu lực từ "),
    ("\" expired on ", "\" hết hạn ngày "),
    ("\" has a malformed extension", "\" có phần mở rộng sai định dạng"),
    ("\" has an RSA key of ", "\" có khóa RSA "),
    (
        "\" is signed with the OIW sha1RSA identifier 1.3.14.3.2.29 (old Windows CAs)",
        "\" được ký với định danh OIW sha1RSA 1.3.14.3.2.29 (CA Windows cũ)",
    ),
    ("\" is signed with SHA-1", "\" được ký bằng SHA-1"),
    ("\" and \"", "\" và \""),
    (" with ", " với "),
    (" bits", " bit"),
    (" bytes)", " byte)"),
];

/// A detail or coverage text in `l`: unchanged in English; in Vietnamese with the
/// phrases of [`PHRASES`] and "revision N of M" replaced.
pub fn tr(text: &str, l: Lang) -> String {
    if l == Lang::En || text.is_empty() {
        return text.to_string();
    }
    let mut s = revision_of(text);
    for (en, vi) in PHRASES {
        if s.contains(en) {
            s = s.replace(en, vi);
        }
    }
    position_at(&s)
}

/// A parser's position suffix " at 1:7" → " tại 1:7".
fn position_at(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" at ") {
        let after = &rest[i + 4..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        out.push_str(&rest[..i]);
        out.push_str(if digits > 0 && after[digits..].starts_with(':') { " tại " } else { " at " });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// "revision 2 of 3" → "phiên bản 2/3"; "page 4" → "trang 4".
fn revision_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let next = [("revision ", true), ("page ", false)]
            .iter()
            .filter_map(|(w, two)| rest.find(w).map(|i| (i, *w, *two)))
            .min_by_key(|x| x.0);
        let Some((i, word, two)) = next else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..i]);
        let after = &rest[i + word.len()..];
        let n: String = after.chars().take_while(char::is_ascii_digit).collect();
        if n.is_empty() {
            out.push_str(word);
            rest = after;
            continue;
        }
        let tail = &after[n.len()..];
        if two && let Some(t) = tail.strip_prefix(" of ") {
            let m: String = t.chars().take_while(char::is_ascii_digit).collect();
            if !m.is_empty() {
                out.push_str(&format!("phiên bản {n}/{m}"));
                rest = &t[m.len()..];
                continue;
            }
        }
        out.push_str(if two { "phiên bản " } else { "trang " });
        out.push_str(&n);
        rest = tail;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_in_vietnamese() {
        assert_eq!(tr("whole file", Lang::Vi), "toàn bộ tệp");
        assert_eq!(tr("whole file", Lang::En), "whole file");
        assert_eq!(tr("revision 1 of 3", Lang::Vi), "phiên bản 1/3");
        assert_eq!(
            tr("revision 2 of 3: PAGE_CONTENT_CHANGED page 1 [forbidden]", Lang::Vi),
            "phiên bản 2/3: PAGE_CONTENT_CHANGED trang 1 [forbidden]"
        );
        assert_eq!(
            tr("the chain ends at \"CN=A\"; its issuer \"CN=B\" was not found", Lang::Vi),
            "chuỗi kết thúc ở \"CN=A\"; không tìm thấy bên cấp \"CN=B\""
        );
        assert_eq!(
            tr("XML parse error: expected 'b' tag, not 'a' at 1:7", Lang::Vi),
            "lỗi phân tích XML: cần 'b' (thẻ đóng), không phải 'a' tại 1:7"
        );
        assert_eq!(tr("meet at noon at 3", Lang::Vi), "meet at noon at 3");
        assert_eq!(
            tr("\"CN=A\" expired on 2020-01-01T00:00:00Z", Lang::Vi),
            "\"CN=A\" hết hạn ngày 2020-01-01T00:00:00Z"
        );
    }
}

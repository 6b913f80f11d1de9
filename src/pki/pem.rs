//! PEM (RFC 7468) block reading, shared by key and certificate loading.

/// One `-----BEGIN X-----` ... `-----END X-----` block.
pub struct PemBlock {
    pub label: String,
    pub der: Vec<u8>,
    /// Legacy OpenSSL encryption headers (`Proc-Type: 4,ENCRYPTED`), which kyso does not read.
    pub encrypted_legacy: bool,
}

/// Every PEM block in `bytes`, ignoring text around them (as `openssl x509 -text` writes).
/// `Ok(vec![])` means the input is not PEM at all; a BEGIN line without its END line, or
/// a block whose base64 is damaged, is an error.
pub fn pem_blocks(bytes: &[u8]) -> std::result::Result<Vec<PemBlock>, String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(Vec::new());
    };
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + 11..];
        let label_end = after.find("-----").ok_or("damaged PEM BEGIN line")?;
        let label = after[..label_end].to_string();
        let end_marker = format!("-----END {label}-----");
        let body_start = start + 11 + label_end + 5;
        let end =
            rest[body_start..].find(&end_marker).ok_or_else(|| format!("truncated PEM: no \"{end_marker}\" line"))?;
        let block_text = &rest[start..body_start + end + end_marker.len()];
        let body = &rest[body_start..body_start + end];
        let encrypted_legacy = body.contains("Proc-Type:");
        let der = if encrypted_legacy {
            Vec::new()
        } else {
            match der::pem::decode_vec(block_text.as_bytes()) {
                Ok((_, der)) => der,
                // RFC 7468 §3 lax reading: lines of any length, CRLF, spaces (Windows
                // exports, certificates pasted from web pages).
                Err(e) => lax_base64(body).ok_or_else(|| format!("damaged PEM block {label:?}: {e}"))?,
            }
        };
        blocks.push(PemBlock { label, der, encrypted_legacy });
        rest = &rest[body_start + end + end_marker.len()..];
    }
    Ok(blocks)
}

/// Base64 with any whitespace between characters (RFC 7468 §3, "lax" parsers).
fn lax_base64(body: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(compact).ok().filter(|d| !d.is_empty())
}

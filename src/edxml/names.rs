//! File names for extracted attachments. An `AttachmentName` is whatever the sender wrote;
//! what is written to disk is one plain file name in the chosen folder: no separators
//! (`/`, `\`), no drive letters or other characters Windows refuses (`<>:"|?*`), no
//! control characters, no leading or trailing dots and blanks (so never `.` or `..`), no
//! device names (`CON`, `NUL`, `COM1`…, with any extension), at most 200 bytes. Names that
//! collide are numbered: `a.pdf`, `a (2).pdf`.

/// Longest name written, in bytes (file systems allow 255; room is left for numbering).
const MAX_NAME: usize = 200;

const DEVICES: [&str; 24] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "CONIN$", "CONOUT$",
];

/// A safe file name for `name`; `fallback` when nothing usable is left.
pub fn sanitize(name: &str, fallback: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    s = s.trim_matches(|c: char| c == '.' || c.is_whitespace()).to_string();
    if s.trim_matches('_').is_empty() {
        s = fallback.to_string();
    }
    let stem = s.split('.').next().unwrap_or("").trim_end().to_ascii_uppercase();
    if DEVICES.contains(&stem.as_str()) {
        s.insert(0, '_');
    }
    truncate(&s, MAX_NAME)
}

/// Cut to at most `max` bytes on a character boundary, keeping a short extension.
fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let ext = s.rfind('.').map(|i| &s[i..]).filter(|e| e.len() <= 16).unwrap_or("");
    let mut cut = max - ext.len();
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{ext}", &s[..cut])
}

/// `a.pdf` → `a (n).pdf`.
pub fn numbered(name: &str, n: usize) -> String {
    match name.rfind('.').filter(|&i| i > 0) {
        Some(i) => format!("{} ({n}){}", &name[..i], &name[i..]),
        None => format!("{name} ({n})"),
    }
}

/// Give each name a unique form (case-insensitively, as on Windows and macOS), numbering
/// later ones.
pub fn unique(names: &[String]) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    names
        .iter()
        .map(|n| {
            let mut candidate = n.clone();
            let mut i = 2;
            while taken.iter().any(|t| t.to_lowercase() == candidate.to_lowercase()) {
                candidate = numbered(n, i);
                i += 1;
            }
            taken.push(candidate.clone());
            candidate
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names() {
        assert_eq!(sanitize("../../etc/passwd", "x"), "_.._etc_passwd");
        assert_eq!(
            sanitize("C:\\Windows\\System32\\drivers\\etc\\hosts", "x"),
            "C__Windows_System32_drivers_etc_hosts"
        );
        assert_eq!(sanitize("/etc/passwd", "x"), "_etc_passwd");
        assert_eq!(sanitize("..", "x"), "x");
        assert_eq!(sanitize(" . ", "x"), "x");
        assert_eq!(sanitize("NUL.txt", "x"), "_NUL.txt");
        assert_eq!(sanitize("com1", "x"), "_com1");
        assert_eq!(sanitize("a\u{0}b\nc.pdf", "x"), "a_b_c.pdf");
        assert_eq!(sanitize("Thông báo (02.06.2020)_signed.pdf", "x"), "Thông báo (02.06.2020)_signed.pdf");
        let long = format!("{}.pdf", "ế".repeat(150));
        let s = sanitize(&long, "x");
        assert!(s.len() <= MAX_NAME && s.ends_with(".pdf"), "{s}");
    }

    #[test]
    fn collisions_are_numbered() {
        let names: Vec<String> = ["a.pdf", "A.pdf", "a.pdf", "b"].iter().map(|s| s.to_string()).collect();
        assert_eq!(unique(&names), ["a.pdf", "A (2).pdf", "a (3).pdf", "b"]);
    }
}

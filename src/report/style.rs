//! Minimal ANSI styling, applied only when colour is enabled for the stream.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Bad,
    Warn,
    Dim,
    Strong,
}

/// Wrap `text` in the ANSI sequence for `tone` when `enabled`.
pub fn paint(text: &str, tone: Tone, enabled: bool) -> String {
    if !enabled {
        return text.to_string();
    }
    let code = match tone {
        Tone::Good => "32;1",
        Tone::Bad => "31;1",
        Tone::Warn => "33;1",
        Tone::Dim => "2",
        Tone::Strong => "1",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

//! House rules that the compiler cannot check, read from `src/` as text:
//! - the library knows no clap: only `src/cli/` and `src/main.rs` may mention it (the command
//!   line's choices mirror library types in `src/cli/choices.rs`);
//! - verdicts are data: nothing under `src/verify/` imports `crate::report` (words for people).

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src/") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root).expect("under the crate").to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(&p).expect("read a source file");
            (rel, text)
        })
        .collect()
}

/// The lines that are code (not `//` comments).
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//")).map(|(i, l)| (i + 1, l))
}

#[test]
fn only_the_command_line_knows_clap() {
    let mut offenders = Vec::new();
    for (path, text) in src_files() {
        if path.starts_with("src/cli/") || path == "src/main.rs" {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            if line.contains("clap") {
                offenders.push(format!("{path}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "clap outside src/cli/ (mirror the type in src/cli/choices.rs):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn verification_does_not_import_report() {
    let mut offenders = Vec::new();
    for (path, text) in src_files() {
        if !path.starts_with("src/verify/") {
            continue;
        }
        for (n, line) in code_lines(&text) {
            if line.contains("crate::report") || line.contains("super::report") {
                offenders.push(format!("{path}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "src/verify/ imports the report layer (verdicts are data):\n{}",
        offenders.join("\n")
    );
}

/// The guard sees what it guards: the files it must skip exist and do mention clap.
#[test]
fn the_guard_reads_the_tree() {
    let files = src_files();
    assert!(files.iter().any(|(p, t)| p == "src/cli/choices.rs" && t.contains("clap::ValueEnum")));
    assert!(files.iter().any(|(p, _)| p.starts_with("src/verify/")));
}

//! The CLI's shape: `--help` snapshots for every subcommand, completions and man page
//! in sync with the clap model. Regenerate with `KYSO_BLESS=1 cargo test --test cli`.

mod common;

use std::path::Path;

use common::kyso;

fn bless() -> bool {
    std::env::var_os("KYSO_BLESS").is_some()
}

/// Compare `actual` with a checked-in file, or rewrite it when blessing.
fn check_file(path: &Path, actual: &[u8]) {
    if bless() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(path).unwrap_or_default();
    assert!(
        expected == actual,
        "{} is stale; run `KYSO_BLESS=1 cargo test --test cli` and review the diff.\n--- actual ---\n{}",
        path.display(),
        String::from_utf8_lossy(actual)
    );
}

fn subcommand_paths(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut p = prefix.clone();
        p.push(sub.get_name().to_string());
        subcommand_paths(sub, p, out);
    }
}

#[test]
fn help_snapshots() {
    let mut paths = Vec::new();
    subcommand_paths(&kyso::cli::command(), vec![], &mut paths);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/help");
    for path in paths {
        let name = if path.is_empty() { "kyso".to_string() } else { format!("kyso-{}", path.join("-")) };
        let out = kyso().args(&path).arg("--help").output().unwrap();
        assert!(out.status.success(), "{name} --help failed");
        check_file(&root.join(format!("{name}.txt")), &out.stdout);
    }
}

#[test]
fn completions_are_current() {
    use clap_complete::Shell;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell, Shell::Elvish] {
        let script = kyso::cli::completions::script(shell);
        let out = kyso().args(["completions", &shell.to_string()]).output().unwrap();
        assert_eq!(out.stdout, script);
        check_file(&dir.join(kyso::cli::completions::file_name(shell)), &script);
    }
    check_file(&dir.join("kyso.1"), &kyso::cli::manpage::render().unwrap());
}

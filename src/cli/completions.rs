//! `kyso completions SHELL`: print a completion script generated from the clap model.

use clap::Args;
use clap_complete::Shell;

use crate::error::Result;
use crate::exit::ExitStatus;
use crate::report::output::Output;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The completion script for `shell` (also used to keep `completions/` up to date).
pub fn script(shell: Shell) -> Vec<u8> {
    let mut cmd = super::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "kyso", &mut buf);
    buf
}

/// The file name under `completions/` for a shell.
pub fn file_name(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "kyso.bash",
        Shell::Zsh => "_kyso",
        Shell::Fish => "kyso.fish",
        Shell::PowerShell => "_kyso.ps1",
        Shell::Elvish => "kyso.elv",
        _ => "kyso.unknown",
    }
}

pub fn run(args: CompletionsArgs, out: &Output) -> Result<ExitStatus> {
    out.raw(&script(args.shell));
    Ok(ExitStatus::Success)
}

//! `kyso manpage` (hidden): print the roff man page generated with clap_mangen.

use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::report::output::Output;

/// The man page for `kyso` (also checked in as `completions/kyso.1`).
pub fn render() -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(super::command()).render(&mut buf)?;
    Ok(buf)
}

pub fn run(out: &Output) -> Result<ExitStatus> {
    let page = render().map_err(|source| Error::Write { path: "<stdout>".into(), source })?;
    out.raw(&page);
    Ok(ExitStatus::Success)
}

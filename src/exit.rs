//! The one exit-code enum of the `kyso` binary.

use std::process::ExitCode;

/// How a `kyso` run ended. The numeric values are a stable interface for scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// 0: success; for verification, every file is valid.
    Success = 0,
    /// 1: a signature is invalid, indeterminate or missing, or a file could not be processed.
    Failure = 1,
    /// 2: usage or setup error (bad flags, unreadable key, wrong password, existing output).
    Error = 2,
}

impl ExitStatus {
    /// The worse of two statuses (usage errors dominate failures, which dominate success).
    pub fn worst(self, other: ExitStatus) -> ExitStatus {
        self.max(other)
    }

    pub fn code(self) -> u8 {
        self as u8
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(status.code())
    }
}

/// The exit-code table as shown in `--help` and README.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success; for verify: every file is valid
  1  a signature is invalid, indeterminate or missing, or a file could not be processed
  2  usage or setup error (bad flags, unreadable key, wrong password, existing output)";

//! What a policy judged, as data: the rule names, the AdES levels they speak of, why a file
//! fails a rule, and a file's outcome ([`PolicyReport`], carried by `verify::FileReport`).
//! Imports nothing from `verify/`, so reports can carry it without a loop.

use serde::Serialize;

/// The rule names, as written in policy files and as flags (an interface, like reason codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    RequireSigner,
    MinSignatures,
    RequireLevel,
    RequireWholeFile,
    RequireCertification,
    AllowAlgorithms,
    MinRsaBits,
    SignedAfter,
    SignedBefore,
}

impl Rule {
    pub const ALL: [Rule; 9] = [
        Rule::RequireSigner,
        Rule::MinSignatures,
        Rule::RequireLevel,
        Rule::RequireWholeFile,
        Rule::RequireCertification,
        Rule::AllowAlgorithms,
        Rule::MinRsaBits,
        Rule::SignedAfter,
        Rule::SignedBefore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::RequireSigner => "require-signer",
            Rule::MinSignatures => "min-signatures",
            Rule::RequireLevel => "require-level",
            Rule::RequireWholeFile => "require-whole-file",
            Rule::RequireCertification => "require-certification",
            Rule::AllowAlgorithms => "allow-algorithms",
            Rule::MinRsaBits => "min-rsa-bits",
            Rule::SignedAfter => "signed-after",
            Rule::SignedBefore => "signed-before",
        }
    }
}

/// An AdES signature level (ETSI EN 319 142-1 and siblings), lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    B,
    T,
    Lt,
    Lta,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        let s = s.trim().to_ascii_lowercase();
        let s = s.strip_prefix("b-").unwrap_or(&s);
        match s {
            "b" => Some(Level::B),
            "t" => Some(Level::T),
            "lt" => Some(Level::Lt),
            "lta" => Some(Level::Lta),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::B => "B-B",
            Level::T => "B-T",
            Level::Lt => "B-LT",
            Level::Lta => "B-LTA",
        }
    }
}

/// Why a file fails a rule. Words for people are in `crate::report::messages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Failure {
    /// No valid signature by one of the required signers; `signers` are the subjects
    /// of the valid signatures there are.
    NoRequiredSigner {
        signers: Vec<String>,
    },
    TooFewSignatures {
        need: usize,
        have: usize,
    },
    /// The report carries no signature level (kyso did not determine one).
    LevelUnknown {
        need: Level,
    },
    LevelTooLow {
        need: Level,
        have: Level,
    },
    NotWholeFile,
    NotCertified,
    AlgorithmNotAllowed {
        algorithm: String,
    },
    AlgorithmUnknown,
    RsaTooShort {
        bits: u32,
        min: u32,
    },
    /// A signature with no time at all to judge.
    NoSigningTime,
    TooEarly {
        time: i64,
        bound: i64,
        proven: bool,
    },
    TooLate {
        time: i64,
        bound: i64,
        proven: bool,
    },
}

/// One failed rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyFailure {
    pub rule: Rule,
    /// The signature concerned (1-based), when the rule is about one.
    pub signature: Option<usize>,
    pub failure: Failure,
}

/// A file's policy outcome: the reason code `POLICY_FAILURE` for each failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyReport {
    pub source: String,
    /// The rules judged for this file.
    pub rules: Vec<Rule>,
    pub failures: Vec<PolicyFailure>,
}

impl PolicyReport {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

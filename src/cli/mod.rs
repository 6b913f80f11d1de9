//! The `kyso` command line: global options, the subcommand enum, and the runner.
//!
//! One file per subcommand. Each handler returns `Result<ExitStatus>`; errors are
//! printed here, once, through the output layer.

pub mod args;
pub mod batch;
pub mod cert;
pub mod choices;
pub mod completions;
pub mod demo;
pub mod edxml;
pub mod folders;
pub mod ltv;
pub mod manpage;
pub mod pki;
pub mod policy;
pub mod profile;
pub mod profile_add;
pub mod profile_ask;
pub mod sign;
pub mod sign_args;
pub mod token;
pub mod trust;
pub mod verify;

use clap::{Args, Parser, Subcommand};

use self::choices::{ColorChoice, Format, Lang};
use crate::exit::{EXIT_CODES_HELP, ExitStatus};
use crate::report::output::Output;

#[derive(Debug, Parser)]
#[command(
    name = "kyso",
    version,
    about = "Sign and verify official documents: test PKIs, detached CMS, PDF and XML signatures",
    long_about = "kyso (from \"ký số\", digital signing) issues test PKIs, signs documents and verifies signatures \
                  and certificate chains, with verdicts people and scripts can act on.",
    after_help = EXIT_CODES_HELP,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Output format: text for people, or one JSON document (with a "schema" version) on stdout
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Language of messages [default: from KYSO_LANG, then LANG; English otherwise]
    #[arg(long, global = true, value_enum, env = "KYSO_LANG", hide_env = true)]
    pub lang: Option<Lang>,
    /// Print only errors (JSON output, when asked for, is still printed)
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Colour output on a terminal (NO_COLOR turns "auto" off)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run; boxing buys nothing
pub enum Command {
    /// Create and inspect certificates (test PKIs)
    #[command(subcommand)]
    Cert(cert::CertCommand),
    /// Sign a document (detached CMS .p7s for any file)
    Sign(sign::SignArgs),
    /// Verify signatures and certificate chains
    Verify(verify::VerifyArgs),
    /// Add a document time-stamp to a PDF (PAdES, /ETSI.RFC3161)
    Timestamp(ltv::TimestampArgs),
    /// Raise signatures to B-LT or B-LTA (PDF; CMS .p7s/.p7m and XAdES: B-LT)
    Extend(ltv::ExtendArgs),
    /// Sign or verify whole folders, in parallel
    #[command(subcommand)]
    Batch(batch::BatchCommand),
    /// Named trust stores (`--trust @NAME`, `--certs @NAME`; built-in: @vn): add, list, show, remove
    #[command(subcommand)]
    Trust(trust::TrustCommand),
    /// PKCS#11 hardware tokens
    #[command(subcommand)]
    Token(token::TokenCommand),
    /// Named signing profiles (`kyso sign FILE --as NAME`): list, show, add
    #[command(subcommand)]
    Profile(profile::ProfileCommand),
    /// Test-PKI services: RFC 3161 time-stamps, OCSP and CRLs over HTTP
    #[command(subcommand)]
    Pki(pki::PkiCommand),
    /// edXML packages from the document exchange axis: inspect, extract
    #[command(subcommand)]
    Edxml(edxml::EdxmlCommand),
    /// Run the main job on an embedded sample: make a test PKI, then sign and verify
    Demo(demo::DemoArgs),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff)
    #[command(hide = true)]
    Manpage,
}

impl GlobalArgs {
    pub fn output(&self) -> Output {
        let lang = match self.lang {
            Some(l) => l.into(),
            None => crate::report::Lang::from_locale(std::env::var("LANG").ok().as_deref()),
        };
        Output::new(self.format.into(), lang, self.quiet, self.color.into())
    }
}

/// Run a parsed command line; the returned status becomes the process exit code.
pub fn run(cli: Cli) -> ExitStatus {
    let out = cli.global.output();
    let result = match cli.command {
        Command::Cert(cmd) => cert::run(cmd, &out),
        Command::Sign(args) => sign::run(args, &out),
        Command::Verify(args) => verify::run(args, &out),
        Command::Timestamp(args) => ltv::run_timestamp(args, &out),
        Command::Extend(args) => ltv::run_extend(args, &out),
        Command::Batch(cmd) => batch::run(cmd, &out),
        Command::Token(cmd) => token::run(cmd, &out),
        Command::Trust(cmd) => trust::run(cmd, &out),
        Command::Pki(cmd) => pki::run(cmd, &out),
        Command::Profile(cmd) => profile::run(cmd, &out),
        Command::Edxml(cmd) => edxml::run(cmd, &out),
        Command::Demo(args) => demo::run(args, &out),
        Command::Completions(args) => completions::run(args, &out),
        Command::Manpage => manpage::run(&out),
    };
    match result {
        Ok(status) => status,
        Err(err) => {
            out.error(&err);
            err.exit_status()
        }
    }
}

/// The clap model of the CLI (for completions and the man page).
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

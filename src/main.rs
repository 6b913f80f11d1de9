use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = <kyso::cli::Cli as clap::Parser>::parse();
    kyso::cli::run(cli).into()
}

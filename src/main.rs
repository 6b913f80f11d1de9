use std::process::ExitCode;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = <kyso::cli::Cli as clap::Parser>::parse();
    kyso::cli::run(cli).into()
}

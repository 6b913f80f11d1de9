use std::process::ExitCode;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // mimalloc's `purge_delay` (option 15) to 0: freed pages return to the system at once.
    #[cfg(feature = "mimalloc")]
    // SAFETY: sets a plain integer option; mimalloc reads it on each purge decision.
    unsafe {
        libmimalloc_sys::mi_option_set(15, 0)
    };
    let cli = <kyso::cli::Cli as clap::Parser>::parse();
    kyso::cli::run(cli).into()
}

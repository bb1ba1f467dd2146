use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: a large build keeps hundreds of thousands of
/// highlighted code blocks alive between short-lived allocations on every core, where glibc's
/// allocator fragments and slows (a fifth of the CPU time of a 100,000-page build).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    stackguide::run(stackguide::Cli::parse())
}

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: a large build keeps hundreds of thousands of
/// highlighted code blocks alive between short-lived allocations on every core, where glibc's
/// allocator fragments and slows (a fifth of the CPU time of a 100,000-page build). On Linux
/// with glibc it also replaces `malloc` for the C code linked in (Oniguruma, which compiles
/// the highlighting grammars' patterns): glibc grew its per-thread heaps a page at a time, one
/// `mprotect` each, some 800 times in a build of the guide.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    stackguide::run(stackguide::Cli::parse())
}

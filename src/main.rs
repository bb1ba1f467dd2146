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
    let cli = stackguide::Cli::parse();
    if !cli.runs_until_stopped() {
        keep_freed_memory();
    }
    stackguide::run(cli)
}

/// Memory freed by a command that runs once is kept for its next allocations until it exits.
/// By default mimalloc hands freed pages back to the system after a few milliseconds and
/// then takes them again, each one zeroed and faulted in anew (and a huge page split): a cold
/// build of the guide made some 300 `madvise` calls and spent a fifth more system time. The peak
/// memory of a 10,000-page build is the same either way. `serve`, which runs for hours, keeps
/// the default and gives memory back.
fn keep_freed_memory() {
    /// `mi_option_purge_delay` (-1: never purge), which the bindings do not name: the member of
    /// mimalloc.h's `mi_option_t` just before `mi_option_use_numa_nodes`.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = libmimalloc_sys::mi_option_use_numa_nodes - 1;
    // SAFETY: sets one of mimalloc's options, which it reads at each purge; any value is valid.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    stackguide::cli::run(stackguide::cli::Cli::parse())
}

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    stackguide::run(stackguide::Cli::parse())
}

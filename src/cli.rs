//! The command line: clap types and one function per subcommand. Printing happens here only.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::{self, BuildResult};
use crate::config::BuildOptions;
use crate::diagnostics::{MessageFormat, emit};
use crate::init;

/// Build a guide to choosing a backend stack from Markdown chapters and YAML stack profiles.
#[derive(Debug, Parser)]
#[command(name = "stackguide", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Create a new site with example content that builds as it is.
    Init {
        /// The folder to create the site in.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The site folder (holds content/ and themes/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/public].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Overrides base_url from content/site.yaml, e.g. for preview deployments.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

/// Run a parsed command line: 0 on success, 1 when the site has errors, 2 when the tool failed.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => run_build(args),
        Command::Init { dir } => match init::init(&dir) {
            Ok(files) => {
                println!("created a new site in {} ({files} files)", dir.display());
                println!("build it with: stackguide build --root {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    let opts =
        BuildOptions { root: args.root, output: args.output, base_url: args.base_url, drafts: args.drafts };
    let result = build::build(&opts);
    report(&result, args.message_format);
    if result.ok() {
        println!(
            "built {} page{} in {} ms",
            result.pages,
            if result.pages == 1 { "" } else { "s" },
            result.elapsed.as_millis()
        );
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn report(result: &BuildResult, format: MessageFormat) {
    let diagnostics = result.diagnostics.sorted();
    if diagnostics.is_empty() {
        return;
    }
    let stderr = std::io::stderr();
    let color =
        format == MessageFormat::Human && stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut lock = stderr.lock();
    // For machines the diagnostics go to stdout, so they can be piped apart from progress.
    let result = if format == MessageFormat::Human {
        emit(&mut lock, &diagnostics, &result.sources, format, color)
    } else {
        let mut out = std::io::stdout().lock();
        emit(&mut out, &diagnostics, &result.sources, format, false).and_then(|_| out.flush())
    };
    let _ = result;
}

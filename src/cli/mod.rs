//! The command line: clap types and one function per subcommand. Printing happens here only.

use std::io::{IsTerminal, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::{self, BuildResult};
use crate::config::BuildOptions;
use crate::diagnostics::{Diagnostic, MAX_SHOWN, MessageFormat, counted, emit};
use crate::session::Session;
use crate::{check, init, scaffold, schema, serve};

mod progress;
mod tools;

/// Build a guide to choosing a backend stack from Markdown chapters and YAML stack profiles.
#[derive(Debug, Parser)]
#[command(
    name = "stackguide",
    version,
    about,
    disable_help_subcommand = true,
    after_help = "The format of the files writers edit: `stackguide help content`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Whether the command keeps running until it is stopped (`serve`), rather than doing its
    /// work once and exiting.
    pub fn runs_until_stopped(&self) -> bool {
        matches!(self.command, Command::Serve { .. })
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Run every check of `build`, plus links and anchors in the rendered pages; write nothing.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Exit with 1 when there are warnings too (unsourced ratings, stale reviews, versions
        /// past support...), so CI can hold the line.
        #[arg(long)]
        strict: bool,
    },
    /// Build into memory, serve on loopback and reload open pages on every save.
    Serve {
        /// The site folder (holds content/ and themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on; anything but loopback exposes the preview to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Create a new site with example content that builds as it is.
    Init {
        /// The folder to create the site in.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Create a chapter, stack profile or flowchart with every field present and explained.
    New {
        /// What to create.
        #[arg(value_enum)]
        kind: scaffold::Kind,
        /// Its name: a file name without extension (`caching`), or for a chapter a path under
        /// content/ (`guide/data/caching`).
        name: String,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write JSON Schemas of every file writers edit, for editors (`init` writes them too).
    Schema {
        /// The folder to write them into (created if missing; other files in it are kept).
        #[arg(long, default_value = "schemas")]
        output: PathBuf,
    },
    /// Print a completion script for a shell, e.g. `stackguide completions bash > ~/.local/share/bash-completion/completions/stackguide`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the format of the files writers edit (`help content`), or a command's help.
    Help {
        /// `content`, or a command such as `build`.
        topic: Option<String>,
    },
}

/// The options `build` and `check` share.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The site folder (holds content/ and themes/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Overrides base_url from content/site.yaml, e.g. for preview deployments.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// How to print problems: for people, as JSON lines, or as GitHub Actions annotations.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site [default: ROOT/public]. A build replaces only what an earlier
    /// build wrote there.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Replace files in the output folder that stackguide did not write (hidden entries such as
    /// .git are kept). The site itself, content/, themes/ and plain files are never replaced.
    #[arg(long)]
    pub force: bool,
    /// No progress line, even on a terminal (the summary line stays).
    #[arg(long)]
    pub quiet: bool,
}

impl SiteArgs {
    fn options(&self, output: Option<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output,
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            force: false,
            today: None,
        }
    }
}

/// Run a parsed command line: 0 on success, 1 when the site has errors, 2 when the tool failed.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => run_build(args),
        Command::Check { site, strict } => run_check(site, strict),
        Command::Serve { root, bind, port, open } => {
            match serve::serve(serve::ServeOptions { root, bind, port, open }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(if matches!(e, serve::ServeError::NoSite(_)) { 1 } else { 2 })
                }
            }
        }
        Command::Init { dir } => match init::init(&dir) {
            Ok(report) => {
                print_init(&dir, &report);
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::New { kind, name, root } => match scaffold::new(&root, kind, &name) {
            Ok(created) => {
                for line in created.report() {
                    println!("{line}");
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::Schema { output } => tools::schema(&output),
        Command::Completions { shell } => tools::completions(shell),
        Command::Help { topic } => tools::help(topic.as_deref()),
    }
}

/// What `init` wrote, and what it found and kept.
fn print_init(dir: &Path, report: &init::Report) {
    println!("created a new site in {} ({} files)", dir.display(), report.written.len());
    for rel in &report.kept {
        let path = dir.join(rel);
        if rel.starts_with(schema::SCHEMA_DIR) {
            println!(
                "kept the existing {} as it is; `stackguide schema --output {}` replaces it with this version's",
                path.display(),
                dir.join(schema::SCHEMA_DIR).display()
            );
        } else if rel == Path::new(".vscode/settings.json") {
            println!(
                "kept the existing {} as it is; to have editors check the YAML files against the schemas, add:",
                path.display()
            );
            for line in schema::vscode_settings().lines() {
                println!("    {line}");
            }
        } else if rel != Path::new(".gitignore") {
            println!("kept the existing {} as it is; the example's own was not written", path.display());
        } else if report.ignore_lines_missing.is_empty() {
            println!("kept the existing {} as it is; it already ignores what a build writes", path.display());
        } else {
            println!("kept the existing {} as it is; add these lines to it:", path.display());
            for line in &report.ignore_lines_missing {
                println!("    {line}");
            }
        }
    }
    println!("build it with: stackguide build --root {}", dir.display());
}

fn run_build(args: BuildArgs) -> ExitCode {
    let opts = BuildOptions { force: args.force, ..args.site.options(args.output.clone()) };
    let session = Session::for_build();
    let shows_progress =
        !args.quiet && args.site.message_format == MessageFormat::Human && std::io::stderr().is_terminal();
    let done = std::sync::atomic::AtomicBool::new(false);
    let result = std::thread::scope(|scope| {
        if shows_progress {
            scope.spawn(|| progress::show(session.progress(), &done));
        }
        let result = build::build_in(&opts, &session, &|out| {
            eprintln!("waiting for another build into `{}` to finish...", out.display());
        });
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        result
    });
    let diagnostics = result.diagnostics.sorted();
    report(&diagnostics, &result, args.site.message_format);
    summarize("build", &diagnostics, &result, args.site.message_format, false)
}

fn run_check(args: SiteArgs, strict: bool) -> ExitCode {
    let opts = args.options(None);
    let result = build::render_site(&opts, &Session::for_build());
    let mut diagnostics = result.diagnostics.sorted();
    if result.ok()
        && let Some(site) = &result.site
    {
        diagnostics.extend(check::check_output(&result.files, &site.base));
    }
    report(&diagnostics, &result, args.message_format);
    summarize("check", &diagnostics, &result, args.message_format, strict)
}

/// The last line of `build` and `check`: for people a sentence (the count of problems was
/// printed with them), for machines a JSON object, on success and on failure. The exit code:
/// 1 on errors, and with `strict` on warnings too.
fn summarize(
    command: &str,
    diagnostics: &[Diagnostic],
    result: &BuildResult,
    format: MessageFormat,
    strict: bool,
) -> ExitCode {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let failed = errors > 0 || (strict && warnings > 0);
    if format == MessageFormat::Json {
        let summary = serde_json::json!({
            "type": "summary",
            "command": command,
            "success": !failed,
            "pages": result.pages,
            "kept": result.kept,
            "errors": errors,
            "warnings": warnings,
            "shown": diagnostics.len().min(MAX_SHOWN),
            "elapsed_ms": result.elapsed.as_millis() as u64,
        });
        println!("{summary}");
    } else if errors == 0 && command == "build" {
        let kept = if result.kept {
            " (nothing it is made from changed: the output was kept as it was)"
        } else {
            ""
        };
        println!("built {} in {} ms{kept}", counted(result.pages, "page"), result.elapsed.as_millis());
    } else if errors == 0 {
        let warned =
            if warnings == 0 { String::new() } else { format!(", {}", counted(warnings, "warning")) };
        let strictly = if failed { "; --strict fails on warnings" } else { "" };
        println!("checked {}: no errors{warned}{strictly}", counted(result.pages, "page"));
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn report(diagnostics: &[Diagnostic], result: &BuildResult, format: MessageFormat) {
    if diagnostics.is_empty() {
        return;
    }
    let stderr = std::io::stderr();
    let color =
        format == MessageFormat::Human && stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // For people the diagnostics go to stderr; for machines to stdout, one record a line.
    let _ = if format == MessageFormat::Human {
        emit(&mut stderr.lock(), diagnostics, &result.sources, format, color)
    } else {
        let mut out = std::io::stdout().lock();
        emit(&mut out, diagnostics, &result.sources, format, false).and_then(|_| out.flush())
    };
}

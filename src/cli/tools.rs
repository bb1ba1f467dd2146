//! The commands that serve a writer's tools rather than a site: the content format reference,
//! JSON Schemas for editors and shell completions.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;
use crate::schema;

/// docs/content-format.md, carried in the binary so the reference is there wherever it runs.
pub(crate) const CONTENT_FORMAT: &str = include_str!("../../docs/content-format.md");

/// `stackguide help [TOPIC]`: the content format reference, or a command's help.
pub(super) fn help(topic: Option<&str>) -> ExitCode {
    let mut cli = Cli::command();
    match topic {
        None => print_or_fail(cli.print_long_help()),
        Some("content") => print_or_fail(io::stdout().lock().write_all(CONTENT_FORMAT.as_bytes())),
        Some(name) => match cli.find_subcommand_mut(name) {
            Some(sub) => {
                let mut sub = sub.clone().bin_name(format!("stackguide {name}"));
                print_or_fail(sub.print_long_help())
            }
            None => {
                let commands: Vec<String> =
                    Cli::command().get_subcommands().map(|c| format!("`{}`", c.get_name())).collect();
                eprintln!(
                    "error: there is no help on `{name}`; ask for `content` (the format of the files writers edit) or a command: {}",
                    commands.join(", ")
                );
                ExitCode::from(2)
            }
        },
    }
}

/// Success, also when the reader stopped early (`stackguide help content | head`).
fn print_or_fail(result: io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// `stackguide schema --output DIR`.
pub(super) fn schema(output: &Path) -> ExitCode {
    match schema::write(output) {
        Ok(written) => {
            println!("wrote {} JSON Schemas to {}:", written.len(), output.display());
            for s in schema::all() {
                let files =
                    if s.files.is_empty() { "Markdown front matter".into() } else { s.files.join(", ") };
                println!("    {:<28} {files}", s.file_name());
            }
            println!(
                "editors with the YAML language server use them through `# yaml-language-server: $schema=...` lines or `yaml.schemas` settings"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// `stackguide completions SHELL`: the completion script on stdout.
pub(super) fn completions(shell: Shell) -> ExitCode {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "stackguide", &mut script);
    print_or_fail(io::stdout().lock().write_all(&script))
}

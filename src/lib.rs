//! stackguide builds a static guide to choosing a backend stack from Markdown chapters and YAML
//! data. Data flows one way: `load` -> `validate` -> `render` -> `output::write`.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod data;
pub mod date;
pub mod diagnostics;
pub mod flowchart;
pub mod init;
pub mod link;
pub mod load;
pub mod markdown;
pub mod memo;
pub mod model;
pub mod output;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod session;
pub mod source;
pub mod theme;
pub mod validate;

pub use build::{BuildResult, build, render_site};
pub use config::BuildOptions;
pub use diagnostics::{Diagnostic, Diagnostics, Severity, Span};

//! stackguide builds a static guide to choosing a backend stack from Markdown chapters and YAML
//! data. Data flows one way: `load` -> `validate` -> `render` -> `output::write`, driven by
//! `build` with what a `Session` remembers between builds.
//!
//! Modules are private; what `main.rs`, the tests and the fuzz targets use is re-exported here.

mod body;
mod build;
mod check;
mod cli;
mod config;
mod data;
mod date;
mod diagnostics;
mod drawing;
mod fingerprint;
mod flowchart;
mod glyphs;
mod ids;
mod init;
mod link;
mod load;
mod markdown;
mod memo;
mod model;
mod output;
mod profile;
mod progress;
mod render;
mod routes;
mod scaffold;
mod schema;
mod score;
mod search;
mod serve;
mod session;
mod source;
mod theme;
mod timeline;
mod validate;

pub use build::{BuildResult, CACHE_DIR, build, render_site};
pub use cli::{Cli, run};
pub use config::{BaseUrl, BuildOptions};
pub use diagnostics::{Diagnostic, Diagnostics, MessageFormat, Severity, Span, emit};
pub use model::Site;
pub use output::{Contents, OutputFile};
pub use progress::{Progress, Stage};
pub use session::Session;
pub use source::{SourceMap, byte_range};

/// The stages' parts that the fuzz targets and the tests drive directly.
pub mod parts {
    pub use crate::link::{resolve_href, split};
    pub use crate::load::{FrontMatter, RawData, frontmatter, load_file, yaml};
    pub use crate::markdown::{Highlighter, Segment, render};
    pub use crate::output::{MANIFEST, MANIFEST_HEADER};
    pub use crate::validate::{COMPARE_ANCHORS, STACK_ANCHORS, STACK_FIT_ANCHORS, STACK_INDEX_ANCHORS};
}

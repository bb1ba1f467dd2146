//! A whole build (load, validate, render; nothing written) of a small site in which one file,
//! chosen by the first input byte, is replaced by the rest of the input.

#![no_main]

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use stackguide::BuildOptions;
use stackguide::{MessageFormat, emit};

macro_rules! site {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../tests/fixtures/base/content/", $path)))),*]
    };
}

/// The fixture site of tests/fixtures/base: every kind of data file and directive block.
const FILES: &[(&str, &str)] = site![
    "guide/choosing.md",
    "stacks/go-gin.yaml",
    "decisions/pick.yaml",
    "criteria.yaml",
    "project-types.yaml",
    "stacks/go-gin.md",
    "_index.md",
    "guide/_index.md",
    "site.yaml",
    "stacks/node-express.yaml",
    "stacks/ruby-rails.yaml",
];

/// One folder per process, rewritten for every input.
fn root() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("stackguide-fuzz-site-{}", std::process::id()));
        for (path, _) in FILES {
            let file = root.join("content").join(path);
            fs::create_dir_all(file.parent().expect("a parent")).expect("create the site folder");
        }
        root
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, input)) = data.split_first() else {
        return;
    };
    let Ok(input) = std::str::from_utf8(input) else {
        return;
    };
    let root = root();
    let replaced = usize::from(which) % FILES.len();
    for (i, (path, text)) in FILES.iter().enumerate() {
        let text = if i == replaced { input } else { text };
        fs::write(root.join("content").join(path), text).expect("write a site file");
    }
    let result = stackguide::render_site(&BuildOptions::for_root(root), &stackguide::Session::for_build());
    if result.ok() {
        assert!(result.pages > 0, "a build without errors writes pages");
    }
    let diagnostics = result.diagnostics.sorted();
    let mut out = Vec::new();
    emit(&mut out, &diagnostics, &result.sources, MessageFormat::Human, false).expect("writing to a Vec");
});

//! Markdown rendering, with the ```stack, ```compare and ```decision directive blocks.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stackguide::markdown::{placeholder, render};

fuzz_target!(|body: &str| {
    let out = render(body, &|d| d.to_string());
    for link in &out.links {
        assert!(link.offset + link.len <= body.len(), "{link:?}");
    }
    for (n, dir) in out.directives.iter().enumerate() {
        assert!(dir.offset <= body.len(), "{dir:?}");
        assert!(out.html.contains(&placeholder(n)), "directive {n} has no placeholder");
    }
    for lang in &out.unknown_languages {
        assert!(lang.offset <= body.len(), "{lang:?}");
    }
    for entry in &out.toc {
        assert!(out.anchors.contains(&entry.id), "{entry:?}");
    }
});

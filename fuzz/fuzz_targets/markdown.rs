//! Markdown rendering, with the ```stack, ```compare and ```decision directive blocks.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stackguide::parts::{Segment, render};

fuzz_target!(|body: &str| {
    let out = render(body, &|d| d.to_string(), &stackguide::parts::Highlighter::default());
    for link in &out.links {
        assert!(link.offset + link.len <= body.len(), "{link:?}");
    }
    assert_eq!(out.embed_at.len(), out.directives.len());
    for (n, dir) in out.directives.iter().enumerate() {
        assert!(dir.offset <= body.len(), "{dir:?}");
        let at = out.embed_at[n];
        assert!(out.html.is_char_boundary(at), "directive {n} at {at}");
        assert!(n == 0 || out.embed_at[n - 1] <= at, "directive {n} out of order");
    }
    let embeds = out.segments().filter(|s| matches!(s, Segment::Embed(_))).count();
    assert_eq!(embeds, out.directives.len(), "every directive has one place");
    for lang in &out.unknown_languages {
        assert!(lang.offset <= body.len(), "{lang:?}");
    }
    for entry in &out.toc {
        assert!(out.anchors.contains(&entry.id), "{entry:?}");
    }
});

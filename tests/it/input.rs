//! Hostile and unusual input: byte-order marks, alias bombs, deep nesting. Each is accepted or
//! refused with a positioned message, quickly and without a crash.

use crate::support::{TestSite, messages, tree};

/// A UTF-8 byte-order mark, as some Windows editors write at the start of every file.
#[test]
fn a_byte_order_mark_is_accepted_in_every_file() {
    let plain = TestSite::built("base");
    let marked = TestSite::fixture("base");
    for (path, bytes) in tree(&marked.root().join("content")) {
        if path.ends_with(".yaml") || path.ends_with(".md") {
            marked.write(&format!("content/{path}"), &[b"\xef\xbb\xbf".as_slice(), &bytes].concat());
        }
    }
    let result = marked.build();
    assert!(result.ok(), "{:#?}", messages(&result));
    assert_eq!(tree(&marked.public()), tree(&plain.public()), "the mark changes nothing");
    // Positions stay right on the first line.
    let site = TestSite::fixture("base").file("content/stacks/go-gin.yaml", "\u{feff}nmae: Go\n");
    let m = messages(&site.build());
    assert!(
        m.iter().any(|m| m.starts_with("content/stacks/go-gin.yaml:1:1: error: unknown field `nmae`")),
        "{m:#?}"
    );
}

#[test]
fn aliases_that_expand_into_gigabytes_are_refused_at_their_line() {
    let big = "x".repeat(1 << 20);
    let refs = vec!["*big"; 5000].join(", ");
    let text = format!("---\ntitle: &big \"{big}\"\ndescription: D\nstacks: [{refs}]\n---\nBody\n");
    let site = TestSite::minimal().file("content/bomb.md", &text);
    site.write("public/keep.txt", b"previous");
    let m = messages(&site.build());
    assert_eq!(m.len(), 1, "{m:#?}");
    // At the anchor whose value is repeated.
    assert!(m[0].starts_with("content/bomb.md:2:8:"), "{}", &m[0][..200.min(m[0].len())]);
    assert!(m[0].contains("error: aliases expand this YAML to more than 16 MiB"), "{}", &m[0][..200]);
    assert_eq!(std::fs::read(site.public().join("keep.txt")).unwrap(), b"previous");

    // Aliases of aliases ("billion laughs") stop just as early.
    let mut laughs = String::from("title: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (name, prev) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f"), ("h", "g")] {
        laughs.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 10].join(", ")));
    }
    let site = TestSite::fixture("base").file("content/stacks/go-gin.yaml", &laughs);
    let m = messages(&site.build());
    assert_eq!(m.len(), 1, "{m:#?}");
    assert!(m[0].starts_with("content/stacks/go-gin.yaml:"), "{m:#?}");

    // Ordinary aliases work.
    let site =
        TestSite::minimal().file("content/a.md", "---\ntitle: &t Same words\ndescription: *t\n---\nBody\n");
    assert!(site.build().ok());
    assert!(site.read("a/index.html").contains("content=\"Same words\""));
}

#[test]
fn deep_flow_nesting_is_refused_at_its_position_without_quadratic_time() {
    for (open, col) in [("[", 14 + 100), ("{a: ", 14 + 4 * 100)] {
        let text = format!("---\ntitle: T\ndescription: {}\n---\nBody\n", open.repeat(100_000));
        let site = TestSite::minimal().file("content/deep.md", &text);
        let m = messages(&site.build());
        assert_eq!(m.len(), 1, "{m:#?}");
        assert!(
            m[0].starts_with(&format!(
                "content/deep.md:3:{col}: error: the YAML is nested more than 100 levels deep here"
            )),
            "{}",
            &m[0][..200]
        );
    }
    // Text that only looks deep is fine.
    let text = format!("---\ntitle: \"{0}\"\ndescription: plain{0}\n---\n", "[".repeat(10_000));
    assert!(TestSite::minimal().file("content/x.md", &text).build().ok());
}

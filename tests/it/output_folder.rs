//! What a build may replace: only what an earlier build wrote. Foreign folders need --force;
//! the site, its ancestors, content/, themes/ and plain files are never an output; symlinks
//! are followed; concurrent and interrupted builds never leave half a site.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::{TODAY, TestSite, copy_dir, fixtures, tree};

/// A directory holding the fixture site in `site/`, for commands run from above it.
fn site_in_subfolder() -> TestSite {
    let outer = TestSite::empty();
    copy_dir(&fixtures().join("build/basic"), &outer.root().join("site"));
    outer
}

fn assert_refused(run: &crate::support::Run, message: &str) {
    assert_eq!(run.code, 1, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    assert!(run.stderr.contains(message), "expected `{message}` in:\n{}", run.stderr);
    assert!(!run.stdout.contains("built"), "{}", run.stdout);
}

#[test]
fn a_folder_of_someone_elses_files_is_refused_unless_forced() {
    let site = TestSite::fixture("build/basic")
        .file("mydocs/thesis.md", "my work")
        .file("mydocs/notes/a.txt", "notes")
        .file("mydocs/.git/HEAD", "ref: refs/heads/main");
    let before = tree(&site.root().join("mydocs"));
    let run = site.cli(&["build", "--output", "mydocs"]);
    assert_refused(
        &run,
        "error: the output folder `mydocs` holds 2 files (notes/a.txt, thesis.md) that stackguide did not write",
    );
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(tree(&site.root().join("mydocs")), before, "nothing was touched");

    let run = site.cli(&["build", "--output", "mydocs", "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.root().join("mydocs/guide/intro/index.html").is_file());
    assert!(!site.root().join("mydocs/thesis.md").exists(), "--force replaces them");
    assert_eq!(fs::read_to_string(site.root().join("mydocs/.git/HEAD")).unwrap(), "ref: refs/heads/main");

    // From now on the folder is the build's own: no flag needed.
    let run = site.cli(&["build", "--output", "mydocs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A file dropped into it later is someone's work again.
    site.write("mydocs/CNAME", b"guide.example.org");
    let run = site.cli(&["build", "--output", "mydocs"]);
    assert_refused(&run, "holds `CNAME` that stackguide did not write");
    assert!(run.stderr.contains("content/"), "the hint says where files to publish go: {}", run.stderr);
    assert_eq!(fs::read_to_string(site.root().join("mydocs/CNAME")).unwrap(), "guide.example.org");
}

#[test]
fn empty_folders_and_folders_of_hidden_entries_need_no_flag() {
    let site = TestSite::fixture("build/basic").file("out/.git/HEAD", "ref").file("out/.nojekyll", "");
    fs::create_dir_all(site.root().join("empty")).unwrap();
    assert_eq!(site.cli(&["build", "--output", "empty"]).code, 0);
    let run = site.cli(&["build", "--output", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.root().join("out/index.html").is_file());
    assert_eq!(fs::read_to_string(site.root().join("out/.git/HEAD")).unwrap(), "ref");
    assert!(site.root().join("out/.nojekyll").is_file());
}

#[test]
fn the_site_and_its_ancestors_are_never_an_output_even_with_force() {
    let outer = site_in_subfolder();
    let before = tree(outer.root());
    for args in [
        vec!["build", "--root", "site", "--output", "."],
        vec!["build", "--root", "site", "--output", ".", "--force"],
        vec!["build", "--root", "site", "--output", "site", "--force"],
        vec!["build", "--root", "site", "--output", "site/../site/", "--force"],
        vec!["build", "--root", "site", "--output", "/", "--force"],
    ] {
        let run = outer.cli(&args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        let expected = if args[4] == "." || args[4] == "/" {
            "contains the site folder"
        } else {
            "is the site folder itself"
        };
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
        assert_eq!(tree(outer.root()), before, "{args:?}: nothing was lost");
    }
}

#[test]
fn content_themes_and_plain_files_are_never_an_output() {
    let site = TestSite::fixture("build/basic")
        .file("themes/mine/templates/404.html", "{% extends \"base.html\" %}")
        .file("thesis.txt", "forty pages");
    let before = tree(site.root());
    for (out, expected) in [
        ("content", "is inside the site's `content/` folder"),
        ("content/a/b/out", "is inside the site's `content/` folder"),
        ("./content/../content/guide", "is inside the site's `content/` folder"),
        ("themes", "is inside the site's `themes/` folder"),
        ("themes/new/out", "is inside the site's `themes/` folder"),
        ("thesis.txt", "error: the output `thesis.txt` is a file, not a folder"),
    ] {
        let run = site.cli(&["build", "--output", out, "--force"]);
        assert_refused(&run, expected);
        assert_eq!(tree(site.root()), before, "{out}: nothing was written or lost");
        assert!(!site.root().join("content/a").exists(), "no parent folders were created");
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_is_followed_and_stays_a_symlink() {
    let site = TestSite::fixture("build/basic");
    let web = tempfile::tempdir().unwrap();
    let webroot = web.path().join("www");
    std::os::unix::fs::symlink(&webroot, site.public()).unwrap();
    fs::create_dir(&webroot).unwrap();
    let run = site.cli(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(fs::symlink_metadata(site.public()).unwrap().file_type().is_symlink(), "the link is kept");
    assert!(webroot.join("guide/intro/index.html").is_file(), "the site landed in the link's target");
    assert_eq!(site.cli(&["build"]).code, 0, "and rebuilds there");
    assert!(fs::symlink_metadata(site.public()).unwrap().file_type().is_symlink());

    // A link to nowhere is refused, not replaced.
    let dangling = TestSite::fixture("build/basic");
    std::os::unix::fs::symlink(web.path().join("gone"), dangling.public()).unwrap();
    let run = dangling.cli(&["build"]);
    assert_refused(&run, "is a symlink to nothing");
    assert!(fs::symlink_metadata(dangling.public()).unwrap().file_type().is_symlink());
}

#[test]
fn concurrent_builds_into_one_folder_each_leave_a_complete_site() {
    let site = TestSite::fixture("build/basic");
    assert_eq!(site.cli(&["build"]).code, 0);
    let expected = tree(&site.public());
    for _ in 0..3 {
        // A page changed since, so that the builds have the output to replace, not just to keep.
        site.write("public/index.html", b"changed");
        let children: Vec<_> = (0..4)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_stackguide"))
                    .arg("build")
                    .env("STACKGUIDE_TODAY", TODAY)
                    .current_dir(site.root())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
        assert_eq!(tree(&site.public()), expected, "the output is one whole build");
    }
    assert_eq!(leftovers(site.root()), [".public.lock", ".public.spare"]);
}

/// Entries beside `public/` that a build keeps for itself: its lock, and the output it replaced
/// last (the next build's staging folder).
fn leftovers(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_or_the_next_site_whole() {
    let site = TestSite::fixture("build/basic");
    // Enough pages that a build takes a while to write.
    for i in 0..400 {
        site.write(
            &format!("content/guide/many/p{i}.md"),
            format!("---\ntitle: P{i}\ndescription: D.\n---\nText {i}.\n").as_bytes(),
        );
    }
    assert_eq!(site.cli(&["build"]).code, 0);
    let old = tree(&site.public());
    site.write("content/guide/intro.md", b"---\ntitle: Changed\ndescription: New text.\n---\nChanged.\n");
    assert_eq!(site.cli(&["build", "--output", "expected"]).code, 0);
    let new = tree(&site.root().join("expected"));
    for (delay_ms, signal) in
        [(5u64, "KILL"), (20, "TERM"), (40, "INT"), (80, "KILL"), (120, "TERM"), (160, "INT")]
    {
        // On the day the builds it is compared with were made on, whatever the clock says.
        let mut child = Command::new(env!("CARGO_BIN_EXE_stackguide"))
            .arg("build")
            .env("STACKGUIDE_TODAY", TODAY)
            .current_dir(site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        // As Ctrl-C, a service manager's stop, or a hard kill would stop it.
        let _ = Command::new("kill").args([format!("-{signal}"), child.id().to_string()]).status();
        let _ = child.wait();
        let now = tree(&site.public());
        assert!(
            now == old || now == new,
            "after a kill at {delay_ms} ms the output is neither build ({} files)",
            now.len()
        );
    }
    let run = site.cli(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(leftovers(site.root()), [".public.lock", ".public.spare"], "the next build cleans up");
    assert!(site.read("guide/intro/index.html").contains("Changed"));
}

/// A change to a site's inputs: what it is, the change, the build's arguments, and a file of the
/// output with a text it then holds.
type Change<'a> = (&'a str, &'a dyn Fn(), &'a [&'a str], &'a str, &'a str);

/// What the summary line adds when a build found nothing to write.
const KEPT: &str = "(nothing it is made from changed: the output was kept as it was)";

#[test]
fn a_build_from_unchanged_inputs_keeps_the_output_and_any_change_builds_it_again() {
    let site = TestSite::fixture("build/basic");
    let first = site.cli(&["build"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(!first.stdout.contains(KEPT), "{}", first.stdout);
    let built = tree(&site.public());
    let run = site.cli(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let count = first.stdout.split(" in ").next().unwrap();
    assert!(run.stdout.starts_with(&format!("{count} in ")), "the same summary: {}", run.stdout);
    assert!(run.stdout.contains(KEPT), "{}", run.stdout);
    assert_eq!(tree(&site.public()), built);
    let json = site.cli(&["build", "--message-format", "json"]);
    assert!(json.stdout.contains(r#""kept":true"#), "{}", json.stdout);

    // The output changed by someone else: written again, whatever the change.
    let page = "public/guide/intro/index.html";
    let same_length = "x".repeat(fs::metadata(site.root().join(page)).unwrap().len() as usize);
    let tampering: [(&str, &dyn Fn()); 4] = [
        ("a page overwritten with as many bytes", &|| site.write(page, same_length.as_bytes())),
        ("a page removed", &|| fs::remove_file(site.root().join(page)).unwrap()),
        ("a picture removed", &|| fs::remove_file(site.public().join("guide/data/pic.png")).unwrap()),
        ("the manifest emptied", &|| site.write("public/.stackguide-manifest", b"")),
    ];
    for (what, tamper) in tampering {
        tamper();
        let run = site.cli(&["build", "--force"]);
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        assert!(!run.stdout.contains(KEPT), "{what}: {}", run.stdout);
        assert_eq!(tree(&site.public()), built, "{what}: restored");
        assert!(site.cli(&["build"]).stdout.contains(KEPT), "{what}: then kept again");
    }
    // A file dropped in is still someone's work, never kept quietly nor replaced.
    site.write("public/CNAME", b"guide.example.org");
    let run = site.cli(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains("holds `CNAME` that stackguide did not write"), "{}", run.stderr);
    fs::remove_file(site.public().join("CNAME")).unwrap();

    // Anything the output is made from changed: built again, and the change is in it.
    let append = |rel: &str, text: &str| {
        let before = fs::read_to_string(site.root().join(rel)).unwrap_or_default();
        site.write(rel, format!("{before}{text}").as_bytes());
    };
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/chapter.html");
    let chapter_template = fs::read_to_string(theme).unwrap();
    let changes: [Change; 6] = [
        (
            "a chapter edited",
            &|| append("content/guide/intro.md", "\nA new line.\n"),
            &[],
            "guide/intro/index.html",
            "A new line.",
        ),
        (
            "a template overridden",
            &|| {
                site.write(
                    "themes/default/templates/chapter.html",
                    chapter_template
                        .replace("{% endblock main %}", "<p>Overridden.</p>{% endblock main %}")
                        .as_bytes(),
                )
            },
            &[],
            "guide/intro/index.html",
            "Overridden.",
        ),
        (
            "a static file added to the theme",
            &|| append("themes/default/static/extra.css", "p{}"),
            &[],
            "extra.css",
            "p{}",
        ),
        (
            "a picture replaced by as many other bytes",
            &|| {
                let pic = site.root().join("content/guide/data/pic.png");
                let mut bytes = fs::read(&pic).unwrap();
                bytes.reverse();
                fs::write(&pic, bytes).unwrap();
            },
            &[],
            "guide/data/pic.png",
            "",
        ),
        (
            "another base URL",
            &|| {},
            &["--base-url", "https://other.example/docs/"],
            "guide/intro/index.html",
            "https://other.example/docs/",
        ),
        ("drafts included", &|| {}, &["--drafts"], "guide/wip/index.html", "Draft."),
    ];
    for (what, change, args, file, shows) in changes {
        change();
        let run = site.cli(&[&["build"], args].concat());
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        assert!(!run.stdout.contains(KEPT), "{what}: {}", run.stdout);
        let written = fs::read(site.public().join(file)).unwrap();
        assert!(String::from_utf8_lossy(&written).contains(shows), "{what}");
        let again = site.cli(&[&["build"], args].concat());
        assert!(again.stdout.contains(KEPT), "{what}: {}", again.stdout);
    }
    let pic = fs::read(site.public().join("guide/data/pic.png")).unwrap();
    assert_eq!(pic, fs::read(site.root().join("content/guide/data/pic.png")).unwrap(), "the new picture");
    let other_day = site.cli_env(&["build", "--drafts"], &[("STACKGUIDE_TODAY", "2027-03-01")]);
    assert!(!other_day.stdout.contains(KEPT), "the build day changes pages: {}", other_day.stdout);
}

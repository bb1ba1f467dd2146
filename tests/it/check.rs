//! `stackguide check`, message formats, and `stackguide new`.

use crate::support::TestSite;

#[test]
fn check_validates_everything_and_writes_nothing() {
    let site = TestSite::fixture("base");
    let run = site.cli(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        "checked 22 pages: no errors",
        "16, /priorities/ with two types, /compare/, /stacks/fit/ and /print/"
    );
    assert!(!site.public().exists(), "check writes nothing");
}

#[test]
fn check_finds_links_the_markdown_checks_cannot_see() {
    // A theme override with a dead link and a dead anchor, on every page.
    let site = TestSite::fixture("base").file(
        "themes/mine/templates/partials/footer.html",
        "<footer><a href=\"{{ site.base }}about-us/\">About</a> <a href=\"{{ site.base }}stacks/#nowhere\">x</a></footer>",
    );
    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    let site = site.file("content/site.yaml", &format!("{yaml}theme: mine\n"));
    assert!(site.build().ok(), "build does not look at rendered links");
    std::fs::remove_dir_all(site.public()).unwrap();
    let run = site.cli(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error: link to `/about-us/`, which does not exist"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: link to `/stacks/#nowhere`, but `/stacks/index.html` has no id `nowhere`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: in 21 pages, among them `/404.html`; a link in a template is on every page"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error:").count(), 2, "each problem once: {}", run.stderr);
    assert!(!site.public().exists());
}

#[test]
fn json_and_github_formats() {
    let site = TestSite::overlay("errors/front-matter-unknown-key");
    let run = site.cli(&["build", "--message-format", "json"]);
    assert_eq!(run.code, 1);
    let lines: Vec<serde_json::Value> =
        run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "the problem, then the summary");
    assert_eq!(lines[1]["type"], "summary");
    assert_eq!(lines[0]["type"], "diagnostic");
    assert_eq!(lines[0]["file"], "content/guide.md");
    assert_eq!((lines[0]["line"].as_u64(), lines[0]["column"].as_u64()), (Some(4), Some(1)));
    assert_eq!(lines[0]["severity"], "error");
    assert_eq!(lines[0]["message"], "unknown field `wieght`");
    let run = site.cli(&["check", "--message-format", "github"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "::error file=content/guide.md,line=4,col=1::unknown field `wieght` (help: did you mean `weight`?)\n"
    );
}

#[test]
fn new_chapter_and_flowchart_build_as_they_are() {
    let site = TestSite::fixture("base");
    let run = site.cli(&["new", "chapter", "guide/data/caching"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "created content/guide/data/caching.md, a draft (`draft: true` in its front matter)\n\
         `stackguide serve` and `build --drafts` show it; `build` leaves it out\n\
         to publish it at /guide/data/caching/, set `draft: false`\n"
    );
    let run = site.cli(&["new", "decision", "hosting"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "created content/decisions/hosting.yaml; it builds as it is\n\
         the next `stackguide build` publishes it at /decide/hosting/\n\
         its first line points editors at schemas/decision.schema.json, which this site does not have: write it with `stackguide schema --output schemas`\n"
    );
    let run = site.cli(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.public().join("decide/hosting/index.html").is_file());
    assert!(!site.public().join("guide/data/caching/index.html").exists(), "a draft is left out");
    let run = site.cli(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        site.main_html("guide/data/caching/index.html")
            .contains("<h1>Caching <span class=\"badge\">Draft</span></h1>")
    );
    assert!(site.main_html("decide/hosting/index.html").contains("What matters most for this project?"));
    let text = std::fs::read_to_string(site.root().join("content/guide/data/caching.md")).unwrap();
    for field in ["title:", "description:", "weight:", "draft:", "updated:", "stacks:"] {
        assert!(text.contains(field), "{field}");
    }
    assert!(text.lines().filter(|l| l.starts_with('#')).count() >= 6, "every field is explained");
    let again = site.cli(&["new", "chapter", "guide/data/caching"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists; nothing was changed"));
}

#[test]
fn a_new_stack_lists_every_criterion_and_check_points_at_each_placeholder() {
    let site = TestSite::fixture("base");
    let run = site.cli(&["new", "stack", "elixir-phoenix"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = site.cli(&["check"]);
    assert_eq!(run.code, 1);
    let placeholders: Vec<&str> =
        run.stderr.lines().filter(|l| l.contains("is still a placeholder")).collect();
    assert_eq!(
        placeholders,
        [
            "error: the rating for `speed` is still a placeholder",
            "error: the rating for `hiring` is still a placeholder",
            "error: the fit for `mvp` is still a placeholder",
            "error: the fit for `saas` is still a placeholder",
        ],
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> content/stacks/elixir-phoenix.yaml:"), "{}", run.stderr);
    assert!(run.stderr.contains("help: choose one of: `slow`, `fair`, `fast`"), "{}", run.stderr);
}

/// Every `TODO` that `new stack` writes is reported at its line and column; `build` refuses
/// them, `build --drafts` publishes the profile with warnings, and the count `new` gave is the
/// count `check` finds.
#[test]
fn a_new_stack_is_a_draft_until_every_placeholder_is_written() {
    let site = TestSite::fixture("base");
    let run = site.cli(&["new", "stack", "elixir-phoenix"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let said: usize =
        run.stdout.split(" has ").nth(1).and_then(|r| r.split(' ').next()).unwrap().parse().unwrap();
    assert!(
        run.stdout.starts_with(&format!(
            "created content/stacks/elixir-phoenix.yaml, a draft: it has {said} `TODO` placeholders still to be written\n"
        )),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("then it is published at /stacks/elixir-phoenix/\n"), "{}", run.stdout);
    let text = std::fs::read_to_string(site.root().join("content/stacks/elixir-phoenix.yaml")).unwrap();
    let run = site.cli(&["check", "--message-format", "json"]);
    assert_eq!(run.code, 1);
    let found: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|d| d["message"].as_str().is_some_and(|m| m.contains("placeholder")))
        .collect();
    assert_eq!(found.len(), said, "{}", run.stdout);
    for d in &found {
        assert_eq!(d["file"], "content/stacks/elixir-phoenix.yaml");
        assert_eq!(d["severity"], "error");
        let line = text.lines().nth(d["line"].as_u64().unwrap() as usize - 1).unwrap();
        let col = d["column"].as_u64().unwrap() as usize - 1;
        assert!(line[col..].to_lowercase().starts_with("todo"), "{line} at {col}");
    }
    let lines: std::collections::BTreeSet<u64> = found.iter().map(|d| d["line"].as_u64().unwrap()).collect();
    for key in ["language: TODO", "summary: TODO", "  - TODO", "    TODO"] {
        let at = text.lines().position(|l| l == key).unwrap() as u64 + 1;
        assert!(lines.contains(&at), "{key} (line {at}) is not reported");
    }
    let build = site.cli(&["build"]);
    assert_eq!(build.code, 1);
    assert!(build.stderr.contains("error: `TODO` is a placeholder still to be written"), "{}", build.stderr);
    assert!(!site.public().exists(), "nothing is published");
    let drafts = site.cli(&["build", "--drafts"]);
    assert_eq!(drafts.code, 0, "{}", drafts.stderr);
    assert!(
        drafts.stderr.contains("warning: `TODO` is a placeholder still to be written"),
        "{}",
        drafts.stderr
    );
    assert!(drafts.stderr.contains("help: a build without --drafts refuses it"), "{}", drafts.stderr);
    assert!(site.main_html("stacks/elixir-phoenix/index.html").contains("Elixir phoenix"));
}

/// A placeholder in a chapter's front matter is refused too, unless drafts are built; `TODO`
/// in a sentence is a writer's word, not a placeholder.
#[test]
fn a_placeholder_in_front_matter_is_reported_at_its_position() {
    let site = TestSite::fixture("build/basic").file(
        "content/guide/wip.md",
        "---\ntitle: Work in progress\ndescription: TODO\n---\nA TODO list in a sentence.\n",
    );
    let run = site.cli(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error: `TODO` is a placeholder still to be written\n --> content/guide/wip.md:3:14\n"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("is a placeholder").count(), 1, "{}", run.stderr);
    assert_eq!(site.cli(&["check", "--drafts"]).code, 0);
}

/// `new stack` writes every evidence field with its explanation: the review date (the build
/// day), versions, history and a `sources` list on each rating.
#[test]
fn a_new_stack_has_every_evidence_field() {
    let site = TestSite::fixture("base");
    let run = site.cli(&["new", "stack", "elixir-phoenix"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(site.root().join("content/stacks/elixir-phoenix.yaml")).unwrap();
    assert!(text.contains(&format!("\nreviewed: {}\n", crate::support::TODAY)), "{text}");
    for field in ["\nversions: []\n", "\nhistory: []\n", "support_until:", "criterion:", "url: \"https://"] {
        assert!(text.contains(field), "{field}: {text}");
    }
    assert_eq!(text.matches(", sources: [] }").count(), 2, "one per criterion: {text}");
}

#[test]
fn new_refuses_bad_names() {
    let site = TestSite::fixture("base");
    let run = site.cli(&["new", "stack", "Elixir_Phoenix"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("is not a valid name"), "{}", run.stderr);
}

/// What `new` must refuse, and the reason it gives; nothing is written for any of them.
#[test]
fn new_refuses_names_the_build_would_not_read_as_that_kind() {
    let site = TestSite::fixture("base");
    let before = crate::support::tree(site.root());
    for (kind, name, reason) in [
        (
            "stack",
            "team/x",
            "`team/x` cannot be the name of a stack profile: stack profiles sit directly in content/stacks/ and the file name is the id, so the name cannot contain `/`",
        ),
        (
            "decision",
            "a/b",
            "`a/b` cannot be the name of a flowchart: flowcharts sit directly in content/decisions/ and the file name is the id, so the name cannot contain `/`",
        ),
        (
            "chapter",
            "stacks/x",
            "`stacks/x` cannot be a chapter: content/stacks/x.md is the long-form text of the stack `x`",
        ),
        (
            "chapter",
            "decisions/x",
            "`decisions/x` cannot be a chapter: content/decisions/ holds the flowcharts",
        ),
        (
            "stack",
            "a-vs-b",
            "`a-vs-b` is not a valid stack id: `-vs-` joins two stacks in a comparison's address",
        ),
        ("stack", "vs-b", "a stack id may not contain `-vs-`, start with `vs-` or end with `-vs`"),
        ("stack", "a-vs", "`a-vs` is not a valid stack id"),
    ] {
        let run = site.cli(&["new", kind, name]);
        assert_eq!(run.code, 1, "{kind} {name}: {}", run.stdout);
        assert!(run.stderr.starts_with("error: "), "{kind} {name}: {}", run.stderr);
        assert!(run.stderr.contains(reason), "{kind} {name}: {}", run.stderr);
    }
    assert_eq!(crate::support::tree(site.root()), before, "no file was written");
    assert!(!site.root().join("content/stacks/team").exists(), "nor a folder");
}

/// `new` never writes through a symlink or over a file that is there.
#[cfg(unix)]
#[test]
fn new_does_not_write_through_a_symlink() {
    let site = TestSite::fixture("base").file("elsewhere.txt", "mine\n");
    let link = site.root().join("content/stacks/rust-axum.yaml");
    std::os::unix::fs::symlink(site.root().join("elsewhere.txt"), &link).unwrap();
    let run = site.cli(&["new", "stack", "rust-axum"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/stacks/rust-axum.yaml already exists; nothing was changed"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(site.root().join("elsewhere.txt")).unwrap(), "mine\n");
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(site.root().join("no-such-file"), &link).unwrap();
    let run = site.cli(&["new", "stack", "rust-axum"]);
    assert_eq!(run.code, 1, "a dangling symlink is not followed either");
    assert!(!site.root().join("no-such-file").exists());
}

//! Evidence: the warnings about sources, reviews, support windows and history (one fixture per
//! kind under tests/fixtures/warnings/), `check --strict`, and the build day.

use crate::support::{TODAY, TestSite};

#[test]
fn every_warning_fixture_warns_and_fails_only_strict_checks() {
    insta::glob!("../fixtures/warnings", "?*", |case| {
        let name = case.file_name().and_then(|n| n.to_str()).expect("case folder name");
        let site = TestSite::overlay(&format!("warnings/{name}"));
        let build = site.cli(&["build"]);
        assert_eq!(build.code, 0, "{}", build.stderr);
        assert!(build.stderr.contains("warning: "), "build prints the warnings: {}", build.stderr);
        assert!(site.public().join("index.html").is_file(), "build with warnings writes the site");
        std::fs::remove_dir_all(site.public()).unwrap();
        let check = site.cli(&["check"]);
        assert_eq!(check.code, 0, "{}", check.stderr);
        assert_eq!(check.stderr, build.stderr.replace("\nbuilt ", "\nchecked "), "same warnings");
        let strict = site.cli(&["check", "--strict"]);
        assert_eq!(strict.code, 1, "{}", strict.stderr);
        assert_eq!(strict.stderr, check.stderr);
        assert!(strict.stdout.trim_end().ends_with("; --strict fails on warnings"), "{}", strict.stdout);
        insta::assert_snapshot!(check.stderr);
    });
}

/// Each warning, as a user reads it: `path:line:col: warning: message (help: …)`.
#[test]
fn each_warning_names_its_position_and_what_to_do() {
    let cases: &[(&str, &[&str])] = &[
        (
            "rating-without-source",
            &[
                "content/stacks/go-gin.yaml:13:3: warning: 1 of 2 ratings has no source: `hiring` (help: give each rating `sources: [{ title: …, url: https://… }]`, the evidence for its level)",
            ],
        ),
        (
            "review-stale",
            &[
                "content/stacks/go-gin.yaml:22:11: warning: the profile was last reviewed 366 days ago; reviews are due every 365 days (help: check the ratings and versions against their sources, then set `reviewed:` to that day (`review_after` in content/site.yaml sets the period))",
            ],
        ),
        (
            "version-past-support",
            &[
                "content/stacks/go-gin.yaml:25:71: warning: Gin 1.9 went out of support on 2026-11-30 (help: remove it from `versions`, or list the release that replaced it)",
            ],
        ),
        (
            "table-empty-header",
            &[
                "content/guide/costs.md:7:2: warning: a table's header cell is empty (help: name the column (`| Part | A | B |`): a screen reader reads the header to say what a column holds)",
            ],
        ),
        (
            "history-behind-rating",
            &[
                "content/stacks/go-gin.yaml:24:89: warning: the latest change to `speed` in `history` ends at `fair`, but the rating is `fast` (help: add a dated entry for the change to `fast`, or correct the rating if it moved by mistake)",
            ],
        ),
    ];
    for (case, expected) in cases {
        let site = TestSite::overlay(&format!("warnings/{case}"));
        let result = site.build();
        assert!(result.ok(), "{case}: a warning never fails a build");
        assert_eq!(crate::support::messages(&result), *expected, "{case}");
    }
}

/// `review_after` in site.yaml sets the period: every profile reviewed 29 days before the build
/// day is stale after 28.
#[test]
fn review_after_in_site_yaml_sets_the_period() {
    let site = TestSite::overlay("warnings/review-after-setting");
    let messages = crate::support::messages(&site.build());
    assert_eq!(messages.len(), 3, "{messages:#?}");
    for (m, stack) in messages.iter().zip(["go-gin", "node-express", "ruby-rails"]) {
        assert!(
            m.starts_with(&format!(
                "content/stacks/{stack}.yaml:22:11: warning: the profile was last reviewed 29 days ago; reviews are due every 28 days"
            )),
            "{m}"
        );
    }
}

/// The build day comes from STACKGUIDE_TODAY for the binary: the same site is fresh on one day
/// and stale a year later, and a value that is not a date is an error.
#[test]
fn the_build_day_is_pinned_by_the_environment() {
    let site = TestSite::fixture("base");
    assert_eq!(site.cli(&["check", "--strict"]).code, 0, "base is clean on {TODAY}");
    let later = site.cli_env(&["check", "--strict"], &[("STACKGUIDE_TODAY", "2027-11-03")]);
    assert_eq!(later.code, 1);
    assert_eq!(later.stderr.matches("last reviewed 366 days ago").count(), 3, "{}", later.stderr);
    let bad = site.cli_env(&["check"], &[("STACKGUIDE_TODAY", "tomorrow")]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("error: `tomorrow` is not a date\n --> STACKGUIDE_TODAY"), "{}", bad.stderr);
}

/// A review dated after the build day is a typo: a warning at the date.
#[test]
fn a_review_in_the_future_is_a_warning() {
    let site = TestSite::fixture("base");
    let early = site.build_with(|o| o.today = Some("2026-11-01".into()));
    let messages = crate::support::messages(&early);
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(
        messages[0].starts_with(
            "content/stacks/go-gin.yaml:22:11: warning: the `reviewed` date is after the build day"
        ),
        "{messages:#?}"
    );
}

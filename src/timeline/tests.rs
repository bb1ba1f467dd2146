use time::Date;

use super::layout::{Kind, Laid, layout};
use super::*;
use crate::date::parse;

fn d(text: &str) -> Date {
    parse(text).unwrap()
}

fn bar(label: &str, released: &str, until: Option<&str>) -> Bar {
    Bar { label: label.into(), released: d(released), until: until.map(d) }
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            name: "Java + Spring Boot".into(),
            versions: vec![
                bar("Spring Boot 3.4", "2024-11-21", Some("2025-12-31")),
                bar("Spring Boot 4.0", "2025-11-20", Some("2026-12-31")),
            ],
        },
        Row { name: "Go + Gin".into(), versions: vec![bar("Go 1.25", "2025-08-12", None)] },
        Row {
            name: "C# + ASP.NET Core <LTS>".into(),
            versions: vec![bar(".NET 10 (LTS)", "2025-11-11", Some("2028-11-14"))],
        },
    ]
}

/// Forty stacks with long names, versions from 1999 to 2040, some rolling, some ended.
fn crowded() -> Vec<Row> {
    (0..40)
        .map(|i| Row {
            name: format!("Stack number {i} with an unusually long descriptive name{}", "x".repeat(i % 7)),
            versions: (0..(i % 4) + 1)
                .map(|v| {
                    let year = 1999 + (i * 3 + v * 5) % 35;
                    let until = (v % 3 != 2).then(|| format!("{}-06-30", year + 1 + v * 2));
                    bar(
                        &format!("Framework with a long release name {v}.{i} Supercalifragilistic"),
                        &format!("{year}-03-15"),
                        until.as_deref(),
                    )
                })
                .collect(),
        })
        .collect()
}

fn overlap(a: &Laid, b: &Laid) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

fn assert_no_overlap_and_inside(rows: &[Row], today: Date) {
    let l = layout(rows, today);
    for (i, a) in l.boxes.iter().enumerate() {
        for b in &l.boxes[i + 1..] {
            assert!(!overlap(a, b), "{a:?} overlaps {b:?}");
        }
        assert!(
            a.x >= 0.0 && a.y >= 0.0 && a.x + a.w <= l.width && a.y + a.h <= l.height,
            "{a:?} leaves the canvas"
        );
        let longest = a.lines.iter().map(|t| text_w(t)).fold(0.0, f64::max);
        assert!(longest <= a.w + 0.01, "{a:?}: the text is wider than its box");
    }
    assert!(l.today_x >= l.x0 && l.today_x <= l.x1);
}

#[test]
fn no_two_labels_or_bars_overlap() {
    assert_no_overlap_and_inside(&rows(), d("2026-12-01"));
}

#[test]
fn no_two_labels_or_bars_overlap_with_many_stacks_long_names_and_long_spans() {
    let rows = crowded();
    assert_no_overlap_and_inside(&rows, d("2026-12-01"));
    let l = layout(&rows, d("2026-12-01"));
    let bars = l.boxes.iter().filter(|b| matches!(b.kind, Kind::Bar(_))).count();
    assert_eq!(bars, rows.iter().map(|r| r.versions.len()).sum::<usize>(), "every version is drawn");
    let years = l.boxes.iter().filter(|b| b.kind == Kind::Year).count();
    assert!((5..42).contains(&years), "the axis labels some of 42 years: {years}");
    // Today far outside every window still lies on the axis.
    assert_no_overlap_and_inside(&rows, d("2090-01-01"));
    assert_no_overlap_and_inside(&rows[..1], d("1990-01-01"));
}

#[test]
fn bars_run_from_release_to_end_of_support_and_today_is_marked() {
    let l = layout(&rows(), d("2026-12-01"));
    let bars: Vec<&Laid> = l.boxes.iter().filter(|b| matches!(b.kind, Kind::Bar(_))).collect();
    let kinds: Vec<Kind> = bars.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Bar(Status::Ended),
            Kind::Bar(Status::EndsSoon(30)),
            Kind::Bar(Status::Rolling),
            Kind::Bar(Status::Supported)
        ]
    );
    assert!(
        bars[0].x < bars[1].x && bars[0].x + bars[0].w < bars[1].x + bars[1].w,
        "later versions start later"
    );
    assert!(bars[0].x + bars[0].w < l.today_x && bars[1].x + bars[1].w > l.today_x);
    assert!((bars[2].x + bars[2].w - l.x1).abs() < 0.2, "a rolling release runs to the end of the axis");
    let years: Vec<&str> =
        l.boxes.iter().filter(|b| b.kind == Kind::Year).map(|b| b.lines[0].as_str()).collect();
    assert_eq!(years, ["2024", "2025", "2026", "2027", "2028"]);
    let today = l.boxes.iter().find(|b| b.kind == Kind::Today).unwrap();
    assert_eq!(today.lines, ["Today, 2026-12-01"]);
}

#[test]
fn the_svg_is_an_image_described_by_the_table_escaped_and_deterministic() {
    let a = svg(&rows(), d("2026-12-01"), "Support <windows>", "versions-table");
    assert_eq!(a, svg(&rows(), d("2026-12-01"), "Support <windows>", "versions-table"));
    assert!(a.starts_with("<svg class=\"timeline\""));
    assert!(a.contains("role=\"img\" aria-labelledby=\"tl-title\" aria-describedby=\"versions-table\""));
    assert!(a.contains("<title id=\"tl-title\">Support &lt;windows&gt;</title>"));
    assert!(a.contains(">&lt;LTS&gt;</tspan>"), "names are escaped (and wrapped)");
    assert_eq!(a.matches("fill=\"url(#tl-hatch)\"").count(), 1, "only ended support is hatched");
    assert!(a.contains("Spring Boot 3.4 · ended"), "ended support is labelled too");
    assert!(a.contains("Go 1.25 · rolling"));
    assert!(a.contains("class=\"tl-today\""));
}

#[test]
fn statuses_follow_the_build_day() {
    let today = d("2026-12-01");
    let of = |r: &str, u: Option<&str>| Status::of(d(r), u.map(d), today);
    assert_eq!(of("2027-01-01", Some("2028-01-01")), Status::Upcoming);
    assert_eq!(of("2020-01-01", Some("2026-11-30")), Status::Ended);
    assert_eq!(of("2020-01-01", Some("2026-12-01")), Status::EndsSoon(0));
    assert_eq!(of("2020-01-01", Some("2027-05-30")), Status::EndsSoon(180));
    assert_eq!(of("2020-01-01", Some("2027-05-31")), Status::Supported);
    assert_eq!(of("2020-01-01", None), Status::Rolling);
    assert_eq!(Status::EndsSoon(30).words(), "ends in 30 days");
    assert_eq!(Status::EndsSoon(1).words(), "ends in 1 day");
}

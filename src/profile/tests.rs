use super::layout::layout;
use super::*;

fn axes() -> Vec<Axis<'static>> {
    vec![
        Axis { name: "Hiring availability", levels: 4 },
        Axis { name: "A criterion with a rather long name that wraps", levels: 4 },
        Axis { name: "Speed", levels: 3 },
    ]
}

fn series(n: usize) -> Vec<Series<'static>> {
    let names = ["Go + Gin", "Node.js <Express>", "Ruby on Rails", "Rust + Actix", "Fifth"];
    (0..n).map(|k| Series { name: names[k], levels: vec![k % 4, 3 - k % 4, 2] }).collect()
}

#[test]
fn every_criterion_gets_one_mark_per_stack_at_its_level() {
    let l = layout(&axes(), &series(2));
    assert_eq!(l.rows.len(), 3);
    for row in &l.rows {
        assert_eq!(row.marks.len(), 2);
    }
    // Levels map to the ticks of their scale: weakest on the left end, strongest on the right.
    assert_eq!(l.rows[0].marks[0].0, l.x0);
    assert_eq!(l.rows[0].marks[1].0, l.rows[0].ticks[1]);
    assert_eq!(l.rows[1].marks[0].0, l.x1);
    assert_eq!(l.rows[2].ticks.len(), 3);
    assert_eq!(l.rows[2].marks[0].0, l.x1, "level 2 of 3 is the strongest");
    // Two stacks at the same level are told apart by their place in the row, not only colour.
    assert_eq!(l.rows[2].marks[0].0, l.rows[2].marks[1].0);
    assert!(l.rows[2].marks[0].1 < l.rows[2].marks[1].1);
}

#[test]
fn nothing_leaves_the_chart_and_rows_do_not_overlap() {
    for n in 1..=MAX_SERIES {
        let l = layout(&axes(), &series(n));
        let mut bottom = 0.0;
        for row in &l.rows {
            assert!(row.y + 1e-9 >= bottom, "row at {} overlaps the one above ending at {bottom}", row.y);
            bottom = row.y + row.h;
            for &(x, y) in &row.marks {
                assert!(x - MARK_R >= 0.0 && x + MARK_R <= l.width, "{x} in {}", l.width);
                assert!(y - MARK_R >= row.y && y + MARK_R <= row.y + row.h, "{y} in row {}", row.y);
            }
            let text_h = row.lines.len() as f64 * FONT * LINE_H;
            assert!(text_h <= row.h, "the name fits its row");
            let name_w = row.lines.iter().map(|t| text_w(t, FONT)).fold(0.0, f64::max);
            assert!(MARGIN + name_w < l.x0 - MARK_R, "the name ends before the track");
        }
        assert!(bottom <= l.height);
        assert_eq!(l.legend.len(), if n > 1 { n } else { 0 }, "a legend only when overlaid");
    }
}

#[test]
fn the_svg_has_a_title_a_description_and_distinct_shapes() {
    let out = svg(&axes(), &series(4), "Profiles of <four>", "ratings-table", "cmp-");
    assert!(out.starts_with("<svg class=\"profile\""));
    assert!(
        out.contains("role=\"img\" aria-labelledby=\"cmp-profile-title\" aria-describedby=\"ratings-table\"")
    );
    assert!(out.contains("<title id=\"cmp-profile-title\">Profiles of &lt;four&gt;</title>"));
    assert!(out.contains("Node.js &lt;Express&gt;"), "names are escaped");
    assert_eq!(out.matches("<circle class=\"pf-mark pf-s0\"").count(), 3 + 1, "three rows and the legend");
    assert_eq!(out.matches("<rect class=\"pf-mark pf-s1\"").count(), 4);
    assert_eq!(out.matches("class=\"pf-mark pf-s2\"").count(), 4);
    assert_eq!(out.matches("class=\"pf-mark pf-s3\"").count(), 4);
    assert_eq!(out.matches("class=\"pf-line pf-s").count(), 8, "a line per stack and its sample");
    // No colour is written into the SVG: the page's CSS gives every class its colour.
    assert!(!out.contains("fill=\"#") && !out.contains("stroke=\"#"));
}

#[test]
fn at_most_four_stacks_are_overlaid() {
    let out = svg(&axes(), &series(5), "Five", "t", "");
    assert!(out.contains("pf-s3") && !out.contains("pf-s4"));
    assert_eq!(Shape::of(3), Shape::Diamond);
    assert_eq!(Shape::words(1), "squares joined by a dashed line");
}

#[test]
fn a_part_drawn_before_is_used_again_only_where_it_is_the_same() {
    // Charts that share some of their parts and not others: the same rows with other stacks,
    // a legend wide enough to widen the chart (and each row's rule), scales of other lengths.
    let wide = Series {
        name: "A stack whose name is long enough to make the legend wider than the chart",
        levels: vec![0, 3, 1],
    };
    let mut shorter = axes();
    shorter[0].levels = 3;
    let charts = [
        (axes(), series(2)),
        (axes(), vec![series(2)[1].clone(), series(2)[0].clone()]),
        (axes(), vec![series(1)[0].clone(), wide]),
        (shorter, series(2)),
        (axes(), series(1)),
        (axes(), series(3)),
    ];
    // On a new thread nothing was drawn before.
    let fresh = |a: &[Axis<'static>], s: &[Series<'static>]| {
        std::thread::scope(|t| t.spawn(|| svg(a, s, "T", "d", "")).join().expect("drawn"))
    };
    for _ in 0..2 {
        for (a, s) in &charts {
            assert_eq!(svg(a, s, "T", "d", ""), fresh(a, s), "{s:?} on {a:?}");
        }
    }
}

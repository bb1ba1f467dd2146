use super::layout::{BoxKind, LaidBox, layout, wrap};
use super::*;
use crate::model::{Answer, Decision, Node, NodeId, NodeKind};

fn q(id: &str, text: &str, next: &[(&str, usize)]) -> Node {
    Node {
        id: id.into(),
        kind: NodeKind::Question {
            text: text.into(),
            help: None,
            answers: next
                .iter()
                .map(|(l, n)| Answer { label: (*l).into(), next: NodeId(*n), project_type: None })
                .collect(),
        },
    }
}

fn r(id: &str, title: &str, recommend: &[usize]) -> Node {
    Node {
        id: id.into(),
        kind: NodeKind::Result {
            title: title.into(),
            recommend: recommend.iter().map(|&s| crate::model::StackId(s)).collect(),
            note: Box::default(),
        },
    }
}

/// A chart with shared results and an edge that skips a layer.
fn chart() -> Decision {
    Decision {
        id: "t".into(),
        file: "content/decisions/t.yaml".into(),
        title: "Test <chart>".into(),
        description: String::new(),
        nodes: vec![
            q(
                "start",
                "What kind of project are you building this year?",
                &[("An MVP", 1), ("A high-load platform with many teams", 2), ("Internal tools", 4)],
            ),
            q("team", "Which language does the team know best?", &[("JavaScript", 3), ("Python", 2)]),
            q("scale", "How spiky is the traffic?", &[("Spiky", 3), ("Steady", 5)]),
            r("node", "Node.js", &[0]),
            r("django", "Django, a batteries-included framework", &[1, 2]),
            r("go", "Go", &[2]),
        ],
    }
}

fn names() -> Vec<&'static str> {
    vec!["Node.js + Express", "Python + Django", "Go + Gin"]
}

fn overlap(a: &LaidBox, b: &LaidBox) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

#[test]
fn no_two_boxes_overlap() {
    let l = layout(&chart(), &names());
    for (i, a) in l.boxes.iter().enumerate() {
        for b in &l.boxes[i + 1..] {
            assert!(!overlap(a, b), "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn every_edge_starts_and_ends_on_its_boxes() {
    let l = layout(&chart(), &names());
    assert!(!l.edges.is_empty());
    for e in &l.edges {
        let (from, to) = (&l[e.from], &l[e.to]);
        let (sx, sy) = e.points[0];
        let (ex, ey) = *e.points.last().unwrap();
        assert!(
            (sy - (from.y + from.h)).abs() < 0.01 && sx >= from.x && sx <= from.x + from.w,
            "{e:?} leaves {from:?}"
        );
        assert!((ey - to.y).abs() < 0.01 && ex >= to.x && ex <= to.x + to.w, "{e:?} enters {to:?}");
        assert!(ey > sy, "edges point down");
    }
}

#[test]
fn every_answer_has_a_labelled_chain_to_its_next_node() {
    let d = chart();
    let l = layout(&d, &names());
    let labels = l.boxes.iter().filter(|b| matches!(b.kind, BoxKind::Label { .. })).count();
    let rows: usize = l.boxes.iter().map(|b| b.rows.len()).sum();
    assert_eq!((labels, rows), (5, 2), "every answer is labelled: on its edge, or as a row of a panel");
    // "A high-load platform" skips a layer: start (layer 0) -> scale (layer 2, also under team).
    let bends = l.boxes.iter().filter(|b| b.kind == BoxKind::Bend).count();
    assert!(bends >= 1, "long edges bend between layers");
    // Questions are drawn once; "scale" leads to two results, shown as one panel of rows.
    let drawn = |i: usize| l.boxes.iter().filter(|b| b.kind == BoxKind::Node(NodeId(i))).count();
    assert_eq!((drawn(0), drawn(1), drawn(2)), (1, 1, 1));
    let panel = l.boxes.iter().find(|b| b.kind == BoxKind::Panel { node: NodeId(2) }).unwrap();
    assert_eq!(panel.rows.iter().map(|r| r.result).collect::<Vec<_>>(), [NodeId(3), NodeId(5)]);
    assert_eq!((drawn(3), drawn(4), drawn(5)), (1, 1, 0), "node and django are also reached alone");
}

#[test]
fn boxes_fit_their_text_and_everything_fits_the_canvas() {
    let l = layout(&chart(), &names());
    for b in &l.boxes {
        let longest = b.lines.iter().map(|x| x.chars().count()).max().unwrap_or(0);
        assert!(longest <= 26, "{:?}", b.lines);
        for r in &b.rows {
            assert!(r.y >= 0.0 && r.y + r.h <= b.h, "rows stay inside their panel");
        }
        assert!(b.x >= 0.0 && b.y >= 0.0 && b.x + b.w <= l.width && b.y + b.h <= l.height);
    }
}

#[test]
fn layout_and_svg_are_deterministic_and_escaped() {
    let a = svg(&chart(), &names(), &["/a/".into(), "/b/".into(), "/c/".into()], "p-");
    let b = svg(&chart(), &names(), &["/a/".into(), "/b/".into(), "/c/".into()], "p-");
    assert_eq!(a, b);
    assert!(a.contains("<title id=\"p-chart-title\">Test &lt;chart&gt;</title>"));
    assert!(a.contains("<a href=\"/b/\" class=\"fc-stack\"><text"), "results link to stacks");
    for id in ["start", "team", "scale", "node", "django", "go"] {
        assert!(a.contains(&format!("id=\"p-chart-{id}\"")), "{id} is drawn");
    }
    assert!(a.contains("<marker id=\"p-arrow\"") && a.contains("url(#p-arrow)"));
    assert_eq!(a.matches("id=\"p-chart-django\"").count(), 1, "ids stay unique when a result is drawn twice");
}

#[test]
fn wrapping_breaks_at_spaces() {
    assert_eq!(
        wrap("What kind of project are you building?", 16),
        ["What kind of", "project are you", "building?"]
    );
    assert_eq!(wrap("", 10), [""]);
    assert_eq!(wrap("Supercalifragilistic", 5), ["Supercalifragilistic"]);
}

#[test]
fn answers_that_lead_to_the_same_node_share_one_edge_and_label() {
    let mut d = chart();
    // Two answers of "start" lead to "team"; the third to "scale".
    d.nodes[0] = q("start", "What kind?", &[("An MVP", 1), ("A prototype", 1), ("A platform", 2)]);
    let l = layout(&d, &names());
    let labels: Vec<&Vec<String>> = l
        .boxes
        .iter()
        .filter(|b| matches!(b.kind, BoxKind::Label { node: NodeId(0), .. }))
        .map(|b| &b.lines)
        .collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(labels.contains(&&vec!["An MVP".to_string(), "or".into(), "A prototype".into()]), "{labels:?}");
    let to_team = l.edges.iter().filter(|e| l[e.to].kind == BoxKind::Node(NodeId(1))).count();
    assert_eq!(to_team, 1, "one edge into `team` from the shared label");
}

#[test]
fn a_panel_row_puts_the_answer_above_its_indented_result() {
    let l = layout(&chart(), &names());
    let panel = l.boxes.iter().find(|b| matches!(b.kind, BoxKind::Panel { .. })).unwrap();
    let widest = crate::glyphs::widest;
    for r in &panel.rows {
        let text_h =
            (r.label.len() as f64 * super::LABEL_FONT + r.lines.len() as f64 * super::FONT) * super::LINE_H;
        assert!(text_h <= r.h, "the answer and the result fit the row, one above the other");
        assert!(widest(&r.label, super::LABEL_FONT) + 2.0 * super::PAD_X <= panel.w + 0.1);
        assert!(panel.result_x + widest(&r.lines, super::FONT) + super::PAD_X <= panel.w + 0.1);
    }
}

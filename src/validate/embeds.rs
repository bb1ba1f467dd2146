//! Directive blocks (```stack, ```compare, ```decision) and front-matter stack lists: every id
//! they name must exist; errors point at the block's line in the Markdown file.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::yaml::{self, Seg};
use crate::markdown::{Directive, DirectiveKind};
use crate::model::Embed;
use crate::source::span_at;

/// The ids that directive blocks may name.
pub(super) struct Ids<'a> {
    pub(super) stacks: Vec<&'a str>,
    pub(super) criteria: Vec<&'a str>,
    pub(super) decisions: Vec<&'a str>,
    /// False when criteria.yaml is broken: its error is reported once, not at every block.
    pub(super) check_criteria: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompareBlock {
    #[serde(default)]
    stacks: Option<Vec<String>>,
    #[serde(default)]
    criteria: Option<Vec<String>>,
}

/// Resolve the directives of one Markdown file. `text` is the whole file, `body` where its
/// Markdown starts. Unresolvable blocks are reported and left out.
pub(super) fn resolve(
    file: &Path,
    text: &str,
    body: usize,
    directives: &[Directive],
    ids: &Ids<'_>,
    d: &mut Diagnostics,
) -> Vec<Option<Embed>> {
    directives
        .iter()
        .map(|dir| {
            let start = body + dir.offset;
            // The block's text as it sits in the file; it differs only inside indented containers.
            let in_file = text.get(start..start + dir.body.len()) == Some(dir.body.as_str());
            let span_of = |needle: &str| {
                let at = if in_file { dir.body.find(needle).map_or(start, |i| start + i) } else { start };
                Some(span_at(text, at, needle.len().max(1)))
            };
            let find = |what: &str, id: &str, known: &[&str], d: &mut Diagnostics| -> Option<usize> {
                let found = known.iter().position(|k| *k == id);
                if found.is_none() {
                    d.push(
                        Diagnostic::error(file, format!("unknown {what} `{id}` in a ```{} block", kind_name(dir.kind)))
                            .at(span_of(id))
                            .with_help_opt(did_you_mean(id, known.iter().copied())),
                    );
                }
                found
            };
            match dir.kind {
                DirectiveKind::Stack | DirectiveKind::Decision => {
                    let id = dir.body.trim();
                    let (what, known) = if dir.kind == DirectiveKind::Stack { ("stack", &ids.stacks) } else { ("flowchart", &ids.decisions) };
                    if id.is_empty() || id.contains(char::is_whitespace) {
                        d.push(
                            Diagnostic::error(file, format!("a ```{} block holds exactly one {what} id", kind_name(dir.kind)))
                                .at(span_of(id))
                                .with_help_opt(did_you_mean(id, known.iter().copied())),
                        );
                        return None;
                    }
                    let i = find(what, id, known, d)?;
                    Some(if dir.kind == DirectiveKind::Stack { Embed::Stack(i) } else { Embed::Decision(i) })
                }
                DirectiveKind::Compare => {
                    let block: CompareBlock = if dir.body.trim().is_empty() {
                        CompareBlock::default()
                    } else if in_file {
                        yaml::parse(file, text, start..start + dir.body.len()).map_err(|e| d.push(e)).ok()?
                    } else {
                        serde_yaml::from_str(&dir.body)
                            .map_err(|e| d.push(Diagnostic::error(file, format!("in a ```compare block: {e}")).at(span_of(""))))
                            .ok()?
                    };
                    let mut ok = true;
                    let mut pick = |what: &str, list: Option<Vec<String>>, known: &[&str], d: &mut Diagnostics| -> Vec<usize> {
                        match list {
                            None => (0..known.len()).collect(),
                            Some(list) => list
                                .iter()
                                .filter_map(|id| {
                                    let found = find(what, id, known, d);
                                    ok &= found.is_some();
                                    found
                                })
                                .collect(),
                        }
                    };
                    let stacks = pick("stack", block.stacks, &ids.stacks, d);
                    let mut quiet = Diagnostics::new();
                    let criteria = pick("criterion", block.criteria, &ids.criteria, if ids.check_criteria { d } else { &mut quiet });
                    if ok && stacks.is_empty() {
                        d.push(
                            Diagnostic::error(file, "a ```compare block needs at least one stack")
                                .at(span_of("stacks"))
                                .with_help("list stack ids, e.g. `stacks: [go-gin, node-express]`, or leave `stacks:` out for all"),
                        );
                        return None;
                    }
                    ok.then_some(Embed::Compare { stacks, criteria })
                }
            }
        })
        .collect()
}

/// Resolve the `stacks:` of a page's front matter to indices.
pub(super) fn front_matter_stacks(
    file: &Path,
    text: &str,
    yaml_range: std::ops::Range<usize>,
    names: &[String],
    ids: &Ids<'_>,
    d: &mut Diagnostics,
) -> Vec<usize> {
    names
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let found = ids.stacks.iter().position(|s| s == id);
            if found.is_none() {
                d.push(
                    Diagnostic::error(file, format!("unknown stack `{id}` in `stacks`"))
                        .at(yaml::locate(text, yaml_range.clone(), &[Seg::Key("stacks"), Seg::Index(i)]))
                        .with_help_opt(
                            did_you_mean(id, ids.stacks.iter().copied())
                                .or_else(|| Some("stack ids are the file names in content/stacks/".into())),
                        ),
                );
            }
            found
        })
        .collect()
}

fn kind_name(kind: DirectiveKind) -> &'static str {
    match kind {
        DirectiveKind::Stack => "stack",
        DirectiveKind::Compare => "compare",
        DirectiveKind::Decision => "decision",
    }
}

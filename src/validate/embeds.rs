//! Directive blocks (```stack, ```compare, ```decision) and front-matter stack lists: every id
//! they name must exist; errors point at the block's line in the Markdown file.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::yaml::{self, Seg};
use crate::markdown::{Directive, DirectiveKind};
use crate::model::{CriterionId, DecisionId, Embed, StackId};
use crate::source::{Span, span_at};

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
            let block = Block::new(file, text, body, dir);
            match dir.kind {
                DirectiveKind::Stack | DirectiveKind::Decision => block.single(ids, d),
                DirectiveKind::Compare => block.compare(ids, d),
            }
        })
        .collect()
}

/// One directive block and where it sits in its file.
struct Block<'a> {
    file: &'a Path,
    text: &'a str,
    dir: &'a Directive,
    start: usize,
    /// Whether the block's text sits in the file as it is (not inside an indented container).
    in_file: bool,
}

impl<'a> Block<'a> {
    fn new(file: &'a Path, text: &'a str, body: usize, dir: &'a Directive) -> Self {
        let start = body + dir.offset;
        let in_file = text.get(start..start + dir.body.len()) == Some(dir.body.as_str());
        Block { file, text, dir, start, in_file }
    }

    /// Where `needle` is in the block, or the block's start.
    fn span_of(&self, needle: &str) -> Option<Span> {
        let at = match self.dir.body.find(needle) {
            Some(i) if self.in_file => self.start + i,
            _ => self.start,
        };
        Some(span_at(self.text, at, needle.len().max(1)))
    }

    /// The index of `id` among `known`, or an error at the id.
    fn find(&self, what: &str, id: &str, known: &[&str], d: &mut Diagnostics) -> Option<usize> {
        let found = known.iter().position(|k| *k == id);
        if found.is_none() {
            d.push(
                Diagnostic::error(
                    self.file,
                    format!("unknown {what} `{id}` in a ```{} block", kind_name(self.dir.kind)),
                )
                .at(self.span_of(id))
                .with_help_opt(did_you_mean(id, known.iter().copied())),
            );
        }
        found
    }

    /// A ```stack or ```decision block: exactly one id.
    fn single(&self, ids: &Ids<'_>, d: &mut Diagnostics) -> Option<Embed> {
        let id = self.dir.body.trim();
        let stack = self.dir.kind == DirectiveKind::Stack;
        let (what, known) = if stack { ("stack", &ids.stacks) } else { ("flowchart", &ids.decisions) };
        if id.is_empty() || id.contains(char::is_whitespace) {
            d.push(
                Diagnostic::error(
                    self.file,
                    format!("a ```{} block holds exactly one {what} id", kind_name(self.dir.kind)),
                )
                .at(self.span_of(id))
                .with_help_opt(did_you_mean(id, known.iter().copied())),
            );
            return None;
        }
        let i = self.find(what, id, known, d)?;
        Some(if stack { Embed::Stack(StackId(i)) } else { Embed::Decision(DecisionId(i)) })
    }

    /// A ```compare block: stacks and criteria to show, all of each when left out.
    fn compare(&self, ids: &Ids<'_>, d: &mut Diagnostics) -> Option<Embed> {
        let block = self.compare_block(d)?;
        let mut ok = true;
        let mut pick = |what: &str, list: Option<Vec<String>>, known: &[&str], d: &mut Diagnostics| match list
        {
            None => (0..known.len()).collect(),
            Some(list) => list
                .iter()
                .filter_map(|id| {
                    let found = self.find(what, id, known, d);
                    ok &= found.is_some();
                    found
                })
                .collect::<Vec<usize>>(),
        };
        let stacks = pick("stack", block.stacks, &ids.stacks, d);
        let mut quiet = Diagnostics::new();
        let criteria =
            pick("criterion", block.criteria, &ids.criteria, if ids.check_criteria { d } else { &mut quiet });
        if ok && stacks.is_empty() {
            d.push(
                Diagnostic::error(self.file, "a ```compare block needs at least one stack")
                    .at(self.span_of("stacks"))
                    .with_help("list stack ids, e.g. `stacks: [go-gin, node-express]`, or leave `stacks:` out for all"),
            );
            return None;
        }
        let stacks = stacks.into_iter().map(StackId).collect();
        ok.then_some(Embed::Compare { stacks, criteria: criteria.into_iter().map(CriterionId).collect() })
    }

    /// The YAML of a ```compare block, with errors at their place in the file.
    fn compare_block(&self, d: &mut Diagnostics) -> Option<CompareBlock> {
        let body = &self.dir.body;
        if body.trim().is_empty() {
            return Some(CompareBlock::default());
        }
        let parsed = if self.in_file {
            yaml::parse(self.file, self.text, self.start..self.start + body.len())
        } else {
            serde_yaml::from_str(body).map_err(|e| {
                Diagnostic::error(self.file, format!("in a ```compare block: {e}")).at(self.span_of(""))
            })
        };
        parsed.map_err(|e| d.push(e)).ok()
    }
}

/// Resolve the `stacks:` of a page's front matter to indices.
pub(super) fn front_matter_stacks(
    file: &Path,
    text: &str,
    yaml_range: std::ops::Range<usize>,
    names: &[String],
    ids: &Ids<'_>,
    d: &mut Diagnostics,
) -> Vec<StackId> {
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
            found.map(StackId)
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

//! Criteria, project types and stack profiles: every id unique, every rating on its criterion's
//! scale, every criterion rated and every project type given a fit.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;

use crate::data::{self, StackFile};
use crate::diagnostics::{Diagnostic, Diagnostics, Span, did_you_mean};
use crate::load::placeholder::is_placeholder;
use crate::load::yaml::{Seg, locate};
use crate::load::{Located, RawData};
use crate::markdown::{self, Highlighter};
use crate::model::{Criterion, Fit, Level, LevelIndex, ProjectType, Rating, Stack, Weight};
use crate::source::SourceMap;
use crate::validate::evidence;

/// The resolved data, or as much of it as could be resolved.
#[derive(Debug, Default)]
pub(super) struct Data {
    pub(super) criteria: Vec<Criterion>,
    pub(super) project_types: Vec<ProjectType>,
    pub(super) stacks: Vec<Stack>,
    /// Whether criteria.yaml and project-types.yaml are usable for checking references.
    pub(super) yardsticks_ok: bool,
}

/// Where an error is in a data file.
pub(super) fn at(sources: &SourceMap, file: &Path, path: &[Seg<'_>]) -> Option<Span> {
    let text = sources.get(file)?;
    locate(text, 0..text.len(), path)
}

/// Resolve `raw` into typed data; `render_md` renders a stack's long-form Markdown.
pub(super) fn resolve(
    raw: &RawData,
    sources: &SourceMap,
    d: &mut Diagnostics,
    render_md: &(dyn Fn(&Path, &str) -> markdown::Rendered + Sync),
    highlighter: &Highlighter,
    today: time::Date,
    drafts: bool,
) -> Data {
    // The yardsticks' own problems decide whether stacks are checked against them.
    let mut yardstick_problems = Diagnostics::new();
    let y = &mut yardstick_problems;
    let criteria = raw.criteria.as_ref().map(|c| criteria(c, sources, y)).unwrap_or_default();
    let project_types =
        raw.project_types.as_ref().map(|p| project_types(p, &criteria, sources, y)).unwrap_or_default();
    let yardsticks_ok = !yardstick_problems.has_errors();
    d.extend(yardstick_problems.into_vec());
    if !raw.stacks.is_empty() {
        for (present, name) in
            [(raw.criteria.is_some(), "criteria.yaml"), (raw.project_types.is_some(), "project-types.yaml")]
        {
            if !present {
                d.push(
                    Diagnostic::error(
                        Path::new("content").join(name),
                        format!("stack profiles need `content/{name}`"),
                    )
                    .with_help("`stackguide help content` shows its format"),
                );
            }
        }
    }
    // With broken or missing yardsticks, checking each stack against them only repeats the error.
    let yardsticks_ok =
        yardsticks_ok && (raw.stacks.is_empty() || (raw.criteria.is_some() && raw.project_types.is_some()));
    let texts: HashMap<&str, (&Path, usize)> =
        raw.stack_texts.iter().map(|(id, f, off)| (id.as_str(), (f.as_path(), *off))).collect();
    for (id, file, _) in &raw.stack_texts {
        if !raw.stacks.iter().any(|(s, _)| s == id) {
            d.push(
                Diagnostic::error(file, format!("`{id}.md` has no stack profile `{id}.yaml` beside it"))
                    .with_help_opt(did_you_mean(id, raw.stacks.iter().map(|(s, _)| s.as_str()))),
            );
        }
    }
    let y = Yardsticks {
        criteria: &criteria,
        types: &project_types,
        check: yardsticks_ok,
        sources,
        highlighter,
        today,
        drafts,
    };
    // On every core: each stack's long form is rendered here.
    let resolved: Vec<(Stack, Diagnostics)> = raw
        .stacks
        .par_iter()
        .map(|(id, file)| {
            let long_form = texts.get(id.as_str()).map(|(md, offset)| {
                let text = sources.get(md).unwrap_or_default();
                render_md(md, &text[(*offset).min(text.len())..])
            });
            let mut found = Diagnostics::new();
            (stack(id, file, long_form, &y, &mut found), found)
        })
        .collect();
    let mut stacks = Vec::with_capacity(resolved.len());
    for (stack, found) in resolved {
        d.extend(found.into_vec());
        stacks.push(stack);
    }
    stacks.sort_by(|a, b| a.id.cmp(&b.id));
    Data { criteria, project_types, stacks, yardsticks_ok }
}

fn check_id(id: &str, file: &Path, span: impl FnOnce() -> Option<Span>, d: &mut Diagnostics) {
    if data::slug_problem(id).is_some() {
        d.push(
            Diagnostic::error(file, format!("`{id}` is not a valid id"))
                .at(span())
                .with_help("ids use lowercase letters, digits and single `-`, e.g. `time-to-market`"),
        );
    }
}

/// Where the id of item `i` of the list at `prefix` stands in `file`.
fn id_at(sources: &SourceMap, file: &Path, prefix: &[Seg<'_>], i: usize) -> Option<Span> {
    let mut path = prefix.to_vec();
    path.extend([Seg::Index(i), Seg::Key("id")]);
    at(sources, file, &path)
}

/// Every id of a list well formed and used once. `span` finds where the `i`th stands, asked
/// only for an id that is reported: finding it reads the file again.
fn check_ids(
    what: &str,
    ids: &[&str],
    file: &Path,
    span: impl Fn(usize) -> Option<Span>,
    d: &mut Diagnostics,
) {
    for (i, id) in ids.iter().enumerate() {
        check_id(id, file, || span(i), d);
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        if let Some(&first) = seen.get(id) {
            let line = span(first).map_or(String::new(), |s| format!(" (first on line {})", s.line));
            d.push(
                Diagnostic::error(file, format!("duplicate {what} id `{id}`{line}"))
                    .at(span(i))
                    .with_help("each id may appear once; rename or remove one"),
            );
        } else {
            seen.insert(id, i);
        }
    }
}

fn criteria(c: &Located<Vec<data::Criterion>>, sources: &SourceMap, d: &mut Diagnostics) -> Vec<Criterion> {
    let f = c.file.as_path();
    let ids: Vec<&str> = c.value.iter().map(|x| x.id.as_str()).collect();
    check_ids("criterion", &ids, f, |i| id_at(sources, f, &[], i), d);
    for (i, x) in c.value.iter().enumerate() {
        if x.scale.len() < 2 {
            d.push(
                Diagnostic::error(f, format!("criterion `{}` needs a scale of at least two levels", x.id))
                    .at(at(sources, f, &[Seg::Index(i), Seg::Key("scale")]))
                    .with_help("list the levels from least to most favourable"),
            );
        }
        let prefix = [Seg::Index(i), Seg::Key("scale")];
        let ids: Vec<&str> = x.scale.iter().map(|l| l.id.as_str()).collect();
        check_ids("level", &ids, f, |i| id_at(sources, f, &prefix, i), d);
    }
    c.value
        .iter()
        .map(|x| Criterion {
            id: x.id.clone(),
            name: x.name.clone(),
            description: x.description.clone(),
            levels: x
                .scale
                .iter()
                .map(|l| Level { id: l.id.clone(), label: l.label.clone(), definition: l.definition.clone() })
                .collect(),
        })
        .collect()
}

fn project_types(
    p: &Located<Vec<data::ProjectType>>,
    criteria: &[Criterion],
    sources: &SourceMap,
    d: &mut Diagnostics,
) -> Vec<ProjectType> {
    let f = p.file.as_path();
    let ids: Vec<&str> = p.value.iter().map(|x| x.id.as_str()).collect();
    check_ids("project type", &ids, f, |i| id_at(sources, f, &[], i), d);
    p.value
        .iter()
        .enumerate()
        .map(|(i, x)| ProjectType {
            id: x.id.clone(),
            name: x.name.clone(),
            description: x.description.clone(),
            weights: weights(x.weights.as_ref(), i, criteria, f, sources, d),
        })
        .collect()
}

/// A project type's default weights, one per criterion: as given, `none` for a criterion left
/// out, `medium` for every criterion when the type gives no `weights`. A criterion that does
/// not exist is an error at its key.
fn weights(
    given: Option<&BTreeMap<String, Weight>>,
    i: usize,
    criteria: &[Criterion],
    f: &Path,
    sources: &SourceMap,
    d: &mut Diagnostics,
) -> Vec<Weight> {
    let Some(given) = given else { return vec![Weight::Medium; criteria.len()] };
    let ids = || criteria.iter().map(|c| c.id.as_str());
    for key in given.keys().filter(|k| !ids().any(|c| c == k.as_str())) {
        let value = at(sources, f, &[Seg::Index(i), Seg::Key("weights"), Seg::Key(key)]);
        d.push(
            Diagnostic::error(f, format!("unknown criterion `{key}` in `weights`"))
                .at(value.and_then(|v| key_on_line(sources, f, v.line, key)).or(value))
                .with_help_opt(
                    did_you_mean(key, ids())
                        .or_else(|| Some("criterion ids are defined in content/criteria.yaml".into())),
                ),
        );
    }
    criteria.iter().map(|c| given.get(&c.id).copied().unwrap_or(Weight::None)).collect()
}

/// What a stack profile is checked against and read with.
struct Yardsticks<'a> {
    criteria: &'a [Criterion],
    types: &'a [ProjectType],
    /// False when criteria.yaml or project-types.yaml are broken: their error stands alone.
    check: bool,
    sources: &'a SourceMap,
    highlighter: &'a Highlighter,
    /// The build day.
    today: time::Date,
    /// Whether drafts are built: placeholders are then warnings.
    drafts: bool,
}

fn stack(
    id: &str,
    located: &Located<StackFile>,
    long_form: Option<markdown::Rendered>,
    y: &Yardsticks<'_>,
    d: &mut Diagnostics,
) -> Stack {
    let (f, s) = (located.file.as_path(), &located.value);
    let mut quiet = Diagnostics::new();
    let d = if y.check { d } else { &mut quiet };
    let ratings = ratings(f, s, y, d);
    let fit = fits(f, s, y, d);
    check_links(f, s, y.sources, d);
    let cx = evidence::Context { criteria: y.criteria, sources: y.sources, today: y.today };
    let evidence = evidence::resolve(f, s, &cx, d);
    // The example is highlighted with its page; compiling a language's patterns the first time
    // takes milliseconds, so here it is only looked up. A placeholder is reported as one: that
    // it names no language would only repeat it.
    if !y.highlighter.knows(&s.example.code, &s.example.language) && !is_placeholder(&s.example.language) {
        d.push(
            Diagnostic::warning(f, format!("no syntax highlighting for language `{}`", s.example.language))
                .at(at(y.sources, f, &[Seg::Key("example"), Seg::Key("language")])),
        );
    }
    Stack {
        id: id.to_string(),
        file: f.to_path_buf(),
        name: s.name.clone(),
        language: s.language.clone(),
        runtime: s.runtime.clone(),
        frameworks: s.frameworks.clone(),
        summary: s.summary.clone(),
        best_for: s.best_for.clone(),
        reviewed: evidence.reviewed,
        versions: evidence.versions,
        history: evidence.history,
        ratings,
        fit,
        pros: s.pros.clone(),
        cons: s.cons.clone(),
        users: s.users.clone(),
        example_language: s.example.language.clone(),
        example_code: s.example.code.clone(),
        links: s.links.clone(),
        long_form,
    }
}

/// One rating per criterion, in the criteria's order; a missing or unknown one is reported.
fn ratings(f: &Path, s: &StackFile, y: &Yardsticks<'_>, d: &mut Diagnostics) -> Vec<Rating> {
    let ids = y.criteria.iter().map(|c| c.id.as_str()).collect();
    let found = keyed(&s.ratings, ids, "ratings", "criterion", "criteria.yaml", f, y.sources, d);
    y.criteria
        .iter()
        .zip(found)
        .map(|(c, r)| {
            let Some(r) = r else {
                return Rating { level: LevelIndex(0), reason: String::new(), sources: Vec::new() };
            };
            let level = c.levels.iter().position(|l| l.id == r.level).unwrap_or_else(|| {
                let span = at(y.sources, f, &[Seg::Key("ratings"), Seg::Key(&c.id), Seg::Key("level")]);
                d.push(level_error(c, &r.level, f, y.drafts).at(span));
                0
            });
            Rating { level: LevelIndex(level), reason: r.reason.clone(), sources: r.sources.clone() }
        })
        .collect()
}

/// A level that is not on criterion `c`'s scale, or still the placeholder.
fn level_error(c: &Criterion, level: &str, f: &Path, drafts: bool) -> Diagnostic {
    let levels = || c.levels.iter().map(|l| l.id.as_str());
    if is_placeholder(level) {
        let choose = levels().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ");
        still_to_choose(f, format!("the rating for `{}` is still a placeholder", c.id), drafts)
            .with_help(format!("choose one of: {choose}{}", drafted(drafts, "the lowest level")))
    } else {
        Diagnostic::error(f, format!("`{level}` is not a level of criterion `{}`", c.id))
            .with_help_opt(did_you_mean(level, levels()))
    }
}

/// A rating or fit still to be chosen: an error, or a warning in a build of drafts.
fn still_to_choose(f: &Path, message: String, drafts: bool) -> Diagnostic {
    if drafts { Diagnostic::warning(f, message) } else { Diagnostic::error(f, message) }
}

/// What the help adds in a build of drafts: how the placeholder is shown meanwhile.
fn drafted(drafts: bool, shown_as: &str) -> String {
    if drafts {
        format!("; this build of drafts shows it as {shown_as}, a build without --drafts refuses it")
    } else {
        String::new()
    }
}

/// One fit per project type, in the types' order; placeholders are reported.
fn fits(f: &Path, s: &StackFile, y: &Yardsticks<'_>, d: &mut Diagnostics) -> Vec<Fit> {
    let ids = y.types.iter().map(|t| t.id.as_str()).collect();
    let found = keyed(&s.fit, ids, "fit", "project type", "project-types.yaml", f, y.sources, d);
    for (t, x) in y.types.iter().zip(&found) {
        if x.is_some_and(|x| x.fit == data::FitLevel::Todo) {
            d.push(
                still_to_choose(f, format!("the fit for `{}` is still a placeholder", t.id), y.drafts)
                    .at(at(y.sources, f, &[Seg::Key("fit"), Seg::Key(&t.id), Seg::Key("fit")]))
                    .with_help(format!(
                        "choose one of: `good`, `ok`, `poor`{}",
                        drafted(y.drafts, "\"not rated yet\"")
                    )),
            );
        }
    }
    found
        .into_iter()
        .map(|x| {
            x.map_or(Fit { level: data::FitLevel::Poor, note: None }, |x| Fit {
                level: x.fit,
                note: x.note.clone(),
            })
        })
        .collect()
}

/// A stack's links must be web addresses.
fn check_links(f: &Path, s: &StackFile, sources: &SourceMap, d: &mut Diagnostics) {
    for (i, link) in s.links.iter().enumerate() {
        if !is_web_url(&link.url) {
            d.push(
                Diagnostic::error(f, format!("`{}` is not a web address", link.url))
                    .at(at(sources, f, &[Seg::Key("links"), Seg::Index(i), Seg::Key("url")]))
                    .with_help("links to other sites start with https:// (or http://)"),
            );
        }
    }
}

/// Whether `url` is an http(s) address: anything else (`javascript:`, `data:`) could run in
/// the reader's browser.
pub(super) fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && !url.contains(char::is_whitespace)
}

/// Match a map keyed by ids (`ratings`, `fit`) against the known ids: unknown keys and missing
/// ids are errors. Returns the values in the order of `known`.
#[allow(clippy::too_many_arguments)]
fn keyed<'a, T>(
    map: &'a BTreeMap<String, T>,
    known: Vec<&str>,
    field: &str,
    what: &str,
    defined_in: &str,
    f: &Path,
    sources: &SourceMap,
    d: &mut Diagnostics,
) -> Vec<Option<&'a T>> {
    for key in map.keys() {
        if !known.contains(&key.as_str()) {
            d.push(
                Diagnostic::error(f, format!("unknown {what} `{key}` in `{field}`"))
                    .at(key_span(sources, f, field, key))
                    .with_help_opt(
                        did_you_mean(key, known.iter().copied())
                            .or_else(|| Some(format!("{what} ids are defined in content/{defined_in}"))),
                    ),
            );
        }
    }
    let missing: Vec<&str> = known.iter().copied().filter(|k| !map.contains_key(*k)).collect();
    if !missing.is_empty() {
        let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
        d.push(
            Diagnostic::error(f, format!("`{field}` has no entry for {what} {list}"))
                .at(at(sources, f, &[Seg::Key(field)]))
                .with_help(format!("every {what} in content/{defined_in} needs an entry here")),
        );
    }
    known.iter().map(|k| map.get(*k)).collect()
}

/// The span of a key itself (not its value), for "unknown key" errors.
pub(super) fn key_span(sources: &SourceMap, f: &Path, field: &str, key: &str) -> Option<Span> {
    let value = at(sources, f, &[Seg::Key(field), Seg::Key(key)])?;
    key_on_line(sources, f, value.line, key)
}

/// The span of `key` on line `line` (1-based) of `f`.
fn key_on_line(sources: &SourceMap, f: &Path, line: usize, key: &str) -> Option<Span> {
    let text = sources.get(f)?;
    let line_text = text.lines().nth(line.checked_sub(1)?)?;
    let col = line_text.find(key).map(|i| line_text[..i].chars().count() + 1)?;
    Some(Span { line, col, len: key.chars().count() })
}

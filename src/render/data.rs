//! The data behind the matrix, to take away: `/data/stacks.json` (every stack with every field
//! of its profile, and the criteria and project types it is rated against) and
//! `/data/stacks.csv` (the matrix: one row per stack, a column per criterion and project type,
//! RFC 4180). Both are made from the validated site, the same model the pages show.

use serde::Serialize;

use crate::date::format;
use crate::model::{Criterion, FitLevel, Level, Link, Site, Stack, stack_address};
use crate::search::script_safe_json;

/// `/data/stacks.json`.
#[derive(Debug, Serialize)]
struct Data<'a> {
    title: &'a str,
    /// The address of the guide.
    url: &'a str,
    /// The build day, `YYYY-MM-DD`.
    generated: String,
    criteria: Vec<CriterionData<'a>>,
    project_types: Vec<Named<'a>>,
    stacks: Vec<StackData<'a>>,
}

#[derive(Debug, Serialize)]
struct CriterionData<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
    /// Least favourable first.
    levels: &'a [Level],
}

#[derive(Debug, Serialize)]
struct Named<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
}

#[derive(Debug, Serialize)]
struct StackData<'a> {
    id: &'a str,
    url: String,
    name: &'a str,
    language: &'a str,
    runtime: &'a str,
    frameworks: &'a [String],
    summary: &'a str,
    best_for: &'a [String],
    reviewed: String,
    versions: Vec<VersionData<'a>>,
    history: Vec<ChangeData<'a>>,
    /// In the order of `criteria`.
    ratings: Vec<RatingData<'a>>,
    /// In the order of `project_types`.
    fit: Vec<FitData<'a>>,
    pros: &'a [String],
    cons: &'a [String],
    users: &'a [String],
    example: Example<'a>,
    links: &'a [Link],
}

#[derive(Debug, Serialize)]
struct VersionData<'a> {
    name: &'a str,
    version: &'a str,
    released: String,
    /// `null` for a rolling release.
    support_until: Option<String>,
}

#[derive(Debug, Serialize)]
struct ChangeData<'a> {
    date: String,
    note: &'a str,
    criterion: Option<&'a str>,
    from: Option<&'a str>,
    to: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct RatingData<'a> {
    criterion: &'a str,
    level: &'a str,
    label: &'a str,
    /// The level's place on the scale, from 1 (least favourable) to `max`.
    value: usize,
    max: usize,
    reason: &'a str,
    sources: &'a [Link],
}

#[derive(Debug, Serialize)]
struct FitData<'a> {
    project_type: &'a str,
    fit: FitLevel,
    note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Example<'a> {
    language: &'a str,
    code: &'a str,
}

/// The level of `s` on criterion `c` (index `i`): its level and its 1-based value.
fn level<'a>(c: &'a Criterion, s: &Stack, i: usize) -> (&'a Level, usize) {
    let at = s.ratings[i].level.0.min(c.levels.len().saturating_sub(1));
    (&c.levels[at], at + 1)
}

fn stack<'a>(site: &'a Site, s: &'a Stack) -> StackData<'a> {
    let level_id = |c: Option<&'a Criterion>, l: Option<crate::model::LevelIndex>| {
        Some(c?.levels.get(l?.0)?.id.as_str())
    };
    StackData {
        id: &s.id,
        url: site.base.absolute(&stack_address(&s.id)),
        name: &s.name,
        language: &s.language,
        runtime: &s.runtime,
        frameworks: &s.frameworks,
        summary: &s.summary,
        best_for: &s.best_for,
        reviewed: format(s.reviewed),
        versions: s
            .versions
            .iter()
            .map(|v| VersionData {
                name: &v.name,
                version: &v.version,
                released: format(v.released),
                support_until: v.support_until.map(format),
            })
            .collect(),
        history: s
            .history
            .iter()
            .map(|h| {
                let c = h.criterion.map(|c| site.criterion(c));
                ChangeData {
                    date: format(h.date),
                    note: &h.note,
                    criterion: c.map(|c| c.id.as_str()),
                    from: level_id(c, h.from),
                    to: level_id(c, h.to),
                }
            })
            .collect(),
        ratings: site.criteria.iter().enumerate().map(|(i, c)| rating(c, s, i)).collect(),
        fit: site
            .project_types
            .iter()
            .zip(&s.fit)
            .map(|(t, f)| FitData { project_type: &t.id, fit: f.level, note: f.note.as_deref() })
            .collect(),
        pros: &s.pros,
        cons: &s.cons,
        users: &s.users,
        example: Example { language: &s.example_language, code: &s.example_code },
        links: &s.links,
    }
}

fn rating<'a>(c: &'a Criterion, s: &'a Stack, i: usize) -> RatingData<'a> {
    let (l, value) = level(c, s, i);
    let r = &s.ratings[i];
    RatingData {
        criterion: &c.id,
        level: &l.id,
        label: &l.label,
        value,
        max: c.levels.len(),
        reason: &r.reason,
        sources: &r.sources,
    }
}

/// `/data/stacks.json`, pretty-printed so it reads well and diffs line by line. `<`, `>` and
/// `&` are written as `\u003c`... (the same text to any JSON reader), so no browser that sniffs
/// the file can take it for HTML.
pub(crate) fn json(site: &Site) -> String {
    let data = Data {
        title: &site.config.title,
        url: &site.base.absolute,
        generated: format(site.today),
        criteria: site
            .criteria
            .iter()
            .map(|c| CriterionData {
                id: &c.id,
                name: &c.name,
                description: &c.description,
                levels: &c.levels,
            })
            .collect(),
        project_types: site
            .project_types
            .iter()
            .map(|t| Named { id: &t.id, name: &t.name, description: &t.description })
            .collect(),
        stacks: site.stacks.iter().map(|s| stack(site, s)).collect(),
    };
    let mut out = script_safe_json(&serde_json::to_string_pretty(&data).unwrap_or_default());
    out.push('\n');
    out
}

/// `/data/stacks.csv`: a header row, then one row per stack: id, name, language, runtime,
/// summary and address; for each criterion its level's label and its value (1 = least
/// favourable); for each project type the fit (good, ok or poor). Fields holding a comma, a
/// quote or a line break are quoted, and lines end in CRLF, as RFC 4180 asks.
pub(crate) fn csv(site: &Site) -> String {
    let mut header: Vec<String> =
        ["id", "name", "language", "runtime", "summary", "url"].map(String::from).to_vec();
    for c in &site.criteria {
        header.push(c.name.clone());
        header.push(format!("{} (1-{})", c.name, c.levels.len()));
    }
    header.extend(site.project_types.iter().map(|t| format!("Fit: {}", t.name)));
    let mut rows = vec![header];
    for s in &site.stacks {
        let mut row = vec![
            s.id.clone(),
            s.name.clone(),
            s.language.clone(),
            s.runtime.clone(),
            s.summary.clone(),
            site.base.absolute(&stack_address(&s.id)),
        ];
        for (i, c) in site.criteria.iter().enumerate() {
            let (l, value) = level(c, s, i);
            row.push(l.label.clone());
            row.push(value.to_string());
        }
        row.extend(s.fit.iter().map(|f| fit_word(f.level).to_string()));
        rows.push(row);
    }
    write_csv(&rows)
}

fn fit_word(f: FitLevel) -> &'static str {
    match f {
        FitLevel::Good => "good",
        FitLevel::Ok => "ok",
        FitLevel::Poor => "poor",
        FitLevel::Todo => "todo",
    }
}

/// Rows as RFC 4180 text, through the `csv` crate.
fn write_csv(rows: &[Vec<String>]) -> String {
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    for row in rows {
        // Writing into memory cannot fail.
        let _ = w.write_record(row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_and_line_breaks_are_quoted() {
        let rows = vec![
            vec!["a".to_string(), "b, c".into(), "say \"hi\"".into()],
            vec!["line\nbreak".into(), String::new(), "plain".into()],
        ];
        assert_eq!(write_csv(&rows), "a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",,plain\r\n");
    }
}

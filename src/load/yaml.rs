//! YAML parsing with positions: serde_yaml errors become diagnostics at `path:line:col`, and a small
//! key-path locator finds where a value sits for errors found after parsing.

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::limits::{self, Excess, MAX_DEPTH, MAX_EXPANDED};
use super::wording::in_writers_words;
use crate::diagnostics::{Diagnostic, Span, did_you_mean};
use crate::source::span_at;

/// Deserialize the YAML in `text[range]`; an error is positioned within the whole `text`.
pub fn parse<T: DeserializeOwned>(file: &Path, text: &str, range: Range<usize>) -> Result<T, Diagnostic> {
    match limits::check(&text[range.clone()]) {
        Ok(()) => {}
        Err(Excess::TooDeep(at)) => {
            return Err(Diagnostic::error(
                file,
                format!("the YAML is nested more than {MAX_DEPTH} levels deep here"),
            )
            .at(Some(span_at(text, range.start + at, 1)))
            .with_help(
                "a data file needs a few levels at most; look for a `[` or `{` that is never closed",
            ));
        }
        Err(Excess::TooLarge(e)) => {
            let d = error_to_diagnostic(file, text, range.start, &e);
            let limit = (MAX_EXPANDED.max(2 * range.len())) >> 20;
            return Err(Diagnostic {
                message: format!("aliases expand this YAML to more than {limit} MiB"),
                help: Some("an alias (`*name`) repeats the whole value of its anchor (`&name`); repeat large values fewer times".into()),
                ..d
            });
        }
    }
    serde_yaml::from_str(&text[range.clone()]).map_err(|e| {
        let d = error_to_diagnostic(file, text, range.start, &e);
        match d.span.and_then(|s| text.lines().nth(s.line - 1)) {
            Some(line) if line.trim_start_matches(' ').starts_with('\t') => {
                d.with_help("this line is indented with a tab; YAML indents with spaces only")
            }
            _ => d,
        }
    })
}

fn error_to_diagnostic(file: &Path, text: &str, base: usize, e: &serde_yaml::Error) -> Diagnostic {
    // libyaml puts positions inside the message ("... at line 3 column 1, while scanning a quoted
    // scalar at line 1 column 8"); they count from the YAML's start, not the file's, so they are
    // taken out and the most useful one (where the unfinished construct began) becomes the span.
    let (message, marks) = strip_marks(&e.to_string());
    let yaml = &text[base..];
    // For an unfinished construct, where it began is where the mistake is.
    let unfinished = ["end of stream", "flow sequence", "flow mapping", "quoted scalar"];
    let offset = match (unfinished.iter().any(|u| message.contains(u)), marks.last()) {
        (true, Some(&(line, col))) => base + offset_of(yaml, line, col),
        // Line and column, not `index()`: libyaml counts the index in characters, not bytes.
        _ => e.location().map_or(base, |l| base + offset_of(yaml, l.line(), l.column())),
    };
    let offset = if message.starts_with("duplicate") {
        second_key(text, offset, &message).unwrap_or(offset)
    } else {
        offset
    };
    let (message, help) = split_expected(&message);
    let help = help.or_else(|| hint_for(&message));
    let message = in_writers_words(&message.replace("EOF while parsing", "the file ends while parsing"));
    Diagnostic::error(file, message)
        .at(Some(span_at(text, offset, token_len(text, offset))))
        .with_help_opt(help)
}

/// Where a duplicated key occurs the second time, at or after `from`.
fn second_key(text: &str, from: usize, message: &str) -> Option<usize> {
    let name = message.split(['`', '"']).nth(1)?;
    let line_start = text[..from.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let mut seen = 0;
    let mut off = line_start;
    for line in text[line_start..].split_inclusive('\n') {
        let key_at = line.len() - line.trim_start_matches([' ', '-']).len();
        if key_of(&line[key_at..]) == Some(name) {
            seen += 1;
            if seen == 2 {
                return Some(off + key_at);
            }
        }
        off += line.len();
    }
    None
}

/// Remove every " at line L column C" from `message`, returning the positions found.
fn strip_marks(message: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::new();
    let mut marks = Vec::new();
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let mut nums = after.splitn(3, ' ');
        let line = nums.next().and_then(|n| n.parse().ok());
        let col = nums.next().filter(|w| *w == "column").and(nums.next()).map(|c| {
            let digits: String = c.chars().take_while(char::is_ascii_digit).collect();
            (digits.len(), digits.parse::<usize>().ok())
        });
        match (line, col) {
            (Some(l), Some((n, Some(c)))) => {
                marks.push((l, c));
                let consumed = line_len(l) + " column ".len() + n;
                rest = &after[consumed..];
            }
            _ => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, marks)
}

fn line_len(n: usize) -> usize {
    n.to_string().len()
}

/// The byte offset of 1-based `line` and `col` (in characters) in `text`. Lines end where libyaml
/// ends them: at `\r\n`, `\r`, `\n`, U+0085, U+2028 or U+2029.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        let Some(i) = text[start..].find(['\r', '\n', '\u{85}', '\u{2028}', '\u{2029}']) else {
            start = text.len();
            break;
        };
        let brk = &text[start + i..];
        start += i + if brk.starts_with("\r\n") { 2 } else { brk.chars().next().map_or(1, char::len_utf8) };
    }
    let rest = &text[start..];
    start + rest.char_indices().nth(col.saturating_sub(1)).map_or(rest.len(), |(i, _)| i)
}

/// "unknown field `x`, expected one of `a`, `b`" -> ("unknown field `x`", "did you mean `a`?").
fn split_expected(message: &str) -> (String, Option<String>) {
    let Some((head, tail)) = message.split_once(", expected") else {
        return (message.to_string(), None);
    };
    let candidates: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
    let name = head.split('`').nth(1).unwrap_or_default();
    if head.contains("unknown field") || head.contains("unknown variant") {
        let help = did_you_mean(name, candidates.iter().copied()).or_else(|| Some(format!("expected{tail}")));
        return (head.to_string(), help);
    }
    (message.to_string(), None)
}

fn hint_for(message: &str) -> Option<String> {
    if message.starts_with("missing field") {
        Some("add the field; `stackguide help content` lists every field".into())
    } else if message.contains("duplicate") {
        Some("each key may appear once; remove or rename one of them".into())
    } else if message.contains("mapping values are not allowed") {
        Some("a value containing `: ` must be quoted".into())
    } else {
        None
    }
}

/// The length of what starts at `offset`, so the caret underlines the offending key or the whole
/// value (`a year`, `"quoted, text"`, `[a, b]`), not only its first word.
fn token_len(text: &str, offset: usize) -> usize {
    let Some(rest) = text.get(offset..) else { return 1 };
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..offset].trim_end();
    if before.ends_with(':') || before.ends_with("- ") || before == "-" {
        let line = rest.split('\n').next().unwrap_or_default();
        return value_len(line.trim_end_matches('\r'));
    }
    rest.find(|c: char| c == ':' || c == ',' || c.is_whitespace()).unwrap_or(rest.len()).max(1)
}

/// One step of a key path: a mapping key or a sequence index.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// The span of the value at `path` in `text[range]` (or of its key when the value is a block),
/// found by following indentation. Handles block style and one-line flow collections.
pub fn locate(text: &str, range: Range<usize>, path: &[Seg<'_>]) -> Option<Span> {
    let (offset, len) = locate_offset(&text[range.clone()], path)?;
    Some(span_at(text, range.start + offset, len))
}

/// The span of the top-level `key` itself (not its value) in `text[range]`.
pub fn locate_key(text: &str, range: Range<usize>, key: &str) -> Option<Span> {
    let yaml = &text[range.clone()];
    let mut off = 0;
    for line in yaml.split_inclusive('\n') {
        if is_content(line) && indent_of(line) == 0 && key_of(line) == Some(key) {
            let written = line.split(':').next().unwrap_or(key).trim_end();
            return Some(span_at(text, range.start + off, written.len()));
        }
        off += line.len();
    }
    None
}

fn locate_offset(yaml: &str, path: &[Seg<'_>]) -> Option<(usize, usize)> {
    let mut off = 0;
    let lines: Vec<(usize, String)> = yaml
        .split('\n')
        .map(|l| {
            let item = (off, l.to_string());
            off += l.len() + 1;
            item
        })
        .collect();
    find_block(yaml, lines, path)
}

/// Follow `path` through the block-style lines of one scope.
fn find_block(yaml: &str, mut lines: Vec<(usize, String)>, path: &[Seg<'_>]) -> Option<(usize, usize)> {
    let (seg, rest) = path.split_first()?;
    let indent = lines.iter().filter(|(_, l)| is_content(l)).map(|(_, l)| indent_of(l)).min()?;
    let at_indent = |l: &str| is_content(l) && indent_of(l) == indent;
    let i = match seg {
        Seg::Key(k) => lines.iter().position(|(_, l)| at_indent(l) && key_of(l.trim_start()) == Some(k))?,
        Seg::Index(n) => {
            lines
                .iter()
                .enumerate()
                .filter(|(_, (_, l))| at_indent(l) && l.trim_start().starts_with('-'))
                .nth(*n)?
                .0
        }
    };
    let (line_off, line) = lines[i].clone();
    let value_col = match seg {
        Seg::Key(_) => line.find(':').map(|c| c + 1),
        Seg::Index(_) => Some(indent + 1),
    }
    .map(|c| c + line[c..].len() - line[c..].trim_start().len());
    let inline_value = value_col.filter(|&v| v < line.len() && !line[v..].starts_with('#'));
    let hit = match inline_value {
        Some(v) => (line_off + v, value_len(&line[v..])),
        None => (line_off + indent, line.trim().len().max(1)),
    };
    if rest.is_empty() {
        return Some(hit);
    }
    // The scope under this line: deeper lines, and for a key also `- ` items at the same indent.
    let end = lines[i + 1..]
        .iter()
        .position(|(_, l)| {
            is_content(l)
                && (indent_of(l) < indent
                    || (indent_of(l) == indent
                        && !(matches!(seg, Seg::Key(_)) && l.trim_start().starts_with('-'))))
        })
        .map_or(lines.len(), |p| i + 1 + p);
    match (seg, inline_value) {
        (_, Some(v)) if line[v..].starts_with(['{', '[']) => flow_locate(yaml, line_off + v, rest),
        (Seg::Key(_), _) => find_block(yaml, lines.drain(i + 1..end).collect(), rest),
        (Seg::Index(_), _) => {
            // `- key: v` opens a mapping whose first key sits after the dash.
            let mut scope: Vec<(usize, String)> = lines.drain(i..end).collect();
            scope[0].1 = scope[0].1.replacen('-', " ", 1);
            find_block(yaml, scope, rest)
        }
    }
}

/// Find `path` inside a flow collection (`{ a: 1, b: [x, y] }`) that starts at or after `offset`.
fn flow_locate(yaml: &str, offset: usize, path: &[Seg<'_>]) -> Option<(usize, usize)> {
    let line_end = yaml[offset..].find('\n').map_or(yaml.len(), |i| offset + i);
    let mut pos = offset;
    for seg in path {
        let line = &yaml[pos..line_end];
        let open = line.find(['{', '['])?;
        let items = split_flow(&line[open + 1..]);
        let (item_off, item) = match seg {
            Seg::Key(k) => items.into_iter().find(|(_, s)| key_of(s.trim()) == Some(k))?,
            Seg::Index(i) => items.into_iter().nth(*i)?,
        };
        let lead = item.len() - item.trim_start().len();
        let mut start = pos + open + 1 + item_off + lead;
        if let Seg::Key(_) = seg {
            let colon = yaml[start..].find(':')?;
            let after = &yaml[start + colon + 1..line_end];
            start += colon + 1 + (after.len() - after.trim_start().len());
        }
        pos = start;
    }
    Some((pos, value_len(&yaml[pos..line_end])))
}

/// Split the inside of a flow collection at top-level commas, with each item's offset.
fn split_flow(s: &str) -> Vec<(usize, &str)> {
    let mut items = Vec::new();
    let (mut depth, mut start, mut quote) = (0i32, 0usize, None::<char>);
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{' | '[') => depth += 1,
            (None, '}' | ']') if depth == 0 => {
                items.push((start, &s[start..i]));
                return items;
            }
            (None, '}' | ']') => depth -= 1,
            (None, ',') if depth == 0 => {
                items.push((start, &s[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push((start, &s[start..]));
    items
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#') && t != "---"
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn key_of(s: &str) -> Option<&str> {
    let (k, _) = s.split_once(':')?;
    Some(k.trim().trim_matches(|c| c == '"' || c == '\''))
}

fn value_len(rest: &str) -> usize {
    let rest = rest.trim_end();
    let quoted = rest.starts_with(['"', '\'']);
    let end = if quoted {
        rest[1..].find(&rest[..1]).map_or(rest.len(), |i| i + 2)
    } else if rest.starts_with(['{', '[']) {
        rest.len()
    } else {
        rest.find([',', '}', ']', '#']).unwrap_or(rest.len())
    };
    rest[..end].trim_end().chars().count().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::path::PathBuf;

    const DOC: &str = "name: Go + Gin\nratings:\n  hiring: { level: good, reason: \"Many Go devs\" }\n  speed:\n    level: fast\n    reason: x\nstacks: [a, bee, c]\nusers:\n  - Uber\n  - name: Twitch\n    size: big\nfit:\n- mvp\n- api\n";

    fn at(path: &[Seg<'_>]) -> (usize, usize) {
        let s = locate(DOC, 0..DOC.len(), path).unwrap();
        (s.line, s.col)
    }

    #[test]
    fn locates_block_flow_and_sequence_values() {
        use Seg::{Index, Key};
        assert_eq!(at(&[Key("name")]), (1, 7));
        assert_eq!(at(&[Key("ratings"), Key("hiring"), Key("level")]), (3, 20));
        assert_eq!(at(&[Key("ratings"), Key("hiring"), Key("reason")]), (3, 34));
        assert_eq!(at(&[Key("ratings"), Key("speed"), Key("level")]), (5, 12));
        assert_eq!(at(&[Key("stacks"), Index(1)]), (7, 13));
        assert_eq!(at(&[Key("users"), Index(0)]), (9, 5));
        assert_eq!(at(&[Key("users"), Index(1), Key("size")]), (11, 11));
        assert_eq!(at(&[Key("fit"), Index(1)]), (14, 3));
        assert_eq!(locate(DOC, 0..DOC.len(), &[Key("nope")]), None);
        let len = locate(DOC, 0..DOC.len(), &[Key("stacks"), Index(1)]).unwrap().len;
        assert_eq!(len, 3);
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        #[serde(default)]
        weight: i64,
    }

    fn parse_err(text: &str) -> Diagnostic {
        parse::<Front>(&PathBuf::from("a.md"), text, 4..text.len()).unwrap_err()
    }

    #[test]
    fn errors_are_positioned_in_the_whole_file() {
        let d = parse_err("---\ntitle: x\nwieght: 3\n");
        assert_eq!(d.location(), "a.md:3:1");
        assert_eq!(d.message, "unknown field `wieght`");
        assert_eq!(d.help.as_deref(), Some("did you mean `weight`?"));

        let d = parse_err("---\ntitle: x\nweight: heavy\n");
        assert_eq!(d.location(), "a.md:3:9");
        assert_eq!(d.message, "weight: found the text \"heavy\", expected a whole number, like `weight: 10`");
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Days {
            days: u32,
        }
        let d = parse::<Days>(Path::new("a.yaml"), "days: -5\n", 0..9).unwrap_err();
        assert_eq!(
            d.message,
            "days: found the number -5, expected a whole number, 0 or more, like `days: 10`"
        );

        let d = parse_err("---\ntitle: [x\n");
        assert_eq!(d.location(), "a.md:2:8");
        assert_eq!(d.message, "title: found a list, expected text, like `title: Some text`");

        let text = "title: [a, b\nweight: [1]\n";
        let d = parse::<serde_yaml::Value>(Path::new("a.md"), text, 0..text.len()).unwrap_err();
        assert_eq!(d.message, "did not find expected ',' or ']', while parsing a flow sequence");
        assert_eq!(d.location(), "a.md:1:8", "the span points where the list opened");

        let d = parse_err("---\ntitle: \"open\nweight: 1\n");
        assert_eq!(d.message, "found unexpected end of stream, while scanning a quoted scalar");
        assert_eq!(d.location(), "a.md:2:8", "the span points where the quote opened");

        let d = parse_err("---\ntitle: a\n\tweight: 1\n");
        assert_eq!(d.location(), "a.md:3:1", "{d:?}");
        assert!(d.help.unwrap().contains("tab"));
        // Tabs inside a block scalar (Go code, say) are content, not indentation.
        let ok: Front = parse(Path::new("a.md"), "title: |\n  func() {\n  \treturn\n  }\n", 0..34).unwrap();
        assert!(ok.title.contains("\treturn"));

        // Positions stay right after characters wider than a byte.
        let d = parse_err("---\ntitle: \"Café ☕ naïve\"\nweight: heavy\n");
        assert_eq!(d.location(), "a.md:3:9");
        let d = parse_err("---\ntitle: ☕☕☕\nwieght: 1\n");
        assert_eq!(d.location(), "a.md:3:1");
        let d = parse_err("---\ntitle: ☕☕☕\ntitle: é\n");
        assert_eq!(d.location(), "a.md:3:1");

        let d = parse_err("---\ntitle: a\ntitle: b\n");
        assert!(d.message.contains("duplicate"), "{}", d.message);
        assert_eq!(d.span.unwrap().line, 3);
    }
}

//! Finding the `TODO` placeholders that `stackguide new` writes where a value is still to be
//! written: a whole YAML scalar `TODO` (or `todo`), plain or quoted, in block or flow style, or a
//! line of its own in a block scalar. A `TODO` inside a sentence or a comment is a writer's words,
//! not a placeholder.

/// What `stackguide new` writes where a value is still to be written.
pub(crate) const PLACEHOLDER: &str = "TODO";

/// Whether `value` is the placeholder (either case: ratings and fits once used `todo`).
pub(crate) fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    v == PLACEHOLDER || v == "todo"
}

/// The byte offsets in `yaml` of every placeholder scalar, in order.
pub(crate) fn find(yaml: &str) -> Vec<usize> {
    // Most files hold none: one search of the whole text spares looking at every line.
    if !yaml.contains(PLACEHOLDER) && !yaml.contains("todo") {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut start = 0;
    for line in yaml.split_inclusive('\n') {
        let code = without_comment(line);
        if !code.trim_start().starts_with('#') {
            for (i, _) in code.match_indices(PLACEHOLDER).chain(code.match_indices("todo")) {
                if stands_alone(code, i, i + PLACEHOLDER.len()) {
                    found.push(start + i);
                }
            }
        }
        start += line.len();
    }
    found.sort_unstable();
    found
}

/// `line` up to a ` #` comment that is not inside quotes.
fn without_comment(line: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') if matches!(prev, ' ' | ':' | '[' | '{' | ',' | '-') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev == ' ' || prev == '\t' => return &line[..i],
            _ => {}
        }
        prev = c;
    }
    line
}

/// Whether `line[from..to]` is a whole scalar: after a key's `: `, a `- `, `[`, `{`, `,` or at
/// the start of the line, and before the end, `,`, `]` or `}`, in matching quotes if quoted.
fn stands_alone(line: &str, from: usize, to: usize) -> bool {
    let before = &line[..from];
    let after = &line[to..];
    let (before, after) = match (before.strip_suffix(['"', '\'']), after.chars().next()) {
        (Some(b), Some(q)) if line[from - 1..from].starts_with(q) => (b, &after[1..]),
        (Some(_), _) => return false,
        (None, _) => (before, after),
    };
    let lead = before.trim_end_matches([' ', '\t']);
    let opens = match lead.chars().last() {
        None => true,
        Some('[' | '{' | ',') => true,
        Some(':') => lead.len() < before.len(),
        Some('-' | '?') => lead.len() < before.len() && lead[..lead.len() - 1].trim().is_empty(),
        _ => false,
    };
    let rest = after.trim_start_matches([' ', '\t']);
    let closes = rest.is_empty() || rest.starts_with(['\n', '\r', ',', ']', '}']);
    opens && closes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(yaml: &str) -> Vec<&str> {
        find(yaml).into_iter().map(|i| &yaml[i..i + 4]).collect()
    }

    #[test]
    fn whole_scalars_are_placeholders() {
        let yaml = "language: TODO\nfrontmatter: [TODO, Gin]\nbest_for:\n  - TODO\nr: { level: todo, reason: \"TODO\" }\ncode: |\n  TODO\n";
        assert_eq!(found(yaml), ["TODO", "TODO", "TODO", "todo", "TODO", "TODO"]);
        let offsets = find(yaml);
        assert_eq!(offsets[0], "language: ".len());
    }

    #[test]
    fn words_in_sentences_comments_and_keys_are_not() {
        for yaml in [
            "summary: TODO list apps\n",
            "summary: a TODO\n",
            "# language: TODO\n",
            "name: Go # TODO\n",
            "TODO: x\n",
            "url: https://example.org/TODO\n",
            "summary: \"TODO'\n",
            "id: todos\n",
        ] {
            assert_eq!(found(yaml), Vec::<&str>::new(), "{yaml}");
        }
    }
}

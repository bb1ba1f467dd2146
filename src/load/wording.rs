//! serde's type errors in a writer's words: what was found, what was expected, and an example of
//! the right form under the key's own name (`weight: found the text "ten", expected a whole
//! number, like `weight: 10``).

/// Keys whose text is a `YYYY-MM-DD` date.
const DATE_KEYS: &[&str] = &["updated", "reviewed", "released", "support_until", "date"];

/// An entry of each kind of list whose items are keys and values, by the list's key.
const LIST_ITEMS: &[(&str, &str)] = &[
    ("versions", "Version"),
    ("history", "Change"),
    ("links", "Link"),
    ("sources", "Link"),
    ("nav", "NavLink"),
    ("scale", "Level"),
    ("answers", "Answer"),
];

/// A short, valid value of each small record, by the name of its type.
const RECORDS: &[(&str, &str)] = &[
    ("Rating", "{ level: good, reason: One line. }"),
    ("Fit", "{ fit: good, note: One line. }"),
    ("Version", "{ name: Go, version: \"1.25\", released: 2025-08-12 }"),
    ("Change", "{ date: 2026-03-01, note: What changed. }"),
    ("Link", "{ title: Documentation, url: \"https://example.org/\" }"),
    ("NavLink", "{ title: Guide, url: /guide/ }"),
    ("Level", "{ id: good, label: Good }"),
    ("Answer", "{ label: Yes, next: node-id }"),
];

/// What a value had to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want<'a> {
    Text,
    Date,
    Bool,
    Whole,
    Count,
    Number,
    List,
    /// Keys and values; the name of the record type when there is one.
    Map(Option<&'a str>),
}

/// `message` in a writer's words: an "invalid type" error gets what was found and an example;
/// Rust's number types elsewhere get plain names.
pub(super) fn in_writers_words(message: &str) -> String {
    // A mapping read as keys and values says "entry"; a record says "field": one message for both.
    if let Some(key) = message.strip_prefix("duplicate entry with key ") {
        return format!("duplicate field `{}`", key.trim_matches('"'));
    }
    type_error(message).unwrap_or_else(|| plain_types(message))
}

/// `path: invalid type: <found>, expected <type>` -> `path: found <…>, expected <…>, like `…``.
fn type_error(message: &str) -> Option<String> {
    let (path, rest) = ["invalid type: ", "invalid value: "].iter().find_map(|m| message.split_once(m))?;
    let (found, expected) = rest.rsplit_once(", expected ")?;
    let path = path.trim_end().trim_end_matches(':');
    let key = last_key(path);
    let found_words = found_words(found);
    let Some(want) = want(expected, key) else {
        return Some(format!("{}found {found_words}, expected {expected}", prefix(path)));
    };
    let words = match want {
        Want::Text => "text",
        Want::Date => "a date",
        Want::Bool => "`true` or `false`",
        Want::Whole => "a whole number",
        Want::Count => "a whole number, 0 or more",
        Want::Number => "a number",
        Want::List => "a list",
        Want::Map(_) => "keys and values",
    };
    let form = match (example(want, key, found), key) {
        (Some(value), Some(k)) if !path.ends_with(']') => format!(", like `{k}: {value}`"),
        (Some(value), _) if path.ends_with(']') => format!(", like `- {value}`"),
        (Some(value), _) => format!(", like `{value}`"),
        (None, Some(k)) => format!(", each `name: value` on a line of its own, indented under `{k}:`"),
        (None, None) => ", each `name: value` on a line of its own".to_string(),
    };
    Some(format!("{}found {found_words}, expected {words}{form}", prefix(path)))
}

fn prefix(path: &str) -> String {
    if path.is_empty() { String::new() } else { format!("{path}: ") }
}

/// The last key of a path such as `versions[0].released` (`released`); of `stacks[1]`, `stacks`.
fn last_key(path: &str) -> Option<&str> {
    let last = path.rsplit('.').next()?;
    let key = last.split('[').next().unwrap_or(last);
    (!key.is_empty()).then_some(key)
}

/// serde's description of a value (`string "x"`, `integer `5``, `sequence`...) in plain words.
fn found_words(found: &str) -> String {
    let ticked = |prefix: &str| found.strip_prefix(prefix).map(|v| v.trim_matches('`').to_string());
    if let Some(text) = found.strip_prefix("string ") {
        return format!("the text {text}");
    }
    if let Some(n) = ticked("integer ").or_else(|| ticked("floating point ")) {
        return format!("the number {n}");
    }
    if let Some(b) = ticked("boolean ") {
        return format!("`{b}`");
    }
    match found {
        "unit value" => "nothing".into(),
        "sequence" => "a list".into(),
        "map" => "keys and values".into(),
        other => other.into(),
    }
}

fn want<'a>(expected: &'a str, key: Option<&str>) -> Option<Want<'a>> {
    Some(match expected {
        "a string" | "string" if key.is_some_and(|k| DATE_KEYS.contains(&k)) => Want::Date,
        "a string" | "string" => Want::Text,
        "a boolean" => Want::Bool,
        "i8" | "i16" | "i32" | "i64" | "isize" => Want::Whole,
        "u8" | "u16" | "u32" | "u64" | "usize" => Want::Count,
        "f32" | "f64" => Want::Number,
        "a sequence" => Want::List,
        "a map" => Want::Map(None),
        _ => Want::Map(Some(expected.strip_prefix("struct ")?)),
    })
}

/// A valid value of the kind wanted, close to what was written where it can be.
fn example(want: Want<'_>, key: Option<&str>, found: &str) -> Option<String> {
    let scalar = ["integer ", "floating point ", "boolean "]
        .iter()
        .find_map(|p| found.strip_prefix(p))
        .map(|v| v.trim_matches('`'));
    let text = found.strip_prefix("string \"").and_then(|t| t.strip_suffix('"'));
    let record = |name: &str| RECORDS.iter().find(|(n, _)| *n == name).map(|(_, e)| e.to_string());
    Some(match want {
        // A number or `true` where text belongs: the same, quoted.
        Want::Text => scalar.map_or_else(|| "Some text".into(), |v| format!("\"{v}\"")),
        Want::Date => "2026-11-01".into(),
        Want::Bool => {
            let no = text.is_some_and(|t| ["no", "n", "off", "false"].contains(&t.to_lowercase().as_str()));
            if no { "false" } else { "true" }.into()
        }
        Want::Whole | Want::Count => "10".into(),
        Want::Number => "1.5".into(),
        Want::List => {
            let item = LIST_ITEMS.iter().find(|(k, _)| Some(*k) == key).and_then(|(_, r)| record(r));
            match (item, text.or(scalar)) {
                (Some(item), _) => format!("[{item}]"),
                (None, Some(one)) if !one.contains([',', '[', ']', '{', '}']) => format!("[{one}]"),
                (None, _) => "[first, second]".into(),
            }
        }
        Want::Map(name) => record(name?)?,
    })
}

/// Rust's number types in serde's other messages, in a writer's words.
fn plain_types(message: &str) -> String {
    let Some((head, expected)) = message.rsplit_once("expected ") else { return message.to_string() };
    let plain = match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        _ => return message.to_string(),
    };
    format!("{head}expected {plain}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(m: &str) -> String {
        in_writers_words(m)
    }

    #[test]
    fn numbers_booleans_and_dates_get_an_example_under_their_key() {
        assert_eq!(
            words("weight: invalid type: string \"ten\", expected i64"),
            "weight: found the text \"ten\", expected a whole number, like `weight: 10`"
        );
        assert_eq!(
            words("review_after: invalid type: integer `-5`, expected u32"),
            "review_after: found the number -5, expected a whole number, 0 or more, like `review_after: 10`"
        );
        assert_eq!(
            words("draft: invalid type: string \"yes\", expected a boolean"),
            "draft: found the text \"yes\", expected `true` or `false`, like `draft: true`"
        );
        assert_eq!(
            words("draft: invalid type: string \"No\", expected a boolean"),
            "draft: found the text \"No\", expected `true` or `false`, like `draft: false`"
        );
        assert_eq!(
            words("versions[0].released: invalid type: integer `2025`, expected a string"),
            "versions[0].released: found the number 2025, expected a date, like `released: 2026-11-01`"
        );
        assert_eq!(
            words("version: invalid type: floating point `1.25`, expected a string"),
            "version: found the number 1.25, expected text, like `version: \"1.25\"`"
        );
        assert_eq!(
            words("title: invalid type: unit value, expected a string"),
            "title: found nothing, expected text, like `title: Some text`"
        );
    }

    #[test]
    fn lists_and_maps_get_their_shape() {
        assert_eq!(
            words("stacks: invalid type: string \"go-gin\", expected a sequence"),
            "stacks: found the text \"go-gin\", expected a list, like `stacks: [go-gin]`"
        );
        assert_eq!(
            words("pros: invalid type: map, expected a sequence"),
            "pros: found keys and values, expected a list, like `pros: [first, second]`"
        );
        assert_eq!(
            words("links: invalid type: string \"https://x.org\", expected a sequence"),
            "links: found the text \"https://x.org\", expected a list, \
             like `links: [{ title: Documentation, url: \"https://example.org/\" }]`"
        );
        assert_eq!(
            words("ratings.hiring: invalid type: string \"good\", expected struct Rating"),
            "ratings.hiring: found the text \"good\", expected keys and values, \
             like `hiring: { level: good, reason: One line. }`"
        );
        assert_eq!(
            words("ratings: invalid type: sequence, expected a map"),
            "ratings: found a list, expected keys and values, each `name: value` on a line of its own, \
             indented under `ratings:`"
        );
        assert_eq!(
            words("invalid type: sequence, expected struct SiteConfig"),
            "found a list, expected keys and values, each `name: value` on a line of its own"
        );
        assert_eq!(
            words("stacks[1]: invalid type: map, expected a string"),
            "stacks[1]: found keys and values, expected text, like `- Some text`"
        );
        assert_eq!(
            words("fit.mvp.fit: invalid type: integer `3`, expected good, ok or poor"),
            "fit.mvp.fit: found the number 3, expected good, ok or poor"
        );
        assert_eq!(words("did not find expected key"), "did not find expected key");
        assert_eq!(words("duplicate entry with key \"title\""), "duplicate field `title`");
    }
}

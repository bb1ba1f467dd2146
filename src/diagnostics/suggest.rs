//! "Did you mean": the nearest valid name by edit distance.

/// The candidate closest to `name`, if it is close enough to be a plausible typo.
pub(crate) fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// A hint naming the nearest candidate, or listing the candidates when there are few.
pub(crate) fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if let Some(n) = nearest(name, candidates.iter().copied()) {
        return Some(format!("did you mean `{n}`?"));
    }
    match candidates.len() {
        0 => None,
        1..=8 => Some(format!(
            "expected one of: {}",
            candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let ids = ["go-gin", "node-express", "python-django"];
        assert_eq!(nearest("go-gni", ids), Some("go-gin"));
        assert_eq!(nearest("node-expres", ids), Some("node-express"));
        assert_eq!(nearest("haskell-yesod", ids), None);
    }

    #[test]
    fn lists_few_candidates_when_nothing_is_close() {
        assert_eq!(
            did_you_mean("zzz", ["good", "ok", "poor"]).as_deref(),
            Some("expected one of: `good`, `ok`, `poor`")
        );
        assert_eq!(did_you_mean("god", ["good", "ok"]).as_deref(), Some("did you mean `good`?"));
    }
}

//! Heading ids and address slugs.

/// `"Read replicas & sharding!"` -> `"read-replicas-sharding"`: lowercase letters and digits,
/// words joined by single dashes. Letters outside ASCII are kept.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Read replicas and sharding"), "read-replicas-and-sharding");
        assert_eq!(
            slugify("Step 6: Decide and record it in an ADR"),
            "step-6-decide-and-record-it-in-an-adr"
        );
        assert_eq!(slugify("SQL vs. NoSQL"), "sql-vs-nosql");
        assert_eq!(slugify("  C# & .NET  "), "c-net");
        assert_eq!(slugify("Café au lait"), "café-au-lait");
        assert_eq!(slugify("!!!"), "");
    }
}

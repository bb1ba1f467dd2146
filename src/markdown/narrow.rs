//! A grammar's regular expression with its Unicode character classes narrowed to their ASCII
//! members (`\p{L}` to `[A-Za-z]`, `[\w$]` to `[[A-Za-z0-9_]$]`). On text that is all ASCII the
//! two match exactly the same, and Oniguruma compiles the narrow one many times faster: a
//! class such as `\p{L}` is hundreds of ranges to build for every pattern that names it, and
//! compiling the patterns a block of code meets is most of the time a cold build spends
//! highlighting. build.rs narrows every grammar this way for code without other characters
//! (see `highlight::syntaxes_for`); the tests check that both parse ASCII code alike.
//!
//! Shared by the crate and its build script, so it uses nothing but `std`.

/// The ASCII members of a property named in `\p{...}`, as the inside of a bracket
/// expression; `None` for a property left as it is (still right, only slower to compile).
fn members(property: &str) -> Option<&'static str> {
    Some(match property {
        "L" => "A-Za-z",
        "Lu" => "A-Z",
        "Ll" => "a-z",
        "N" | "Nd" => "0-9",
        _ => return None,
    })
}

/// The ASCII members of `\w`, `\d` and `\s`, which cost as much as a property inside a
/// bracket expression (outside one they compile to a quick test and are left alone).
fn escape_members(c: char) -> Option<&'static str> {
    Some(match c {
        'w' => "A-Za-z0-9_",
        'd' => "0-9",
        's' => "\\t\\n\\x0B\\f\\r ",
        _ => return None,
    })
}

/// `pattern` with its Unicode classes narrowed to ASCII, as a nested bracket expression
/// wherever they stand (Oniguruma's Ruby syntax allows one inside another).
pub(crate) fn narrow(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    // How deep in bracket expressions, and where the current one's first member starts
    // (a `]` there is a member, not its end).
    let mut depth = 0usize;
    let mut first = usize::MAX;
    let mut chars = pattern.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => {
                let Some(&(_, next)) = chars.peek() else {
                    out.push(c);
                    break;
                };
                if matches!(next, 'p' | 'P')
                    && let Some((property, negated, len)) = property_at(&pattern[at..])
                    && let Some(members) = members(property)
                {
                    let negated = negated != (next == 'P');
                    out.push_str(if negated { "[^" } else { "[" });
                    out.push_str(members);
                    out.push(']');
                    // Skip what was read: `p{...}` after the backslash.
                    while chars.peek().is_some_and(|&(i, _)| i < at + len) {
                        chars.next();
                    }
                    continue;
                }
                chars.next();
                match escape_members(next).filter(|_| depth > 0) {
                    Some(members) => {
                        out.push('[');
                        out.push_str(members);
                        out.push(']');
                    }
                    None => {
                        out.push(c);
                        out.push(next);
                    }
                }
            }
            '[' if depth > 0
                && let Some(len) = posix_at(&pattern[at..]) =>
            {
                // A POSIX bracket such as `[:alpha:]`, copied whole.
                let end = at + len;
                out.push_str(&pattern[at..end]);
                while chars.peek().is_some_and(|&(i, _)| i < end) {
                    chars.next();
                }
            }
            '[' => {
                depth += 1;
                out.push(c);
                if let Some(&(_, '^')) = chars.peek() {
                    chars.next();
                    out.push('^');
                }
                first = chars.peek().map_or(usize::MAX, |&(i, _)| i);
            }
            ']' if depth > 0 && at != first => {
                depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The length of the POSIX bracket (`[:alpha:]`, `[:^space:]`) that `text` starts with.
fn posix_at(text: &str) -> Option<usize> {
    let rest = text.strip_prefix("[:")?;
    let name = rest.strip_prefix('^').unwrap_or(rest);
    let letters = name.bytes().take_while(u8::is_ascii_lowercase).count();
    (letters > 0 && name[letters..].starts_with(":]")).then(|| text.len() - name.len() + letters + 2)
}

/// The property named by the `\p{...}` or `\P{...}` that `text` starts with, whether it is
/// negated with `^`, and the length of the whole escape.
fn property_at(text: &str) -> Option<(&str, bool, usize)> {
    let rest = text.get(2..)?.strip_prefix('{')?;
    let end = rest.find('}')?;
    let name = &rest[..end];
    let (name, negated) = match name.strip_prefix('^') {
        Some(name) => (name, true),
        None => (name, false),
    };
    Some((name, negated, 2 + 1 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::narrow;

    #[test]
    fn narrows_properties_anywhere_and_class_escapes_in_brackets() {
        assert_eq!(narrow(r"[_$\p{L}][_$\p{L}\p{N}]*"), r"[_$[A-Za-z]][_$[A-Za-z][0-9]]*");
        assert_eq!(
            narrow(r"(?<![_$\p{L}\p{N}])\p{Lu}\P{Ll}\p{^Nd}"),
            r"(?<![_$[A-Za-z][0-9]])[A-Z][^a-z][^0-9]"
        );
        assert_eq!(narrow(r"[\w$][^\s\d]\w\s"), r"[[A-Za-z0-9_]$][^[\t\n\x0B\f\r ][0-9]]\w\s");
    }

    #[test]
    fn leaves_escaped_backslashes_literal_brackets_and_other_properties() {
        assert_eq!(narrow(r"\\p{L}\[\w\]"), r"\\p{L}\[\w\]");
        assert_eq!(narrow(r"[]\w][^]\d]"), r"[][A-Za-z0-9_]][^][0-9]]");
        assert_eq!(narrow(r"[[:alpha:]\w]\p{M}\p{Greek}"), r"[[:alpha:][A-Za-z0-9_]]\p{M}\p{Greek}");
        assert_eq!(narrow(r"[[:^space:]\d][a[:]\d]"), r"[[:^space:][0-9]][a[:][0-9]]");
        assert_eq!(narrow("é\\"), "é\\");
    }
}

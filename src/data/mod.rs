//! The guide's data files as written: criteria, project types, stack profiles and flowcharts.
//! Each is a typed struct with unknown keys refused (`load` decodes them; cross-references are
//! checked later, in `validate`), and ids follow the rules here.

mod criteria;
mod decision;
mod stack;

pub(crate) use criteria::{Criterion, ProjectType, Weight};
pub(crate) use decision::{DecisionFile, NodeFile};
pub(crate) use stack::{Change, FitLevel, Link, StackFile, Version};

/// Why `slug` cannot name a file that becomes an address, if it cannot: lowercase ASCII
/// letters, digits and single dashes between them.
pub(crate) fn slug_problem(slug: &str) -> Option<&'static str> {
    let plain = !slug.is_empty()
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    (!plain).then_some("use lowercase letters, digits and single `-` between them, e.g. `go-gin`")
}

/// Why `id` cannot be a stack's id, if it cannot: a slug that also splits comparison addresses
/// one way only, so no two pairs of stacks share `/compare/a-vs-b/`.
pub(crate) fn stack_id_problem(id: &str) -> Option<&'static str> {
    slug_problem(id).or_else(|| {
        (id.contains("-vs-") || id.starts_with("vs-") || id.ends_with("-vs")).then_some(
            "`-vs-` joins two stacks in a comparison's address (/compare/a-vs-b/), so a stack id may not contain `-vs-`, start with `vs-` or end with `-vs`",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_address_safe() {
        assert_eq!(stack_id_problem("go-gin"), None);
        assert_eq!(stack_id_problem("node2"), None);
        assert_eq!(slug_problem("sql-vs-nosql"), None, "chapters and flowcharts may say vs");
        for bad in ["", "Go", "go_gin", "-x", "x-", "a--b", "a b", "a-vs-b", "vs-b", "a-vs"] {
            assert!(stack_id_problem(bad).is_some(), "{bad}");
        }
    }
}

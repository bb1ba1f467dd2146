//! Typed indices into the validated site's lists, so that a stack's index cannot stand for a
//! page's. Each serialises as the bare number, as templates and the wizard expect.

use serde::Serialize;

/// Typed indices into the site's lists, so a stack's index cannot stand for a page's. They
/// serialise as the bare number.
macro_rules! index_types {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub usize);
    )*};
}

index_types!(
    /// A page: its index in `Site::pages`.
    PageId,
    /// A stack: its index in `Site::stacks` (sorted by id).
    StackId,
    /// A flowchart: its index in `Site::decisions` (sorted by id).
    DecisionId,
    /// A criterion: its index in `Site::criteria`.
    CriterionId,
    /// A project type: its index in `Site::project_types`.
    ProjectTypeId,
    /// A level: its place on its criterion's scale, least favourable first.
    LevelIndex,
);

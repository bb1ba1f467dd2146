//! Which colour of the theme's code palette each highlighted token takes. syntect names every
//! token by a stack of scopes (`source.python`, `string.quoted.double.python`, ...); the theme
//! colours a handful of them. Instead of one nested `<span>` per scope with every scope's
//! names as classes, each token gets the one short class its colour comes from, worked out
//! here the way CSS would: the innermost scope a rule matches sets the colour, the most
//! specific rule (then the later one) winning; italics and the wavy underline of the comment
//! and invalid rules carry into everything inside them.

use std::collections::HashMap;

use syntect::parsing::{Scope, ScopeStack};

/// The palette: each rule's class and the scope names it matches (all names of one
/// alternative must be in a scope). syntax-light.css and syntax-dark.css colour these classes.
const RULES: &[(&str, &[&[&str]])] = &[
    ("hl-c", &[&["comment"]]),
    ("hl-s", &[&["string"]]),
    ("hl-n", &[&["constant"], &["support"]]),
    ("hl-k", &[&["keyword"], &["storage"]]),
    ("hl-e", &[&["entity", "name"], &["entity", "other", "inherited-class"]]),
    ("hl-v", &[&["variable", "parameter"], &["variable", "other", "member"]]),
    ("hl-t", &[&["entity", "name", "tag"]]),
    ("hl-x", &[&["invalid"]]),
];
const COMMENT: usize = 0;
const INVALID: usize = 7;

/// Works out classes for scope stacks, remembering each scope's rule.
#[derive(Debug, Default)]
pub(super) struct Palette {
    rules: HashMap<Scope, Option<usize>>,
}

impl Palette {
    /// The classes of a token under `stack`, or `None` for plain text.
    pub(super) fn classes(&mut self, stack: &ScopeStack) -> Option<String> {
        let rules: Vec<usize> = stack.as_slice().iter().rev().filter_map(|s| self.rule(*s)).collect();
        let colour = rules.first().copied();
        let italic = rules.contains(&COMMENT) && colour != Some(COMMENT);
        let wavy = rules.contains(&INVALID) && colour != Some(INVALID);
        let mut classes: Vec<&str> = colour.map(|c| RULES[c].0).into_iter().collect();
        classes.extend(italic.then_some("hl-it"));
        classes.extend(wavy.then_some("hl-wavy"));
        (!classes.is_empty()).then(|| classes.join(" "))
    }

    /// The rule that colours `scope`: of those matching it, the most specific, then the last.
    fn rule(&mut self, scope: Scope) -> Option<usize> {
        *self.rules.entry(scope).or_insert_with(|| {
            let name = scope.build_string();
            let atoms: Vec<&str> = name.split('.').collect();
            RULES
                .iter()
                .enumerate()
                .flat_map(|(i, (_, alternatives))| alternatives.iter().map(move |alt| (i, alt)))
                .filter(|(_, alt)| alt.iter().all(|a| atoms.contains(a)))
                .max_by_key(|(i, alt)| (alt.len(), *i))
                .map(|(i, _)| i)
        })
    }
}

/// Highlighted HTML being written: runs of text with the same classes share one span.
#[derive(Debug, Default)]
pub(super) struct Spans {
    html: String,
    open: Option<String>,
}

impl Spans {
    /// Add `text` with `classes`. Whitespace joins the span before it (its colour cannot be
    /// seen) unless that span underlines.
    pub(super) fn push(&mut self, text: &str, classes: Option<String>) {
        if text.is_empty() {
            return;
        }
        let blank = text.chars().all(char::is_whitespace);
        let underlines = |c: &str| c.split(' ').any(|k| k == "hl-x" || k == "hl-wavy");
        let joins = blank && self.open.as_deref().is_some_and(|c| !underlines(c));
        if !joins && self.open != classes {
            self.close();
            if let Some(c) = &classes {
                self.html.push_str(&format!("<span class=\"{c}\">"));
            }
            self.open = classes;
        }
        self.html.push_str(&super::escape(text));
    }

    fn close(&mut self) {
        if self.open.take().is_some() {
            self.html.push_str("</span>");
        }
    }

    pub(super) fn finish(mut self) -> String {
        self.close();
        self.html
    }
}

#[cfg(test)]
mod tests;

//! Which colour of the theme's code palette each highlighted token takes. syntect names every
//! token by a stack of scopes (`source.python`, `string.quoted.double.python`, ...); the theme
//! colours a handful of them. Instead of one nested `<span>` per scope with every scope's
//! names as classes, each token gets the one short class its colour comes from, worked out
//! here the way CSS would: the innermost scope a rule matches sets the colour, the most
//! specific rule (then the later one) winning; italics and the wavy underline of the comment
//! and invalid rules carry into everything inside them.

use std::cell::RefCell;
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
const COMMENT: u8 = 0;
const INVALID: u8 = 7;

/// How a token looks: the rule its colour comes from, and the italics and wavy underline it
/// takes from a comment or an invalid token around it. The default is plain text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Look {
    colour: Option<u8>,
    italic: bool,
    wavy: bool,
}

impl Look {
    /// The look of a token under `stack`: the innermost coloured scope's rule sets the colour.
    pub(super) fn of(stack: &ScopeStack) -> Look {
        RULE_OF.with_borrow_mut(|rules| {
            let mut look = Look::default();
            for &scope in stack.as_slice().iter().rev() {
                let Some(rule) = *rules.entry(scope).or_insert_with(|| rule(scope)) else { continue };
                if look.colour.is_none() {
                    look.colour = Some(rule);
                } else {
                    look.italic |= rule == COMMENT && look.colour != Some(COMMENT);
                    look.wavy |= rule == INVALID && look.colour != Some(INVALID);
                }
            }
            look
        })
    }

    fn is_plain(self) -> bool {
        self == Look::default()
    }

    fn underlines(self) -> bool {
        self.colour == Some(INVALID) || self.wavy
    }

    /// The opening tag of a span in this look.
    fn open(self, html: &mut String) {
        html.push_str("<span class=\"");
        let classes = self.colour.map(|c| RULES[usize::from(c)].0).into_iter();
        let classes = classes.chain(self.italic.then_some("hl-it")).chain(self.wavy.then_some("hl-wavy"));
        for (n, class) in classes.enumerate() {
            if n > 0 {
                html.push(' ');
            }
            html.push_str(class);
        }
        html.push_str("\">");
    }
}

thread_local! {
    /// Each scope's rule, worked out once per thread: syntect's scope names sit behind one lock.
    static RULE_OF: RefCell<HashMap<Scope, Option<u8>>> = RefCell::default();
}

/// The rule that colours `scope`: of those matching it, the most specific, then the last.
fn rule(scope: Scope) -> Option<u8> {
    let name = scope.build_string();
    let atoms: Vec<&str> = name.split('.').collect();
    RULES
        .iter()
        .zip(0..)
        .flat_map(|((_, alternatives), i)| alternatives.iter().map(move |alt| (i, alt)))
        .filter(|(_, alt)| alt.iter().all(|a| atoms.contains(a)))
        .max_by_key(|(i, alt)| (alt.len(), *i))
        .map(|(i, _)| i)
}

/// Highlighted HTML being written: runs of text that look the same share one span.
#[derive(Debug, Default)]
pub(super) struct Spans {
    html: String,
    /// The look of the open span; plain text has none.
    open: Look,
}

impl Spans {
    /// Add `text` in `look`. Whitespace joins the span before it (its colour cannot be seen)
    /// unless that span underlines.
    pub(super) fn push(&mut self, text: &str, look: Look) {
        if text.is_empty() {
            return;
        }
        let blank = text.chars().all(char::is_whitespace);
        let joins = blank && !self.open.is_plain() && !self.open.underlines();
        if !joins && self.open != look {
            self.close();
            if !look.is_plain() {
                look.open(&mut self.html);
            }
            self.open = look;
        }
        super::escape_into(&mut self.html, text);
    }

    fn close(&mut self) {
        if !std::mem::take(&mut self.open).is_plain() {
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

//! A rendered body moved into the print page: every id it holds is prefixed with its page's
//! anchor (so ids stay unique on the one page), every reference to an id follows (`href="#…"`,
//! `aria-labelledby`, `url(#…)` in SVG), links to printed pages become links to their anchors,
//! other links into the site become absolute (they mean something on paper), and headings move
//! down by `demote` levels under the page's own title. The HTML is the render stage's own
//! output, read with a streaming tokenizer (lol_html), so nothing is rendered twice.

use std::collections::HashMap;

use lol_html::html_content::Element;
use lol_html::{RewriteStrSettings, element, rewrite_str};

use crate::config::BaseUrl;
use crate::markdown::escape;

/// Where links into the site go on the print page.
#[derive(Debug, Default)]
pub(crate) struct Targets {
    /// A printed page's link (`/guide/a/`, as rendered) -> its anchor on the print page.
    pub anchors: HashMap<String, String>,
}

impl Targets {
    /// The print page's `href` for `href`, written on the page of anchor `prefix`.
    pub(crate) fn href(&self, base: &BaseUrl, prefix: &str, href: &str) -> String {
        if let Some(frag) = href.strip_prefix('#') {
            return format!("#{}", inner(prefix, frag));
        }
        let (path, frag) = href.split_once('#').map_or((href, None), |(p, f)| (p, Some(f)));
        if let Some(anchor) = self.anchors.get(path) {
            return match frag {
                Some(f) if !f.is_empty() => format!("#{}", inner(anchor, f)),
                _ => format!("#{anchor}"),
            };
        }
        match href.strip_prefix(base.path.as_str()) {
            Some(rest) if href.starts_with('/') => base.absolute(rest),
            _ => href.to_string(),
        }
    }
}

/// The id on the print page of id `id` of the page whose anchor is `prefix`: joined by `_`,
/// which no anchor holds.
pub(crate) fn inner(prefix: &str, id: &str) -> String {
    format!("{prefix}_{id}")
}

/// Attributes that hold a space-separated list of ids.
const ID_LISTS: [&str; 5] = ["aria-labelledby", "aria-describedby", "aria-controls", "headers", "for"];
/// SVG attributes that may point at an id with `url(#…)`.
const URL_REFS: [&str; 7] =
    ["marker-start", "marker-mid", "marker-end", "fill", "stroke", "clip-path", "mask"];

/// How a body is moved: under which anchor, by how many heading levels, and the title of its
/// page (which names its regions apart from other pages' regions of the same name).
pub(crate) struct Placement<'a> {
    pub prefix: &'a str,
    pub demote: u8,
    pub title: &'a str,
}

/// `html`, rewritten for the print page at `at`.
pub(crate) fn rewrite(html: &str, at: &Placement<'_>, targets: &Targets, base: &BaseUrl) -> String {
    let handler = |el: &mut Element<'_, '_>| {
        fix_element(el, at, targets, base);
        Ok(())
    };
    let settings = RewriteStrSettings {
        element_content_handlers: vec![element!("*", handler)],
        ..RewriteStrSettings::new()
    };
    // The input is the render stage's own HTML; should the tokenizer still refuse it, the print
    // page keeps the body as it was rather than losing it.
    rewrite_str(html, settings).unwrap_or_else(|_| html.to_string())
}

fn fix_element(el: &mut Element<'_, '_>, at: &Placement<'_>, targets: &Targets, base: &BaseUrl) {
    let (prefix, demote) = (at.prefix, at.demote);
    // Read once: most elements have no attribute or one, and this asks about sixteen names.
    let attributes: Vec<(String, String)> = el.attributes().iter().map(|a| (a.name(), a.value())).collect();
    let get = |name: &str| attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let mut changes: Vec<(&str, String)> = Vec::new();
    if get("role") == Some("region")
        && let Some(label) = get("aria-label")
    {
        // A page's regions ("Comparison") meet other pages' regions of the same name here.
        // Attribute values are written as they are given (entities and all), so the title is
        // escaped.
        changes.push(("aria-label", format!("{label} ({})", escape(at.title))));
    }
    if let Some(id) = get("id") {
        changes.push(("id", inner(prefix, id)));
    }
    for name in ID_LISTS {
        if let Some(list) = get(name) {
            let ids: Vec<String> = list.split_whitespace().map(|id| inner(prefix, id)).collect();
            changes.push((name, ids.join(" ")));
        }
    }
    for name in ["href", "xlink:href"] {
        if let Some(href) = get(name) {
            changes.push((name, targets.href(base, prefix, href)));
        }
    }
    for name in URL_REFS {
        if let Some(value) = get(name).filter(|v| v.starts_with("url(#")) {
            let id = value.trim_start_matches("url(#").trim_end_matches(')');
            changes.push((name, format!("url(#{})", inner(prefix, id))));
        }
    }
    for (name, value) in changes {
        // Names are fixed and valid, so setting them cannot fail.
        let _ = el.set_attribute(name, &value);
    }
    let tag = el.tag_name();
    if let Some(level) =
        tag.strip_prefix('h').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=6).contains(n))
    {
        let _ = el.set_tag_name(&format!("h{}", (level + demote).min(6)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> Targets {
        let mut t = Targets::default();
        t.anchors.insert("/docs/guide/a/".into(), "p.guide.a".into());
        t
    }

    #[test]
    fn ids_and_references_are_prefixed_and_headings_move_down() {
        let base = BaseUrl::parse("https://example.org/docs/").unwrap();
        let html = "<h2 id=\"intro\"><a class=\"heading-link\" href=\"#intro\">Intro</a></h2>\
            <svg role=\"group\" aria-labelledby=\"t x\"><title id=\"t\">T</title><path marker-end=\"url(#arrow)\" fill=\"none\"/></svg>\
            <h6 id=\"deep\">Deep</h6><div class=\"table-scroll\" role=\"region\" aria-label=\"Comparison\"></div>";
        let at = Placement { prefix: "p.guide.b", demote: 1, title: "B <&>" };
        let out = rewrite(html, &at, &targets(), &base);
        assert_eq!(
            out,
            "<h3 id=\"p.guide.b_intro\"><a class=\"heading-link\" href=\"#p.guide.b_intro\">Intro</a></h3>\
            <svg role=\"group\" aria-labelledby=\"p.guide.b_t p.guide.b_x\"><title id=\"p.guide.b_t\">T</title><path marker-end=\"url(#p.guide.b_arrow)\" fill=\"none\" /></svg>\
            <h6 id=\"p.guide.b_deep\">Deep</h6><div class=\"table-scroll\" role=\"region\" aria-label=\"Comparison (B &lt;&amp;&gt;)\"></div>"
        );
    }

    #[test]
    fn links_to_printed_pages_become_anchors_and_others_absolute() {
        let base = BaseUrl::parse("https://example.org/docs/").unwrap();
        let t = targets();
        assert_eq!(t.href(&base, "p.x", "/docs/guide/a/"), "#p.guide.a");
        assert_eq!(t.href(&base, "p.x", "/docs/guide/a/#part"), "#p.guide.a_part");
        assert_eq!(t.href(&base, "p.x", "/docs/compare/a-vs-b/"), "https://example.org/docs/compare/a-vs-b/");
        assert_eq!(t.href(&base, "p.x", "https://rust-lang.org/"), "https://rust-lang.org/");
        assert_eq!(t.href(&base, "p.x", "mailto:a@example.org"), "mailto:a@example.org");
        assert_eq!(t.href(&base, "p.x", "#top"), "#p.x_top");
    }
}

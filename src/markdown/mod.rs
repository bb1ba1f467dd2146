//! Markdown to HTML: pulldown-cmark once per file, producing the HTML with rewritten links, the
//! table of contents, the heading anchors, every link with its position, and the directive
//! blocks (```stack, ```compare, ```decision) as placeholders for the render stage.

pub mod highlight;
mod slug;

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

pub use slug::slugify;

/// Ids the page template uses itself; headings never take them.
const RESERVED_IDS: &[&str] =
    &["main", "content", "sidebar", "toc", "search", "top", "nav", "menu", "footnotes"];

/// The kinds of fenced block that embed data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DirectiveKind {
    Stack,
    Compare,
    Decision,
}

/// A directive block: its kind, its text, and the byte offset of the text within the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    pub body: String,
    pub offset: usize,
}

/// An entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link as written, with the byte range of the link in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    pub dest: String,
    pub offset: usize,
    pub len: usize,
}

/// A code block whose language no syntax knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLanguage {
    pub lang: String,
    pub offset: usize,
}

/// What one Markdown body turns into.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML with `<!--directive:N-->` where directive N goes.
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub anchors: HashSet<String>,
    pub links: Vec<LinkRef>,
    pub directives: Vec<Directive>,
    pub unknown_languages: Vec<UnknownLanguage>,
    /// The prose without markup or code, for search.
    pub text: String,
}

/// The placeholder for directive `n` in [`Rendered::html`].
pub fn placeholder(n: usize) -> String {
    format!("<!--directive:{n}-->")
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Render `body`; `rewrite` turns a link as written into the href to emit.
pub fn render(body: &str, rewrite: &dyn Fn(&str) -> String) -> Rendered {
    let mut out = Rendered::default();
    let mut used: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut iter = Parser::new_ext(body, options()).into_offset_iter();
    while let Some((event, range)) = iter.next() {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let mut inner = Vec::new();
                let mut has_link = false;
                for (e, _) in iter.by_ref() {
                    match e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Start(Tag::Link { .. }) => has_link = true,
                        _ => {}
                    }
                    inner.push(e);
                }
                let title = plain_text(&inner);
                let wanted = id.map(|i| i.to_string()).unwrap_or_else(|| slugify(&title));
                let id = unique_id(&wanted, &mut used);
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    out.toc.push(TocEntry { level: level as u8, id: id.clone(), title: title.clone() });
                }
                out.anchors.insert(id.clone());
                let class = if classes.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", escape(&classes.join(" ")))
                };
                let _ = attrs;
                let tag = format!("h{}", level as u8);
                events.push(Event::Html(format!("<{tag} id=\"{}\"{class}>", escape(&id)).into()));
                if !has_link {
                    events.push(Event::Html(
                        format!("<a class=\"heading-link\" href=\"#{}\">", escape(&id)).into(),
                    ));
                }
                out.text.push_str(&title);
                out.text.push('\n');
                events.extend(inner);
                if !has_link {
                    events.push(Event::Html("</a>".into()));
                }
                events.push(Event::Html(format!("</{tag}>\n").into()));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                let mut code_offset = None;
                for (e, r) in iter.by_ref() {
                    match e {
                        Event::Text(t) => {
                            code_offset.get_or_insert(r.start);
                            code.push_str(&t);
                        }
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                let offset = code_offset.unwrap_or(range.start);
                let kind = match lang.as_str() {
                    "stack" => Some(DirectiveKind::Stack),
                    "compare" => Some(DirectiveKind::Compare),
                    "decision" => Some(DirectiveKind::Decision),
                    _ => None,
                };
                if let Some(kind) = kind {
                    events.push(Event::Html(format!("{}\n", placeholder(out.directives.len())).into()));
                    out.directives.push(Directive {
                        kind,
                        body: code,
                        offset: if code_offset.is_some() { offset } else { range.start },
                    });
                    continue;
                }
                let html = highlight::highlight(&code, &lang).unwrap_or_else(|| {
                    out.unknown_languages.push(UnknownLanguage { lang: lang.clone(), offset: range.start });
                    highlight::plain(&code, &lang)
                });
                events.push(Event::Html(html.into()));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                out.links.push(LinkRef { dest: dest_url.to_string(), offset: range.start, len: range.len() });
                let href = rewrite(&dest_url);
                events.push(Event::Start(Tag::Link { link_type, dest_url: CowStr::from(href), title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                out.links.push(LinkRef { dest: dest_url.to_string(), offset: range.start, len: range.len() });
                let href = rewrite(&dest_url);
                events.push(Event::Start(Tag::Image { link_type, dest_url: CowStr::from(href), title, id }));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                out.text.push_str(t);
                events.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                out.text.push('\n');
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                out.text.push(' ');
                events.push(event);
            }
            _ => events.push(event),
        }
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            s.push_str(t);
        }
    }
    s.trim().to_string()
}

fn unique_id(wanted: &str, used: &mut HashSet<String>) -> String {
    let base = if wanted.is_empty() { "section" } else { wanted };
    let mut id = base.to_string();
    let mut n = 1;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// Escape text for HTML content and attribute values: the one HTML escaper of the crate (code
/// blocks, headings, flowchart SVG, the sitemap); Tera's autoescape covers the templates.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;

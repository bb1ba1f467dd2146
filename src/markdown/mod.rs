//! Markdown to HTML: pulldown-cmark once per file, producing the HTML with rewritten links, the
//! table of contents, the heading anchors, every link with its position, and the directive
//! blocks (```stack, ```compare, ```decision) with the places in the HTML where the render stage
//! puts them. GitHub's alerts (`> [!NOTE]`...) become callouts (`callout`).

mod callout;
pub(crate) mod highlight;
// Compiled by build.rs, which narrows the grammars; the crate only tests it.
#[cfg(test)]
mod narrow;
mod palette;
mod slug;

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

pub use highlight::Highlighter;
pub(crate) use slug::slugify;

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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    /// The HTML without the directive blocks; [`Rendered::segments`] says where each one goes.
    pub html: String,
    /// Where directive N goes: a byte offset into `html`, in order. Positions, not marker text,
    /// so nothing a writer types (such as an HTML comment) can take an embed's place.
    pub embed_at: Vec<usize>,
    pub toc: Vec<TocEntry>,
    pub anchors: HashSet<String>,
    pub links: Vec<LinkRef>,
    pub directives: Vec<Directive>,
    pub unknown_languages: Vec<UnknownLanguage>,
    /// Where each table header cell without text starts (a screen reader announces nothing
    /// for its column).
    pub empty_headers: Vec<usize>,
    /// The prose without markup or code, for search.
    pub text: String,
}

/// A piece of a rendered body, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// HTML from the Markdown.
    Html(&'a str),
    /// Where directive N (of [`Rendered::directives`]) goes.
    Embed(usize),
}

impl Rendered {
    /// The body as HTML, embed 0, HTML, embed 1, ... HTML (empty HTML pieces are left out).
    pub fn segments(&self) -> impl Iterator<Item = Segment<'_>> {
        let ends = self.embed_at.iter().copied().chain([self.html.len()]);
        let starts = [0].into_iter().chain(self.embed_at.iter().copied());
        starts.zip(ends).enumerate().flat_map(move |(n, (start, end))| {
            let html = self.html.get(start..end).filter(|h| !h.is_empty()).map(Segment::Html);
            html.into_iter().chain((n < self.embed_at.len()).then_some(Segment::Embed(n)))
        })
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        // GitHub's alerts: `> [!NOTE]` opens a block quote of that kind.
        | Options::ENABLE_GFM
}

/// Render `body`; `rewrite` turns a link as written into the href to emit.
pub fn render(body: &str, rewrite: &dyn Fn(&str) -> String, highlighter: &Highlighter) -> Rendered {
    run(body, Some(rewrite), highlighter)
}

/// Everything [`render`] finds in `body` but the HTML: the table of contents, anchors, links,
/// directives, code in unknown languages and the prose. Nothing is highlighted, so it costs a
/// fraction of a rendering; `html` and `embed_at` stay empty.
pub(crate) fn outline(body: &str, highlighter: &Highlighter) -> Rendered {
    run(body, None, highlighter)
}

/// One pass of pulldown-cmark over `body`; HTML is written when there is a `rewrite`.
fn run(body: &str, rewrite: Option<&dyn Fn(&str) -> String>, highlighter: &Highlighter) -> Rendered {
    let mut r = Renderer {
        out: Rendered::default(),
        used: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
        pieces: Vec::new(),
        rewrite,
        highlighter,
        header: None,
    };
    let mut iter = Parser::new_ext(body, options()).into_offset_iter();
    while let Some((event, range)) = iter.next() {
        match event {
            Event::Start(Tag::Heading { level, id, classes, .. }) => {
                r.heading(level, id, &classes, &mut iter)
            }
            Event::Start(Tag::CodeBlock(kind)) => r.code_block(&kind, range.start, &mut iter),
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => r.link(tag, range),
            Event::Start(Tag::BlockQuote(Some(kind))) => r.html(callout::open(kind)),
            Event::End(TagEnd::BlockQuote(Some(_))) => r.html(callout::CLOSE.into()),
            event => {
                r.watch_header(&event, range.start);
                r.event(event)
            }
        }
    }
    r.finish()
}

/// What the renderer emits: Markdown events, and the places of directive blocks.
enum Piece<'a> {
    Event(Event<'a>),
    Embed,
}

/// One body being rendered: the result so far, the heading ids taken, and what to write.
struct Renderer<'a, 'r> {
    out: Rendered,
    used: HashSet<String>,
    pieces: Vec<Piece<'a>>,
    /// How links are written; `None` when no HTML is (an outline).
    rewrite: Option<&'r dyn Fn(&str) -> String>,
    highlighter: &'r Highlighter,
    /// Inside a table's header row: where the open cell starts, and whether it has text.
    header: Option<Option<(usize, bool)>>,
}

impl<'a> Renderer<'a, '_> {
    fn writes(&self) -> bool {
        self.rewrite.is_some()
    }

    fn html(&mut self, html: String) {
        if self.writes() {
            self.pieces.push(Piece::Event(Event::Html(html.into())));
        }
    }

    /// Notes a table header cell with no text (see [`Rendered::empty_headers`]).
    fn watch_header(&mut self, event: &Event<'_>, at: usize) {
        match (event, &mut self.header) {
            (Event::Start(Tag::TableHead), h) => *h = Some(None),
            (Event::End(TagEnd::TableHead), h) => *h = None,
            (Event::Start(Tag::TableCell), Some(cell)) => *cell = Some((at, false)),
            (
                Event::Text(_) | Event::Code(_) | Event::Html(_) | Event::InlineHtml(_),
                Some(Some((_, seen))),
            ) => *seen = true,
            (Event::End(TagEnd::TableCell), Some(cell)) => {
                if let Some((start, false)) = cell.take() {
                    self.out.empty_headers.push(start);
                }
            }
            _ => {}
        }
    }

    /// An event passed through, its prose kept for search.
    fn event(&mut self, event: Event<'a>) {
        match &event {
            Event::Text(t) | Event::Code(t) => self.out.text.push_str(t),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => self.out.text.push('\n'),
            Event::SoftBreak | Event::HardBreak => self.out.text.push(' '),
            _ => {}
        }
        if self.writes() {
            self.pieces.push(Piece::Event(event));
        }
    }

    /// A heading: a unique id (its own `{#id}` or its slug), a self-link unless it holds a
    /// link, and an entry in the table of contents for levels 2 and 3.
    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: &[CowStr<'a>],
        iter: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    ) {
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
        let id = unique_id(&wanted, &mut self.used);
        if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
            self.out.toc.push(TocEntry { level: level as u8, id: id.clone(), title: title.clone() });
        }
        self.out.anchors.insert(id.clone());
        let class = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", escape(&classes.join(" ")))
        };
        let tag = format!("h{}", level as u8);
        self.html(format!("<{tag} id=\"{}\"{class}>", escape(&id)));
        if !has_link {
            self.html(format!("<a class=\"heading-link\" href=\"#{}\">", escape(&id)));
        }
        self.out.text.push_str(&title);
        self.out.text.push('\n');
        if self.writes() {
            self.pieces.extend(inner.into_iter().map(Piece::Event));
        }
        if !has_link {
            self.html("</a>".into());
        }
        self.html(format!("</{tag}>\n"));
    }

    /// A fenced or indented code block: a directive, or highlighted code.
    fn code_block(
        &mut self,
        kind: &CodeBlockKind<'a>,
        start: usize,
        iter: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    ) {
        let lang = match kind {
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
        if let Some(kind) = directive_kind(&lang) {
            self.directive(kind, code, code_offset.unwrap_or(start));
            return;
        }
        if !self.writes() {
            if !self.highlighter.knows(&code, &lang) {
                self.out.unknown_languages.push(UnknownLanguage { lang, offset: start });
            }
            return;
        }
        let html = self.highlighter.highlight(&code, &lang).unwrap_or_else(|| {
            self.out.unknown_languages.push(UnknownLanguage { lang: lang.clone(), offset: start });
            highlight::plain(&code, &lang)
        });
        self.html(html);
    }

    /// A directive block: its place is kept, the render stage puts the embed there.
    fn directive(&mut self, kind: DirectiveKind, body: String, offset: usize) {
        if self.writes() {
            self.pieces.push(Piece::Embed);
        }
        self.out.directives.push(Directive { kind, body, offset });
    }

    /// A link or an image: recorded as written, emitted with its rewritten address.
    fn link(&mut self, tag: Tag<'a>, range: Range<usize>) {
        if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &tag {
            self.out.links.push(LinkRef {
                dest: dest_url.to_string(),
                offset: range.start,
                len: range.len(),
            });
        }
        let Some(rewrite) = self.rewrite else { return };
        let tag = match tag {
            Tag::Link { link_type, dest_url, title, id } => {
                Tag::Link { link_type, dest_url: rewrite(&dest_url).into(), title, id }
            }
            Tag::Image { link_type, dest_url, title, id } => {
                Tag::Image { link_type, dest_url: rewrite(&dest_url).into(), title, id }
            }
            other => other,
        };
        self.pieces.push(Piece::Event(Event::Start(tag)));
    }

    /// Write the HTML, noting the byte offset of each directive as the writer reaches it.
    fn finish(mut self) -> Rendered {
        if !self.writes() {
            return self.out;
        }
        let written = Cell::new(0);
        let mut embed_at = Vec::new();
        let events = self.pieces.into_iter().map(|piece| match piece {
            Piece::Event(e) => e,
            // Everything before this piece has been written: the embed goes here, and a line
            // break after it keeps the HTML writer's view of line starts.
            Piece::Embed => {
                embed_at.push(written.get());
                Event::Html("\n".into())
            }
        });
        let mut sink = Counting { html: &mut self.out.html, written: &written };
        // Writing into a String cannot fail.
        let _ = pulldown_cmark::html::write_html_fmt(&mut sink, events);
        self.out.embed_at = embed_at;
        self.out
    }
}

/// A `String` that publishes its length after every write, for [`Renderer::finish`].
struct Counting<'s> {
    html: &'s mut String,
    written: &'s Cell<usize>,
}

/// How a Markdown table opens: it scrolls sideways on a narrow screen, so the keyboard must be
/// able to reach it (the HTML writer opens every table with exactly `<table>`).
const TABLE: (&str, &str) = ("<table>", "<table tabindex=\"0\">");

impl fmt::Write for Counting<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.html.push_str(if s == TABLE.0 { TABLE.1 } else { s });
        self.written.set(self.html.len());
        Ok(())
    }
}

fn directive_kind(lang: &str) -> Option<DirectiveKind> {
    match lang {
        "stack" => Some(DirectiveKind::Stack),
        "compare" => Some(DirectiveKind::Compare),
        "decision" => Some(DirectiveKind::Decision),
        _ => None,
    }
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
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// `s` escaped for HTML text and attribute values, added to `out`.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    let mut from = 0;
    for (at, byte) in s.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..at]);
        out.push_str(entity);
        from = at + 1;
    }
    out.push_str(&s[from..]);
}

#[cfg(test)]
mod tests;

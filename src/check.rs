//! `stackguide check`: links and anchors in the rendered pages, and pages that nothing links to.
//! Markdown links are already checked at their source; this catches the rest (templates, raw
//! HTML in Markdown, data-driven links) by reading the HTML the build would write.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use lol_html::{HtmlRewriter, Settings, element};

use crate::config::BaseUrl;
use crate::diagnostics::Diagnostic;
use crate::link::{Href, resolve_href};
use crate::output::OutputFile;

/// The ids and the outgoing links of one HTML page.
#[derive(Debug, Default)]
struct Scan {
    ids: HashSet<String>,
    links: Vec<String>,
}

/// The elements whose address attribute points at another page or file.
const LINKING: &str =
    "a[href], link[href], area[href], img[src], script[src], iframe[src], source[src], form[action]";

fn scan(html: &str) -> Scan {
    let scan = RefCell::new(Scan::default());
    let mut rewriter = HtmlRewriter::new(
        Settings {
            element_content_handlers: vec![
                element!("[id]", |el| {
                    if let Some(id) = el.get_attribute("id") {
                        scan.borrow_mut().ids.insert(id);
                    }
                    Ok(())
                }),
                element!(LINKING, |el| {
                    if let Some(link) =
                        ["href", "src", "action"].into_iter().find_map(|a| el.get_attribute(a))
                    {
                        scan.borrow_mut().links.push(link);
                    }
                    Ok(())
                }),
            ],
            ..Settings::new()
        },
        |_: &[u8]| {},
    );
    // The scan only reads; malformed HTML is still tokenised, so errors cannot occur here.
    let _ = rewriter.write(html.as_bytes()).and_then(|_| rewriter.end());
    scan.into_inner()
}

/// Check every internal link and anchor of the rendered `files`; warn about pages no other page
/// links to. Problems are reported at the page's source file.
pub(crate) fn check_output(files: &[OutputFile], base: &BaseUrl) -> Vec<Diagnostic> {
    let exists: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let pages: BTreeMap<&str, (Scan, Option<&PathBuf>)> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| Some((f.path.as_str(), (scan(f.text_contents()?), f.source.as_ref()))))
        .collect();
    let mut out = Vec::new();
    let mut linked: HashMap<String, usize> = HashMap::new();
    // A broken link in a template is on every page: each problem is reported once, with the
    // pages it is on, at the first page's source.
    let mut problems: BTreeMap<String, Vec<(&str, Option<&PathBuf>)>> = BTreeMap::new();
    for (page, (scan, source)) in &pages {
        let mut seen = HashSet::new();
        for link in &scan.links {
            if !seen.insert(link) {
                continue;
            }
            let problem = match resolve_href(base, page, link) {
                Ok(None) => None,
                Err(message) => Some(format!("link to {message}")),
                Ok(Some(Href { file, .. })) if !exists.contains(file.as_str()) => {
                    Some(format!("link to `{link}`, which does not exist"))
                }
                Ok(Some(Href { file, fragment })) => {
                    if file != *page {
                        *linked.entry(file.clone()).or_default() += 1;
                    }
                    let missing = fragment
                        .filter(|f| !pages.get(file.as_str()).is_some_and(|(s, _)| s.ids.contains(f)));
                    missing.map(|f| format!("link to `{link}`, but `/{file}` has no id `{f}`"))
                }
            };
            if let Some(p) = problem {
                problems.entry(p).or_default().push((page, *source));
            }
        }
    }
    for (message, on) in problems {
        let (first, source) = on[0];
        let shown = source.map_or_else(|| PathBuf::from("public").join(first), |s| s.clone());
        let help = match on.len() {
            1 => format!("in the page `/{first}`"),
            n => format!("in {n} pages, among them `/{first}`; a link in a template is on every page"),
        };
        out.push(Diagnostic::error(&shown, message).with_help(help));
    }
    for (page, (_, source)) in &pages {
        if *page == "index.html" || *page == "404.html" || linked.contains_key(*page) {
            continue;
        }
        let shown = source.map_or_else(|| PathBuf::from("public").join(page), |s| s.clone());
        let address = crate::routes::address_of(page);
        out.push(
            Diagnostic::warning(&shown, format!("no page links to `/{address}`")).with_help(
                "link to it from a chapter, or it can only be found through search and the sitemap",
            ),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn page(path: &str, html: &str) -> OutputFile {
        OutputFile::text(path, html.to_string()).from_source(Path::new(&format!("content/{path}.md")))
    }

    #[test]
    fn finds_ids_and_links_in_real_html() {
        let s = scan(
            "<a href=\"/a/\">x</a><h2 id=\"top\">T</h2><img src='/i.png'><a name=x>no href</a><link rel=stylesheet href=/s.css>",
        );
        assert_eq!(s.links, ["/a/", "/i.png", "/s.css"]);
        assert!(s.ids.contains("top"));
    }

    #[test]
    fn reports_missing_pages_anchors_escapes_and_orphans() {
        let base = BaseUrl::parse("https://e.org/docs/").unwrap();
        let files = vec![
            page(
                "index.html",
                "<a href=\"/docs/a/\">a</a><a href=\"/docs/a/#there\">b</a><a href=\"/docs/missing/\">c</a><a href=\"/elsewhere/\">d</a><a href=\"https://x.org/\">e</a><a href=\"#top\">f</a><p id=\"top\"></p>",
            ),
            page("a/index.html", "<h2 id=\"here\">H</h2><a href=\"../\">up</a><a href=\"b.txt\">file</a>"),
            OutputFile::text("a/b.txt", "x".into()),
            page("orphan/index.html", "<a href=\"/docs/\">home</a>"),
        ];
        let messages: Vec<String> = check_output(&files, &base).iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "content/index.html.md: error: link to `/docs/a/#there`, but `/a/index.html` has no id `there` (help: in the page `/index.html`)",
                "content/index.html.md: error: link to `/docs/missing/`, which does not exist (help: in the page `/index.html`)",
                "content/index.html.md: error: link to `/elsewhere/`, outside the site's base path `/docs/` (help: in the page `/index.html`)",
                "content/orphan/index.html.md: warning: no page links to `/orphan/` (help: link to it from a chapter, or it can only be found through search and the sitemap)",
            ]
        );
    }
}

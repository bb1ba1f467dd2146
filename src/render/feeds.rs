//! Files for search engines: sitemap.xml and robots.txt; and the XML escaping the Atom feed shares.

use crate::markdown;
use crate::model::Site;
use crate::routes::{Route, SITEMAP_URLS};

/// The sitemap: every page of the route table, or on a site of more than [`SITEMAP_URLS`]
/// pages, an index of the sitemaps that list them.
pub(super) fn sitemap(site: &Site) -> String {
    let entries = entries(site);
    if entries.len() <= SITEMAP_URLS {
        return urlset(&entries);
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for n in 1..=entries.len().div_ceil(SITEMAP_URLS) {
        let loc = site.base.absolute(&format!("sitemap-{n}.xml"));
        xml.push_str(&format!("  <sitemap><loc>{}</loc></sitemap>\n", xml_escape(&loc)));
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// Sitemap `n` (from 1) of a site whose sitemap is an index.
pub(super) fn sitemap_part(site: &Site, n: usize) -> String {
    let entries = entries(site);
    let start = (n.saturating_sub(1) * SITEMAP_URLS).min(entries.len());
    urlset(&entries[start..(start + SITEMAP_URLS).min(entries.len())])
}

/// Every page's absolute address, sorted, with `lastmod` where the page says when it was
/// updated.
fn entries(site: &Site) -> Vec<(String, Option<&str>)> {
    let mut entries: Vec<(String, Option<&str>)> = site
        .routes
        .listed_pages()
        .map(|(address, route)| {
            let updated = match route {
                Route::Page(i) => site.page(i).updated.as_deref(),
                _ => None,
            };
            (site.base.absolute(address), updated)
        })
        .collect();
    entries.sort();
    entries
}

fn urlset(entries: &[(String, Option<&str>)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, updated) in entries {
        xml.push_str(&format!("  <url><loc>{}</loc>", xml_escape(loc)));
        if let Some(u) = updated {
            xml.push_str(&format!("<lastmod>{}</lastmod>", xml_escape(u)));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Allow everything and point at the sitemap.
pub(super) fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.base.absolute("sitemap.xml"))
}

/// `text` escaped for XML (the sitemap and the Atom feed), without the control characters XML
/// 1.0 cannot hold (YAML's `"\x01"` can).
pub(super) fn xml_escape(text: &str) -> String {
    let allowed = |c: &char| !c.is_control() || matches!(c, '\t' | '\n' | '\r') || u32::from(*c) >= 0x80;
    markdown::escape(&text.chars().filter(allowed).collect::<String>())
}

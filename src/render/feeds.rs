//! Files for search engines: sitemap.xml and robots.txt.

use crate::markdown::escape;
use crate::model::Site;
use crate::routes::Route;

/// Every page of the route table by its absolute address, sorted, with `lastmod` where the
/// page says when it was updated.
pub(super) fn sitemap(site: &Site) -> String {
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
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, updated) in entries {
        xml.push_str(&format!("  <url><loc>{}</loc>", escape(&loc)));
        if let Some(u) = updated {
            xml.push_str(&format!("<lastmod>{}</lastmod>", escape(u)));
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

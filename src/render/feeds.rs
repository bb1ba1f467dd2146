//! Files for search engines: sitemap.xml and robots.txt.

use std::collections::HashMap;

use crate::markdown::escape;
use crate::model::Site;

/// Every page's absolute address, sorted, with `lastmod` where the page says when it was updated.
pub(super) fn sitemap(site: &Site, addresses: &[String]) -> String {
    let updated: HashMap<&str, &str> =
        site.pages.iter().filter_map(|p| Some((p.address.as_str(), p.updated.as_deref()?))).collect();
    let mut entries: Vec<(String, Option<&str>)> =
        addresses.iter().map(|a| (site.base.absolute(a), updated.get(a.as_str()).copied())).collect();
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

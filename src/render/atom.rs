//! The Atom feed of the guide's changes (`/atom.xml`, RFC 4287): the same entries as the page of
//! changes, the newest [`FEED_ENTRIES`]. Written by hand, like the sitemap: the feed has one
//! fixed shape, every text goes through the one HTML/XML escaper, and a feed crate would bring
//! a date-time library and a builder for a few dozen lines (the tests read the feed back with
//! a real feed parser).

use crate::date::format;
use crate::model::Site;
use crate::routes::Route;

use super::evidence::{Change, changes};
use super::feeds::xml_escape;

/// How many of the newest changes the feed carries.
pub(crate) const FEED_ENTRIES: usize = 50;

/// The feed: its `updated` is the newest entry's date (the build day when there is none), and
/// each entry's id is the address of its entry on the page of changes, which no build changes.
pub(super) fn feed(site: &Site) -> String {
    let all = changes(site);
    let page = site.base.absolute(site.routes.address(Route::Changes).unwrap_or_default());
    let me = site.base.absolute(site.routes.address(Route::Atom).unwrap_or_default());
    let updated = all.first().map_or(site.today, |c| c.day);
    let c = &site.config;
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  <title>{title}: changes</title>\n  <subtitle>{subtitle}</subtitle>\n  <id>{page}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{me}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{page}\"/>\n  <updated>{updated}T00:00:00Z</updated>\n  <author><name>{title}</name></author>\n  <generator>stackguide</generator>\n",
        lang = xml_escape(&c.language),
        title = xml_escape(&c.title),
        subtitle = xml_escape(&c.description),
        page = xml_escape(&page),
        me = xml_escape(&me),
        updated = format(updated),
    );
    for change in all.iter().take(FEED_ENTRIES) {
        entry(&mut xml, change, &page);
    }
    xml.push_str("</feed>\n");
    xml
}

fn entry(xml: &mut String, c: &Change<'_>, page: &str) {
    xml.push_str(&format!(
        "  <entry>\n    <title>{title}</title>\n    <id>{id}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{href}\"/>\n    <updated>{date}T00:00:00Z</updated>\n    <summary>{summary}</summary>\n  </entry>\n",
        title = xml_escape(&c.title()),
        id = xml_escape(&format!("{page}#{}", c.id)),
        href = xml_escape(&c.absolute),
        date = c.date,
        summary = xml_escape(&summary(c)),
    ));
}

/// What the entry says beyond its title.
fn summary(c: &Change<'_>) -> String {
    match (c.kind, c.note) {
        ("reviewed", _) => {
            format!("The profile of {} was checked against its sources on {}.", c.subject, c.date)
        }
        ("rating", Some(note)) => format!("{}: {note}", c.title()),
        (_, Some(note)) => note.to_string(),
        (_, None) => c.title(),
    }
}

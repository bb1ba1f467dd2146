//! The route table: every file the build writes, by its path in the output, with what makes it
//! and which input claims it. Built once, in `validate`, from the parsed inputs; links are
//! resolved against it, `render` walks it, the sitemap and `check` read it. Two claims on one
//! path are an error that names both, so no file is ever silently lost or replaced.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ids::{DecisionId, PageId, ProjectTypeId, StackId};

/// The most addresses one sitemap may list (the sitemaps protocol's limit); a larger site gets
/// a sitemap index and several sitemaps.
pub(crate) const SITEMAP_URLS: usize = 50_000;

/// The search index's manifest, in the output (the files of the index are described in
/// `search`).
pub(crate) const SEARCH_MANIFEST: &str = "search/index/manifest.json";

/// The folder of the search index's word shards (a folder the build fills).
pub(crate) const SEARCH_WORDS: &str = "search/index/words/";

/// How many pages one file of the search index's page details holds.
pub(crate) const SEARCH_PAGES_PER_FILE: usize = 16;

/// The path of file `n` of the search index's page details.
pub(crate) fn search_pages_file(n: usize) -> String {
    format!("search/index/pages/{n}.json")
}

/// The data behind the matrix, to take away.
pub(crate) const DATA_JSON: &str = "data/stacks.json";
pub(crate) const DATA_CSV: &str = "data/stacks.csv";

/// Up to this many Markdown pages the guide has a print page (`/print/`), the whole guide on
/// one page; a larger site is no longer something to read on paper, and its print page would
/// hold every body in memory at once.
pub(crate) const PRINT_MAX_PAGES: usize = 1000;

/// The number of searchable pages of a site with these numbers of Markdown pages, stacks and
/// flowcharts: every page, stack, comparison (one per pair of stacks) and flowchart.
pub(crate) fn searchable(pages: usize, stacks: usize, decisions: usize) -> usize {
    pages + stacks + stacks * stacks.saturating_sub(1) / 2 + decisions
}

/// What makes one file of the output. Indices are into the validated site's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    /// A Markdown page.
    Page(PageId),
    StackIndex,
    /// How well every stack fits every project type, with the notes.
    StackFit,
    /// A stack's page.
    Stack(StackId),
    /// The comparison of two stacks, the first before the second by id.
    Compare(StackId, StackId),
    /// Two to four stacks of the reader's choice side by side; every pair listed.
    CompareChooser,
    /// Every stack ranked by the reader's weights (and, without JavaScript, by equal weights).
    Priorities,
    /// Every stack ranked by a project type's default weights.
    PrioritiesFor(ProjectTypeId),
    /// A flowchart's page.
    Decision(DecisionId),
    Search,
    /// The criteria, their levels' definitions, and how ratings are sourced and reviewed.
    Methodology,
    /// What changed in the guide, newest first.
    Changes,
    /// The Atom feed of the same changes.
    Atom,
    /// Every stack's versions and support windows on a timeline.
    Support,
    /// Every stack with every field of its profile, as JSON.
    DataJson,
    /// The comparison matrix as CSV.
    DataCsv,
    /// The whole guide on one page, for paper: chapters in reading order, then the stacks.
    Print,
    NotFound,
    Sitemap,
    /// One of the sitemaps a sitemap index lists, on sites of more than [`SITEMAP_URLS`] pages
    /// (numbered from 1).
    SitemapPart(usize),
    Robots,
    /// The search index's manifest: what the first search fetches.
    SearchManifest,
    /// The folder of the search index's word shards (`search::shards`): a folder, since which
    /// shards there are depends on the words of the site.
    SearchWords,
    /// The titles, sections, addresses and excerpts of the searchable pages, a fixed number a
    /// file (numbered from 0).
    SearchPages(usize),
    /// A static file of the theme (`Inputs::theme_files`).
    ThemeFile(usize),
    /// A file of `content/` copied as it is (`Site::assets`).
    Asset(usize),
}

impl Route {
    /// Whether the file is an HTML page a reader can visit (and the sitemap lists).
    pub fn is_listed_page(self) -> bool {
        matches!(
            self,
            Route::Page(_)
                | Route::StackIndex
                | Route::StackFit
                | Route::Stack(_)
                | Route::Compare(..)
                | Route::CompareChooser
                | Route::Priorities
                | Route::PrioritiesFor(_)
                | Route::Decision(_)
                | Route::Search
                | Route::Methodology
                | Route::Changes
                | Route::Support
                | Route::Print
        )
    }
}

/// A route and the input behind it, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub route: Route,
    /// The input file that asks for it, relative to the site root; `None` for files the build
    /// always writes.
    pub source: Option<PathBuf>,
    /// What it is, in words: "the page of all stacks", "`content/guide/a.md`".
    what: String,
}

/// Every file of the output, sorted by path.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Routes {
    by_path: BTreeMap<String, Claim>,
    by_route: HashMap<Route, String>,
}

/// The inputs that claim addresses, in the order their indices count.
#[derive(Debug, Default)]
pub struct Inputs<'a> {
    /// Markdown pages: (file, address).
    pub pages: Vec<(&'a Path, String)>,
    /// Stack ids, sorted, with their files.
    pub stacks: Vec<(&'a str, &'a Path)>,
    /// Flowchart ids, sorted, with their files.
    pub decisions: Vec<(&'a str, &'a Path)>,
    /// Project type ids, in file order (a ranking for each, when there are stacks).
    pub project_types: Vec<&'a str>,
    /// Files of content/ copied as they are: (path in the output, file).
    pub assets: Vec<(String, PathBuf)>,
    /// Static files of the theme: (path in the output, where it comes from).
    pub theme_files: Vec<(String, PathBuf)>,
}

/// Claims an address: (path, route, the input it comes from, what it is, for messages).
type ClaimFn<'a> = dyn FnMut(String, Route, Option<&Path>, String) + 'a;

/// The pages made from the stack profiles: the index and other pages about all stacks, one page
/// per stack and one per pair.
fn claim_stack_pages(inputs: &Inputs<'_>, claim: &mut ClaimFn<'_>) {
    if !inputs.stacks.is_empty() {
        for (path, route, what) in [
            (file_of("stacks/"), Route::StackIndex, "the page of all stacks"),
            (file_of("stacks/fit/"), Route::StackFit, "the page of fit by project type"),
            (file_of("methodology/"), Route::Methodology, "the methodology page"),
            (file_of("support/"), Route::Support, "the page of support windows"),
            (file_of("compare/"), Route::CompareChooser, "the page that compares any stacks"),
            (file_of("priorities/"), Route::Priorities, "the page of rankings"),
            (DATA_JSON.into(), Route::DataJson, "the stacks as JSON"),
            (DATA_CSV.into(), Route::DataCsv, "the matrix as CSV"),
        ] {
            claim(path, route, None, what.into());
        }
        for (i, id) in inputs.project_types.iter().enumerate() {
            let what = format!("the ranking for project type `{id}`");
            claim(file_of(&priorities_address(id)), Route::PrioritiesFor(ProjectTypeId(i)), None, what);
        }
    }
    for (i, (id, file)) in inputs.stacks.iter().enumerate() {
        claim(
            file_of(&stack_address(id)),
            Route::Stack(StackId(i)),
            Some(file),
            format!("the page of stack `{id}`"),
        );
        for (j, (other, _)) in inputs.stacks.iter().enumerate().skip(i + 1) {
            let what = format!("the comparison of `{id}` and `{other}`");
            claim(
                file_of(&compare_address(id, other)),
                Route::Compare(StackId(i), StackId(j)),
                Some(file),
                what,
            );
        }
    }
}

impl Routes {
    /// The table for `inputs`; every path claimed twice, or both as a file and as a folder, is
    /// reported into `d` naming both claims.
    pub fn build(inputs: &Inputs<'_>, d: &mut Diagnostics) -> Routes {
        let mut routes = Routes::default();
        let mut claim = |path: String, route: Route, source: Option<&Path>, what: String| {
            routes.claim(path, Claim { route, source: source.map(Path::to_path_buf), what }, d);
        };
        for (path, route, what) in [
            ("404.html", Route::NotFound, "the 404 page"),
            ("sitemap.xml", Route::Sitemap, "the sitemap"),
            ("robots.txt", Route::Robots, "robots.txt"),
            (SEARCH_MANIFEST, Route::SearchManifest, "the search index"),
            (SEARCH_WORDS, Route::SearchWords, "the search index's words"),
            ("search/index.html", Route::Search, "the search page"),
            ("changes/index.html", Route::Changes, "the page of changes"),
            ("atom.xml", Route::Atom, "the feed of changes"),
        ] {
            claim(path.into(), route, None, what.into());
        }
        if !inputs.pages.is_empty() && inputs.pages.len() <= PRINT_MAX_PAGES {
            claim(file_of("print/"), Route::Print, None, "the print page".into());
        }
        let searchable = searchable(inputs.pages.len(), inputs.stacks.len(), inputs.decisions.len());
        for n in 0..searchable.div_ceil(SEARCH_PAGES_PER_FILE) {
            claim(search_pages_file(n), Route::SearchPages(n), None, format!("part {n} of the search index"));
        }
        claim_stack_pages(inputs, &mut claim);
        for (i, (id, file)) in inputs.decisions.iter().enumerate() {
            let what = format!("the page of flowchart `{id}`");
            claim(file_of(&decision_address(id)), Route::Decision(DecisionId(i)), Some(file), what);
        }
        for (i, (path, origin)) in inputs.theme_files.iter().enumerate() {
            let what = format!("the theme's `{}`", origin.display());
            claim(path.clone(), Route::ThemeFile(i), None, what);
        }
        for (i, (file, address)) in inputs.pages.iter().enumerate() {
            claim(file_of(address), Route::Page(PageId(i)), Some(file), format!("`{}`", shown(file)));
        }
        for (i, (path, file)) in inputs.assets.iter().enumerate() {
            claim(path.clone(), Route::Asset(i), Some(file), format!("`{}`", shown(file)));
        }
        let parts = routes.listed_pages().count().div_ceil(SITEMAP_URLS);
        for n in (1..=parts).filter(|_| parts > 1) {
            let part = Claim { route: Route::SitemapPart(n), source: None, what: format!("sitemap {n}") };
            routes.claim(format!("sitemap-{n}.xml"), part, d);
        }
        routes.refuse_files_over_folders(d);
        routes.refuse_files_in_generated_folders(d);
        routes
    }

    fn claim(&mut self, path: String, new: Claim, d: &mut Diagnostics) {
        match self.by_path.get(&path) {
            Some(old) => d.push(clash(&path, old, &new)),
            None => {
                self.by_route.insert(new.route, path.clone());
                self.by_path.insert(path, new);
            }
        }
    }

    /// A file at `a/b` and pages under `a/b/` cannot both be written.
    fn refuse_files_over_folders(&self, d: &mut Diagnostics) {
        for (path, claim) in &self.by_path {
            let folder = format!("{path}/");
            if let Some((inner, other)) =
                self.by_path.range(folder.clone()..).next().filter(|(p, _)| p.starts_with(&folder))
            {
                let (this, that) = if claim.source.is_some() { (claim, other) } else { (other, claim) };
                let file = this.source.clone().or_else(|| that.source.clone()).unwrap_or_default();
                d.push(
                    Diagnostic::error(
                        file,
                        format!(
                            "{} would be written to `/{path}`, a folder of {} (`/{inner}`)",
                            claim.what, other.what
                        ),
                    )
                    .with_help("a path is either a file or a folder; rename one of them"),
                );
            }
        }
    }

    /// Nothing else may be written into a folder the build fills itself (a claim whose path
    /// ends in `/`).
    fn refuse_files_in_generated_folders(&self, d: &mut Diagnostics) {
        for (folder, claim) in self.by_path.iter().filter(|(p, _)| p.ends_with('/')) {
            let inside = self.by_path.range::<str, _>((Bound::Excluded(folder.as_str()), Bound::Unbounded));
            for (path, other) in inside.take_while(|(p, _)| p.starts_with(folder.as_str())) {
                d.push(
                    Diagnostic::error(
                        other.source.clone().unwrap_or_else(|| PathBuf::from("themes")),
                        format!(
                            "{} would be written to `/{path}`, in the folder of {} (`/{folder}`)",
                            other.what, claim.what
                        ),
                    )
                    .with_help(format!(
                        "stackguide writes the files of `/{folder}` itself; rename or move this file"
                    )),
                );
            }
        }
    }

    /// Every path with its claim, sorted by path; a folder the build fills has a path ending
    /// in `/`.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Claim)> {
        self.by_path.iter().map(|(p, c)| (p.as_str(), c))
    }

    /// The number of files the build writes.
    pub(crate) fn len(&self) -> usize {
        self.by_path.len()
    }

    /// Whether the build writes the file at `path` (relative to the output).
    pub fn contains(&self, path: &str) -> bool {
        self.by_path.contains_key(path)
    }

    /// The route claiming the output file at `path`.
    pub(crate) fn route_at(&self, path: &str) -> Option<Route> {
        self.by_path.get(path).map(|claim| claim.route)
    }

    /// The path in the output of the file `route` makes.
    pub fn path(&self, route: Route) -> Option<&str> {
        self.by_route.get(&route).map(String::as_str)
    }

    /// The address of `route`'s page, as links write it (`stacks/go-gin/`, `robots.txt`).
    pub fn address(&self, route: Route) -> Option<&str> {
        self.path(route).map(address_of)
    }

    /// The addresses of the pages a reader can visit, sorted.
    pub fn listed_pages(&self) -> impl Iterator<Item = (&str, Route)> {
        self.iter().filter(|(_, c)| c.route.is_listed_page()).map(|(p, c)| (address_of(p), c.route))
    }
}

/// The address of a stack's page.
pub(crate) fn stack_address(id: &str) -> String {
    format!("stacks/{id}/")
}

/// The address of the ranking for a project type.
pub(crate) fn priorities_address(id: &str) -> String {
    format!("priorities/{id}/")
}

/// The address of a flowchart's page.
pub(crate) fn decision_address(id: &str) -> String {
    format!("decide/{id}/")
}

/// The address of the comparison of two stacks (in any order).
pub(crate) fn compare_address(a: &str, b: &str) -> String {
    let (first, second) = if a <= b { (a, b) } else { (b, a) };
    format!("compare/{first}-vs-{second}/")
}

/// The output file of an address: `guide/a/` -> `guide/a/index.html`, `robots.txt` as it is.
pub(crate) fn file_of(address: &str) -> String {
    if address.is_empty() || address.ends_with('/') {
        format!("{address}index.html")
    } else {
        address.to_string()
    }
}

/// The address of an output file: `guide/a/index.html` -> `guide/a/`, `index.html` -> ``.
pub(crate) fn address_of(path: &str) -> &str {
    match path.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
        _ => path,
    }
}

fn shown(file: &Path) -> String {
    file.to_string_lossy().replace('\\', "/")
}

/// Two claims on one path: reported at the input that can be changed, naming both.
fn clash(path: &str, old: &Claim, new: &Claim) -> Diagnostic {
    let address = address_of(path);
    let written = |c: &Claim| matches!(c.route, Route::Page(_) | Route::Asset(_));
    let help = match (written(old), written(new)) {
        (true, true) => "rename one of them".to_string(),
        _ if matches!(old.route, Route::ThemeFile(_)) => format!(
            "files of content/ may not replace the theme's; to change `{path}`, put it in themes/<name>/static/"
        ),
        _ => format!("stackguide makes `/{address}` itself; rename or move this file"),
    };
    let file = new.source.clone().or_else(|| old.source.clone()).unwrap_or_else(|| PathBuf::from("themes"));
    Diagnostic::error(file, format!("{} and {} would both be written to `/{address}`", new.what, old.what))
        .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_files_map_both_ways() {
        for (address, file) in
            [("", "index.html"), ("guide/a/", "guide/a/index.html"), ("robots.txt", "robots.txt")]
        {
            assert_eq!(file_of(address), file);
            assert_eq!(address_of(file), address);
        }
        assert_eq!(address_of("guide/myindex.html"), "guide/myindex.html");
    }

    #[test]
    fn every_clash_names_both_claims() {
        let (a, b) = (Path::new("content/stacks/a.yaml"), Path::new("content/stacks/b.yaml"));
        let inputs = Inputs {
            pages: vec![
                (Path::new("content/stacks.md"), "stacks/".into()),
                (Path::new("content/x.md"), "x/".into()),
            ],
            stacks: vec![("a", a), ("b", b)],
            assets: vec![
                ("robots.txt".into(), "content/robots.txt".into()),
                ("style.css".into(), "content/style.css".into()),
                ("x".into(), "content/x".into()),
            ],
            theme_files: vec![("style.css".into(), "(default theme)/static/style.css".into())],
            ..Inputs::default()
        };
        let mut d = Diagnostics::new();
        let routes = Routes::build(&inputs, &mut d);
        let messages: Vec<String> = d.sorted().iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "content/robots.txt: error: `content/robots.txt` and robots.txt would both be written to `/robots.txt` (help: stackguide makes `/robots.txt` itself; rename or move this file)",
                "content/stacks.md: error: `content/stacks.md` and the page of all stacks would both be written to `/stacks/` (help: stackguide makes `/stacks/` itself; rename or move this file)",
                "content/style.css: error: `content/style.css` and the theme's `(default theme)/static/style.css` would both be written to `/style.css` (help: files of content/ may not replace the theme's; to change `style.css`, put it in themes/<name>/static/)",
                "content/x: error: `content/x` would be written to `/x`, a folder of `content/x.md` (`/x/index.html`) (help: a path is either a file or a folder; rename one of them)",
            ]
        );
        assert_eq!(routes.address(Route::Compare(StackId(0), StackId(1))), Some("compare/a-vs-b/"));
        assert_eq!(routes.path(Route::Stack(StackId(1))), Some("stacks/b/index.html"));
    }

    #[test]
    fn a_site_of_more_pages_than_paper_takes_has_no_print_page() {
        let files: Vec<PathBuf> =
            (0..PRINT_MAX_PAGES + 1).map(|i| PathBuf::from(format!("content/p{i}.md"))).collect();
        let pages =
            |n: usize| files[..n].iter().enumerate().map(|(i, f)| (f.as_path(), format!("p{i}/"))).collect();
        let at = |n| Routes::build(&Inputs { pages: pages(n), ..Inputs::default() }, &mut Diagnostics::new());
        assert_eq!(at(PRINT_MAX_PAGES).path(Route::Print), Some("print/index.html"));
        assert_eq!(at(PRINT_MAX_PAGES + 1).path(Route::Print), None);
        assert_eq!(at(0).path(Route::Print), None, "nothing to print");
    }

    #[test]
    fn a_site_beyond_the_sitemap_limit_gets_an_index_and_parts() {
        let files: Vec<PathBuf> =
            (0..SITEMAP_URLS + 1).map(|i| PathBuf::from(format!("content/p{i}.md"))).collect();
        let pages = files.iter().enumerate().map(|(i, f)| (f.as_path(), format!("p{i}/"))).collect();
        let routes = Routes::build(&Inputs { pages, ..Inputs::default() }, &mut Diagnostics::new());
        assert!(
            routes.contains("sitemap.xml")
                && routes.contains("sitemap-1.xml")
                && routes.contains("sitemap-2.xml")
        );
        assert!(!routes.contains("sitemap-3.xml"));
        let small = Routes::build(&Inputs::default(), &mut Diagnostics::new());
        assert!(small.contains("sitemap.xml") && !small.contains("sitemap-1.xml"));
    }
}

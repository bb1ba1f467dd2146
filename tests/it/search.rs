//! The search index as search.js reads it: a manifest, word shards under a size bound, and
//! page details, found the way the script finds them.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::support::{TestSite, tree};

/// The bound every file of the index stays under.
const SHARD_BYTES: u64 = 64 * 1024;

fn json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// A site of `n` chapters: each has a word of its own in its title and ten in its body, and
/// every chapter shares the common words.
fn chapters(n: usize) -> TestSite {
    let mut site = TestSite::minimal().file(
        "content/guide/_index.md",
        "---\ntitle: Guide\ndescription: All chapters.\n---\nThe chapters.\n",
    );
    for i in 0..n {
        let own: Vec<String> = (0..10).map(|k| format!("body{i}x{k}")).collect();
        site = site.file(
            &format!("content/guide/p{i}.md"),
            &format!(
                "---\ntitle: Chapter title{i}z\ndescription: Common words.\n---\nShared common words on every page, {}.\n",
                own.join(" ")
            ),
        );
    }
    site
}

/// The pages of `word` (page number, score), looked up as search.js does: in the shard of the
/// longest prefix of the word the manifest lists.
fn lookup(index: &Path, word: &str) -> Vec<(u64, u64)> {
    let manifest = json(&index.join("manifest.json"));
    let prefixes: Vec<&str> = manifest["s"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    let Some((at, _)) =
        prefixes.iter().enumerate().filter(|(_, p)| word.starts_with(**p)).max_by_key(|(_, p)| p.len())
    else {
        return Vec::new();
    };
    let shard = json(&index.join(format!("words/{at}.json")));
    let flat: Vec<u64> =
        shard[word].as_array().map_or(Vec::new(), |a| a.iter().map(|n| n.as_u64().unwrap()).collect());
    flat.chunks(2).map(|p| (p[0], p[1])).collect()
}

/// The details of page `n`: [title, section, address, excerpt].
fn details(index: &Path, n: u64) -> Value {
    let per_file = json(&index.join("manifest.json"))["c"].as_u64().unwrap();
    json(&index.join(format!("pages/{}.json", n / per_file)))[(n % per_file) as usize].clone()
}

#[test]
fn every_page_is_found_by_the_word_of_its_title_and_no_file_passes_the_bound() {
    let site = chapters(1200);
    let result = site.build();
    assert!(result.ok(), "{:?}", result.diagnostics.sorted());
    let index = site.public().join("search/index");
    let manifest = json(&index.join("manifest.json"));
    assert_eq!(manifest["v"], 1);
    // The home page, the section and the chapters.
    assert_eq!(manifest["n"], 1202);
    let shards = manifest["s"].as_array().unwrap().len();
    assert!(shards > 10, "an index of this size is split: {shards} shards");
    for i in 0..1200 {
        let pages = lookup(&index, &format!("title{i}z"));
        assert_eq!(pages.len(), 1, "title{i}z");
        let shown = details(&index, pages[0].0);
        assert_eq!(shown[0], format!("Chapter title{i}z"));
        assert_eq!(shown[2], format!("/guide/p{i}/"));
        assert_eq!(shown[3], "Common words.");
    }
    // A word on every page lists only its best pages.
    assert_eq!(lookup(&index, "shared").len(), 100);
    for (path, _) in tree(&index) {
        let size = fs::metadata(index.join(&path)).unwrap().len();
        assert!(size <= SHARD_BYTES, "{path}: {size} bytes");
    }
    let files = tree(&index).len();
    assert_eq!(files, 1 + shards + 1202_usize.div_ceil(manifest["c"].as_u64().unwrap() as usize));
}

#[test]
fn a_word_only_the_body_shows_comes_with_its_snippet_and_titles_rank_first() {
    let site = TestSite::minimal()
        .file("content/guide/_index.md", "---\ntitle: Guide\ndescription: All chapters.\n---\nThe chapters.\n")
        .file(
            "content/guide/a.md",
            "---\ntitle: Logs\ndescription: About logs.\n---\nOpening words. Later on, LinkedIn built Kafka, a distributed log.\n",
        )
        .file("content/guide/b.md", "---\ntitle: Kafka\ndescription: The broker.\n---\nKafka, Kafka and Kafka.\n");
    assert!(site.build().ok());
    let index = site.public().join("search/index");
    let pages = lookup(&index, "kafka");
    let best = pages.iter().max_by_key(|p| p.1).unwrap();
    assert_eq!(details(&index, best.0)[0], "Kafka", "{pages:?}");
    let manifest = json(&index.join("manifest.json"));
    assert_eq!(manifest["s"], serde_json::json!([""]), "a small index is one shard");
    let shard = json(&index.join("words/0.json"));
    let a = pages.iter().find(|p| p != &best).unwrap().0.to_string();
    let snippet = shard["~"]["kafka"][&a].as_str().unwrap();
    assert!(snippet.contains("LinkedIn built Kafka, a distributed log."), "{snippet}");
    // The title shows the word on the other page: no snippet for it.
    assert!(shard["~"]["kafka"].get(best.0.to_string()).is_none());
}

#[test]
fn the_index_is_byte_identical_across_builds() {
    let site = chapters(300);
    assert!(site.build().ok());
    let first = tree(&site.public().join("search/index"));
    fs::remove_dir_all(site.public()).unwrap();
    assert!(site.build().ok());
    assert_eq!(tree(&site.public().join("search/index")), first);
}

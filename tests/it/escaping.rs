//! Text from YAML and front matter is escaped wherever it appears: HTML, attributes, SVG text,
//! JSON inside script elements, the sitemap. The fixture carries real XSS payloads.

use crate::support::{TestSite, tree};

#[test]
fn payloads_in_data_and_front_matter_stay_text() {
    let site = TestSite::overlay("xss");
    let result = site.build();
    assert!(result.ok(), "{:?}", result.diagnostics.sorted());
    let raw = [
        "<script>alert",
        "<img src=x",
        "<svg onload",
        "<iframe",
        "<b onmouseover",
        "\" onmouseover=\"alert",
        "</title><script>",
    ];
    let mut checked = 0;
    for (path, bytes) in tree(&site.public()) {
        let text = String::from_utf8_lossy(&bytes);
        if path == "data/stacks.csv" {
            // CSV has no escaping but its quoting: the text is the data, read back whole.
            let mut csv = csv::Reader::from_reader(&bytes[..]);
            let row = csv.records().next().unwrap().unwrap();
            assert_eq!(&row[1], "Go <script>alert(3)</script>");
            continue;
        }
        for payload in raw {
            assert!(!text.contains(payload), "{path} contains the raw payload {payload}");
        }
        if path.ends_with(".html") {
            checked += 1;
            // Every script element that opens is the one that closes: nothing broke out.
            assert_eq!(text.matches("<script").count(), text.matches("</script>").count(), "{path}");
        }
    }
    assert!(checked > 10);
    // The text is still there, escaped, for people to read.
    let home = site.read("index.html");
    assert!(
        home.contains("<title>Guide &lt;&#x2F;title&gt;&lt;script&gt;alert(1)&lt;&#x2F;script&gt;</title>")
            || home.contains("Guide &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{}",
        &home[..400]
    );
    let chart = site.read("decide/pick/index.html");
    assert!(chart.contains("&lt;img src=x onerror=alert(8)&gt;"), "SVG text is escaped");
    let json = &chart[chart.find("id=\"decision-data\">").unwrap()..];
    assert!(
        json.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(6)"),
        "JSON in a script element is escaped"
    );
}

#[test]
fn links_in_data_must_be_web_addresses() {
    let site = TestSite::fixture("base");
    let stack = std::fs::read_to_string(site.root().join("content/stacks/go-gin.yaml")).unwrap();
    let site = site.file(
        "content/stacks/go-gin.yaml",
        &stack.replace("url: \"https://example.org/Go\"", "url: \"javascript:alert(1)\""),
    );
    let messages = crate::support::messages(&site.build());
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].starts_with("content/stacks/go-gin.yaml:21:34: error"), "{messages:#?}");
    assert!(messages[0].contains("`javascript:alert(1)` is not a web address"), "{messages:#?}");
}

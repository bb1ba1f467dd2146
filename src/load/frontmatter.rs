//! Splitting a Markdown file into its YAML front matter and its body.

use std::ops::Range;

/// Where the front matter and the body lie in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The YAML between the `---` lines; `None` when the file has no front matter.
    pub yaml: Option<Range<usize>>,
    /// Where the Markdown body starts.
    pub body: usize,
}

/// Front matter that opens with `---` but never closes; the offset is the opening line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unterminated;

/// Split `text` at its front matter: a first line `---`, YAML, and a closing line `---`.
pub fn split(text: &str) -> Result<Split, Unterminated> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if text[start..first_end].trim_end() != "---" {
        return Ok(Split { yaml: None, body: 0 });
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut line_start = yaml_start;
    while line_start < text.len() {
        let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == "---" {
            let body = (line_end + 1).min(text.len());
            return Ok(Split { yaml: Some(yaml_start..line_start), body });
        }
        line_start = line_end + 1;
    }
    Err(Unterminated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let text = "---\ntitle: A\n---\n# Body\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.yaml.clone().unwrap()], "title: A\n");
        assert_eq!(&text[s.body..], "# Body\n");
    }

    #[test]
    fn handles_crlf_bom_empty_and_missing_front_matter() {
        let text = "\u{feff}---\r\ntitle: A\r\n---\r\nbody";
        let s = split(text).unwrap();
        assert_eq!(&text[s.yaml.unwrap()], "title: A\r\n");
        assert_eq!(&text[s.body..], "body");
        assert_eq!(split("---\n---\n").unwrap().yaml, Some(4..4));
        assert_eq!(split("# No front matter\n---\n").unwrap(), Split { yaml: None, body: 0 });
        assert_eq!(split("---\ntitle: A\n"), Err(Unterminated));
        assert_eq!(split("---"), Err(Unterminated));
    }
}

//! Shared by the docs tests: reading a rendered docs tree, and a link checker that parses every
//! page as CommonMark (pulldown-cmark) and checks that every relative link and anchor resolves.

use pulldown_cmark::{Event, Options, Parser, Tag};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every file under `dir`, relative path (with `/`) → contents, hidden files included.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, d: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(relative, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The ids a page declares with `<a id="…">`.
pub(crate) fn anchors(markdown: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for event in Parser::new_ext(markdown, options()) {
        if let Event::InlineHtml(html) | Event::Html(html) = event {
            let mut rest: &str = &html;
            while let Some(at) = rest.find("id=\"") {
                rest = &rest[at + 4..];
                if let Some(end) = rest.find('"') {
                    ids.insert(rest[..end].to_owned());
                    rest = &rest[end..];
                }
            }
        }
    }
    ids
}

/// Every link destination of a page, in order.
pub(crate) fn links(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// Whether a link leaves the docs: a URL with a scheme, a site-absolute path, or a link that
/// the schema's own descriptions spell with a placeholder for the author's site
/// (`${externalDocsUrl}/code-security/…` in GitHub's), which no reader can follow either.
fn external(link: &str) -> bool {
    link.starts_with('/')
        || link.starts_with("${")
        || link
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains(['/', '#', '.']))
}

/// Check every relative link of every Markdown page under the tree: the target file exists and,
/// with a fragment, declares that anchor. Returns one line per broken link, and the number of
/// links checked.
pub(crate) fn broken_links(files: &BTreeMap<String, String>) -> (Vec<String>, usize) {
    let ids: BTreeMap<&str, BTreeSet<String>> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".md"))
        .map(|(path, text)| (path.as_str(), anchors(text)))
        .collect();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (page, text) in files.iter().filter(|(p, _)| p.ends_with(".md")) {
        for link in links(text) {
            if external(&link) {
                continue;
            }
            checked += 1;
            let (path, fragment) = match link.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (link.as_str(), None),
            };
            let target = if path.is_empty() {
                page.clone()
            } else {
                resolve(page, path)
            };
            match (ids.get(target.as_str()), fragment) {
                (None, _) if !files.contains_key(&target) => {
                    broken.push(format!("{page}: {link}: no file {target}"))
                }
                (Some(anchors), Some(fragment)) if !anchors.contains(fragment) => {
                    broken.push(format!("{page}: {link}: no anchor #{fragment} in {target}"))
                }
                _ => {}
            }
        }
    }
    (broken, checked)
}

/// `link` relative to the page `page`, as a path from the root (`objects/A.md` + `../enums/E.md`
/// → `enums/E.md`).
fn resolve(page: &str, link: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

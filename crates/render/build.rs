//! Embeds the built-in templates (the repository's `templates/` folder) into the library, so the
//! binary needs no files at run time: generates `$OUT_DIR/builtin_templates.rs`, a sorted table of
//! (`target/name`, source) pairs read with `include_str!`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = manifest.join("../../templates");
    // A directory here makes cargo rescan the whole tree for changes.
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    if root.is_dir() {
        collect(&root, &root, &mut files);
    }
    files.sort();
    let mut out = String::from(
        "/// Built-in templates: (`target/name`, source), sorted by name.\n\
         pub(crate) static BUILTIN: &[(&str, &str)] = &[\n",
    );
    for (name, path) in &files {
        writeln!(out, "    ({name:?}, include_str!({path:?})),").expect("write to a String");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    std::fs::write(dest.join("builtin_templates.rs"), out).expect("write builtin_templates.rs");
}

/// Every file under `dir`, named by its path relative to `root` with `/` separators; hidden
/// files (editor swap files, `.gitkeep`) are not templates.
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let entries = std::fs::read_dir(dir).expect("read the templates folder");
    for entry in entries {
        let path = entry.expect("read a templates folder entry").path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_none_or(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).expect("under the root");
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let absolute = path.canonicalize().expect("canonical template path");
            files.push((name, absolute.to_string_lossy().into_owned()));
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
}

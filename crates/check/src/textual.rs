//! `--text`: a unified diff of the two schemas, each printed canonically (types, fields and
//! arguments sorted, as graphql-js `lexicographicSortSchema` does), so only real changes show.

use apollo_compiler::Schema;
use similar::TextDiff;

/// The unified diff from `old` to `new` with three lines of context; empty when they print the
/// same.
pub fn unified(old: &Schema, new: &Schema, old_name: &str, new_name: &str) -> String {
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| schemalift_model::sdl::print(old, true));
        let b = schemalift_model::sdl::print(new, true);
        (a.join().unwrap_or_default(), b)
    });
    if a == b {
        return String::new();
    }
    TextDiff::from_lines(&a, &b)
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_changes_show() {
        let old = Schema::parse("type Query { b: Int a: Int }", "o").unwrap();
        let same = Schema::parse("type Query { a: Int b: Int }", "s").unwrap();
        assert_eq!(unified(&old, &same, "old", "new"), "");
        let new = Schema::parse("type Query { a: Int b: String }", "n").unwrap();
        let text = unified(&old, &new, "old", "new");
        assert!(text.starts_with("--- old\n+++ new\n"), "{text}");
        assert!(text.contains("\n-  b: Int\n+  b: String\n"), "{text}");
    }
}

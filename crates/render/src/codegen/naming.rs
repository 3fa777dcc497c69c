//! Identifier spelling for generated code: case conversion of GraphQL names and a registry that
//! hands out collision-free names.
//!
//! Naming happens here, in Rust, never in templates: two GraphQL names can spell the same
//! identifier after case conversion (`_id` and `id`), a selection path can spell an existing type
//! name, and a name can be a keyword of the target language. The registry resolves all of these
//! deterministically, in the order names are asked for.

use std::collections::HashSet;

/// Split a GraphQL name into words: at underscores, at lower-to-upper changes, and before the last
/// capital of an acronym followed by lowercase (`loginURL` → login, URL; `HTTPServer` → HTTP,
/// Server).
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' || c == '-' || c == ' ' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if c.is_uppercase() => {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            }
            _ => false,
        };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `PascalCase`, keeping the rest of each word as written (`loginURL` → `LoginURL`), so GraphQL
/// type names that are already Pascal case pass through unchanged.
pub fn pascal(name: &str) -> String {
    words(name).iter().map(|w| capitalize(w)).collect()
}

/// `camelCase`: Pascal case with the first word lowercased.
pub fn camel(name: &str) -> String {
    let words = words(name);
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        if i == 0 {
            out.push_str(&word.to_lowercase());
        } else {
            out.push_str(&capitalize(word));
        }
    }
    out
}

/// `snake_case`.
pub fn snake(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// Whether `name` is an ASCII identifier (letters, digits, underscores, not starting with a digit).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Hands out names that are unique within one namespace (a module or a Go package) and are not
/// reserved: a taken or reserved name gets a numeric suffix, `Name2`, `Name3`, …
#[derive(Debug, Default, Clone)]
pub struct Registry {
    taken: HashSet<String>,
    /// Whether `Client` and `client` are the same name, as file names are on macOS and Windows.
    fold_case: bool,
}

impl Registry {
    /// A registry in which `reserved` names (keywords, runtime helper names) are never handed out.
    pub fn with_reserved<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        Registry {
            taken: reserved.into_iter().map(str::to_owned).collect(),
            fold_case: false,
        }
    }

    /// A registry of file names: unique whatever their case (a case-insensitive file system
    /// would let `Client.ts` overwrite `client.ts`, and tsc refuses the pair), never a reserved
    /// name nor a keyword (Python imports a module by its file name: `class.py` cannot be
    /// imported).
    pub fn for_files<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        Registry {
            taken: reserved.into_iter().map(str::to_lowercase).collect(),
            fold_case: true,
        }
    }

    /// Take `name` if it is free.
    fn take(&mut self, name: &str) -> bool {
        match self.fold_case {
            true => self.taken.insert(name.to_lowercase()),
            false => self.taken.insert(name.to_owned()),
        }
    }

    /// Claim `wanted`, or the first free `wanted2`, `wanted3`, ….
    pub fn claim(&mut self, wanted: &str) -> String {
        if self.take(wanted) {
            return wanted.to_owned();
        }
        (2..)
            .map(|n| format!("{wanted}{n}"))
            .find(|candidate| self.take(candidate))
            .unwrap_or_else(|| wanted.to_owned())
    }

    /// Claim `wanted`, escaping a collision by appending `_` first (the idiom for keywords:
    /// `from_`, `type_`), then numbers.
    pub fn claim_escaped(&mut self, wanted: &str) -> String {
        if self.take(wanted) {
            return wanted.to_owned();
        }
        self.claim(&format!("{wanted}_"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_like_people_read_them() {
        assert_eq!(words("loginURL"), ["login", "URL"]);
        assert_eq!(words("HTTPServer"), ["HTTP", "Server"]);
        assert_eq!(words("stack_details"), ["stack", "details"]);
        assert_eq!(words("_id"), ["id"]);
        assert_eq!(
            words("StackConfigVendorOpenTofu"),
            ["Stack", "Config", "Vendor", "Open", "Tofu"]
        );
        assert_eq!(words("v2Api"), ["v2", "Api"]);
    }

    #[test]
    fn converts_case() {
        assert_eq!(pascal("stackDetails"), "StackDetails");
        assert_eq!(pascal("StackDetails"), "StackDetails");
        assert_eq!(pascal("loginURL"), "LoginURL");
        assert_eq!(camel("StackDetails"), "stackDetails");
        assert_eq!(camel("URLShortener"), "urlShortener");
        assert_eq!(snake("StackDetails"), "stack_details");
        assert_eq!(snake("searchStacks"), "search_stacks");
        assert_eq!(snake("HTTPServer"), "http_server");
    }

    #[test]
    fn registry_resolves_collisions_deterministically() {
        let mut names = Registry::with_reserved(["Client"]);
        assert_eq!(names.claim("Client"), "Client2");
        assert_eq!(names.claim("Stack"), "Stack");
        assert_eq!(names.claim("Stack"), "Stack2");
        assert_eq!(names.claim("Stack"), "Stack3");
        let mut fields = Registry::with_reserved(["from"]);
        assert_eq!(fields.claim_escaped("from"), "from_");
        assert_eq!(fields.claim_escaped("id"), "id");
    }

    #[test]
    fn file_names_differ_whatever_their_case_and_are_never_keywords() {
        let mut files = Registry::for_files(["client", "class"]);
        assert_eq!(files.claim("Client"), "Client2");
        assert_eq!(files.claim("class"), "class2");
        assert_eq!(files.claim("Stack"), "Stack");
        assert_eq!(files.claim("stack"), "stack2");
    }

    #[test]
    fn recognises_identifiers() {
        assert!(is_identifier("__typename"));
        assert!(is_identifier("a1"));
        assert!(!is_identifier("1a"));
        assert!(!is_identifier(""));
        assert!(!is_identifier("a-b"));
    }
}

//! Custom scalar mapping: which language type a custom scalar's JSON value is, from
//! `--scalar Name=type` flags and the `[codegen.scalars]` / `[codegen.<language>.scalars]` tables
//! of schemalift.toml. Unmapped custom scalars get the language's type for any JSON value, with a
//! warning.

use super::lang::Language;
use std::collections::BTreeMap;

/// Custom scalar name → language type expression (as it decodes from JSON).
pub type ScalarMap = BTreeMap<String, String>;

/// A `--scalar` flag, `Name=type`.
pub fn parse_flag(arg: &str) -> Result<(String, String), String> {
    let (name, ty) = arg
        .split_once('=')
        .ok_or_else(|| format!("--scalar {arg:?}: expected Name=type, e.g. DateTime=string"))?;
    let (name, ty) = (name.trim(), ty.trim());
    if name.is_empty() || ty.is_empty() {
        return Err(format!(
            "--scalar {arg:?}: expected Name=type, e.g. DateTime=string"
        ));
    }
    Ok((name.to_owned(), ty.to_owned()))
}

/// The scalar mapping a schemalift.toml gives `language`: `[codegen.scalars]`, overridden by
/// `[codegen.<language>.scalars]`. `name` is the file name errors show.
pub fn from_config(text: &str, name: &str, language: Language) -> Result<ScalarMap, String> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let at = e
            .span()
            .map(|span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                format!(":{line}:{column}")
            })
            .unwrap_or_default();
        format!("{name}{at}: {}", e.message())
    })?;
    let mut map = ScalarMap::new();
    let Some(codegen) = table.get("codegen") else {
        return Ok(map);
    };
    let codegen = codegen
        .as_table()
        .ok_or_else(|| format!("{name}: [codegen] must be a table"))?;
    let tables = [
        ("codegen.scalars", codegen.get("scalars")),
        (
            "codegen.<language>.scalars",
            codegen
                .get(language.spec().name)
                .and_then(|t| t.as_table())
                .and_then(|t| t.get("scalars")),
        ),
    ];
    for (label, value) in tables {
        let Some(value) = value else { continue };
        let table = value
            .as_table()
            .ok_or_else(|| format!("{name}: [{label}] must be a table of Name = \"type\""))?;
        for (scalar, ty) in table {
            let ty = ty.as_str().ok_or_else(|| {
                format!("{name}: [{label}] {scalar} must be a string (the {language} type)")
            })?;
            map.insert(scalar.clone(), ty.to_owned());
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_name_equals_type() {
        assert_eq!(
            parse_flag("DateTime=string"),
            Ok(("DateTime".to_owned(), "string".to_owned()))
        );
        assert_eq!(
            parse_flag("URI = time.Time"),
            Ok(("URI".to_owned(), "time.Time".to_owned()))
        );
        assert!(parse_flag("DateTime").is_err());
        assert!(parse_flag("=string").is_err());
    }

    #[test]
    fn language_tables_override_the_shared_table() {
        let text = r#"
[codegen.scalars]
DateTime = "string"
JSON = "unknown"

[codegen.go.scalars]
DateTime = "time.Time"
"#;
        let go = from_config(text, "schemalift.toml", Language::Go).expect("valid");
        assert_eq!(go["DateTime"], "time.Time");
        assert_eq!(go["JSON"], "unknown");
        let ts = from_config(text, "schemalift.toml", Language::TypeScript).expect("valid");
        assert_eq!(ts["DateTime"], "string");
    }

    #[test]
    fn bad_config_names_the_position() {
        let err = from_config("[codegen.scalars]\nDateTime = \n", "s.toml", Language::Go)
            .expect_err("syntax error");
        assert!(err.starts_with("s.toml:2:"), "{err}");
        let err = from_config("[codegen.scalars]\nDateTime = 1\n", "s.toml", Language::Go)
            .expect_err("not a string");
        assert!(err.contains("DateTime must be a string"), "{err}");
    }

    #[test]
    fn no_codegen_table_is_no_mapping() {
        let map = from_config(
            "[diff]\nfail_on = \"breaking\"\n",
            "s.toml",
            Language::Python,
        )
        .expect("valid");
        assert!(map.is_empty());
    }
}

//! In-process split of `schemalift diff` on GitHub 2023-02-23 → 2024-07-08: loading (parse +
//! validate) one side, loading both on two threads, the diff itself, and rendering. The issue's
//! target: the diff under a quarter of the parse time.

use schemalift_check::report::{self, DiffReport};
use schemalift_check::rules::Rules;
use schemalift_model::{load, LoadedSchema, SchemaSource};
use std::path::PathBuf;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

fn corpus(date: &str) -> PathBuf {
    schemalift_corpus::file(&format!("github/github-{date}.graphql"))
}

fn side(date: &str) -> LoadedSchema {
    load(&[SchemaSource::Path(corpus(date))]).expect("corpus schema loads")
}

fn pair() -> &'static (LoadedSchema, LoadedSchema) {
    static PAIR: OnceLock<(LoadedSchema, LoadedSchema)> = OnceLock::new();
    PAIR.get_or_init(|| (side("2023-02-23"), side("2024-07-08")))
}

#[divan::bench(sample_count = 20)]
fn load_new_side() -> LoadedSchema {
    side("2024-07-08")
}

#[divan::bench(sample_count = 20)]
fn load_both_in_parallel() -> (LoadedSchema, LoadedSchema) {
    std::thread::scope(|s| {
        let old = s.spawn(|| side("2023-02-23"));
        let new = side("2024-07-08");
        (old.join().expect("thread"), new)
    })
}

#[divan::bench(sample_count = 50)]
fn diff_only() -> usize {
    let (old, new) = pair();
    schemalift_check::diff(&old.schema, &new.schema).len()
}

#[divan::bench(sample_count = 50)]
fn diff_and_json_report() -> usize {
    let (old, new) = pair();
    let changes = schemalift_check::diff(&old.schema, &new.schema);
    let report = DiffReport {
        old_name: "old".into(),
        new_name: "new".into(),
        findings: Rules::default().apply(changes),
        new_schema: &new.schema,
        warnings: vec![],
        operations: None,
        rules_file: None,
    };
    report::json(&report).len()
}

#!/usr/bin/env bash
# Whole-process benchmark of `schemalift validate` and `schemalift convert` on the largest valid
# GitHub schema, beside graphql-js (buildSchema + validateSchema in node) in the same run.
# Needs: hyperfine (apt), node, the peers (benches/peers/install.sh). Prints medians and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
schema=tests/corpus/github/github-2024-07-08.graphql
peers=$(bash benches/peers/install.sh)
cargo build --release -q -p schemalift
cargo build --release -q -p schemalift-model --example bare_validate
bin=target/release/schemalift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The schema breaks a September 2025 rule (a deprecated field implementing a non-deprecated
# interface field), so validation exits 1 by the default edition: -i.
hyperfine -i --warmup 2 --runs ${RUNS:-10} --export-markdown "$tmp/times.md" \
  -n "apollo-compiler alone (parse_and_validate)" "target/release/examples/bare_validate $schema" \
  -n "schemalift validate" "$bin validate $schema" \
  -n "schemalift validate --spec 2021" "$bin validate --spec 2021 $schema" \
  -n "graphql-js validate (node)" "node $peers/validate.js $schema" \
  -n "schemalift convert --to json" "$bin convert --to json $schema -o $tmp/out.json" \
  -n "schemalift convert --sort" "$bin convert --sort $schema -o $tmp/out.graphql"
cat "$tmp/times.md"

peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
echo
echo "| command | peak RSS (MiB) |"
echo "|---|---|"
echo "| apollo-compiler alone | $(( $(peak target/release/examples/bare_validate $schema) / 1024 )) |"
echo "| schemalift validate | $(( $(peak $bin validate $schema) / 1024 )) |"
echo "| graphql-js validate (node) | $(( $(peak node $peers/validate.js $schema) / 1024 )) |"
echo "| schemalift convert --to json | $(( $(peak $bin convert --to json $schema -o $tmp/o.json) / 1024 )) |"

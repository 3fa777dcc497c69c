#!/usr/bin/env bash
# Whole-process benchmark of `schemalift diff` on GitHub's published schema pairs, beside
# graphql-inspector's CLI and graphql-js findBreakingChanges + findDangerousChanges (node) in the
# same run, with peak memory. The in-process split (parse vs diff) is `cargo bench -p
# schemalift-check`.
# Needs: hyperfine (apt), node, the peers (benches/peers/install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=tests/corpus/github
peers=$(bash benches/peers/install.sh)
cargo build --release -q -p schemalift
cargo build --release -q -p schemalift-model --example bare_validate
bin=target/release/schemalift
bare=target/release/examples/bare_validate
inspector=$peers/node_modules/.bin/graphql-inspector
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pairs=${PAIRS:-"2023-02-23:2024-07-08 2024-06-28:2024-07-08 2022-06-27:2024-07-08"}
for pair in $pairs; do
  old=$corpus/github-${pair%%:*}.graphql
  new=$corpus/github-${pair##*:}.graphql
  echo "## ${pair%%:*} -> ${pair##*:}"
  # Exit codes 1 (breaking changes found) are results, not failures: -i.
  # The floor: apollo-compiler parsing and validating each side alone (diff loads both sides
  # on two threads, so about the slower of the two).
  hyperfine -i --warmup 2 --runs ${RUNS:-10} --export-markdown "$tmp/times.md" \
    -n "apollo-compiler alone, OLD" "$bare $old" \
    -n "apollo-compiler alone, NEW" "$bare $new" \
    -n "schemalift diff (text)" "$bin diff $old $new" \
    -n "schemalift diff --format json" "$bin diff --format json $old $new" \
    -n "graphql-inspector diff" "$inspector diff $old $new" \
    -n "graphql-js find{Breaking,Dangerous}Changes" "node $peers/breaking.js $old $new" \
    >/dev/null
  cat "$tmp/times.md"
  peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
  echo
  echo "| command | peak RSS (MiB) |"
  echo "|---|---:|"
  echo "| schemalift diff | $(( $(peak $bin diff $old $new) / 1024 )) |"
  echo "| schemalift diff --format json | $(( $(peak $bin diff --format json $old $new) / 1024 )) |"
  echo "| graphql-inspector diff | $(( $(peak $inspector diff $old $new) / 1024 )) |"
  echo "| graphql-js (node) | $(( $(peak node $peers/breaking.js $old $new) / 1024 )) |"
  echo
done

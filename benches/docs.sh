#!/usr/bin/env bash
# Whole-process benchmark of `schemalift docs` on GitHub's largest valid schema (1,606 types):
# every page, one file, and the mdBook variant, beside graphql-markdown (which writes the whole
# schema as one Markdown page) in the same hyperfine run; then peak memory of each.
# Needs: hyperfine (apt), node, the peers (../shared/peers/install.sh). Prints times and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
schema=../shared/corpus/github/github-2024-07-08.graphql
peers=$(bash ../shared/peers/install.sh)
cargo build --release -q -p schemalift
bin=target/release/schemalift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Each run starts from an empty directory, so every page is written (a rerun into the same
# directory would also remove nothing and overwrite everything; see the second row).
hyperfine --warmup 2 --runs "${RUNS:-10}" --export-markdown "$tmp/times.md" \
  --prepare "rm -rf $tmp/pages $tmp/one $tmp/book" \
  -n "schemalift docs (all pages)" "$bin docs $schema -o $tmp/pages" \
  -n "schemalift docs --single-file" "$bin docs $schema -o $tmp/one --single-file" \
  -n "schemalift docs --mdbook" "$bin docs $schema -o $tmp/book --mdbook" \
  -n "graphql-markdown (one page, node)" "$peers/node_modules/.bin/graphql-markdown $schema > $tmp/gm.md"
hyperfine --warmup 2 --runs "${RUNS:-10}" --export-markdown "$tmp/rerun.md" \
  -n "schemalift docs (all pages, rerun into the same directory)" "$bin docs $schema -o $tmp/pages"
cat "$tmp/times.md" "$tmp/rerun.md"

peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
echo
echo "| command | peak RSS (MiB) | output |"
echo "|---|---:|---|"
rm -rf "$tmp/pages"
echo "| schemalift docs (all pages) | $(( $(peak $bin docs $schema -o $tmp/pages) / 1024 )) | $(find $tmp/pages -type f | wc -l) files, $(du -sh $tmp/pages | cut -f1) |"
rm -rf "$tmp/one"
echo "| schemalift docs --single-file | $(( $(peak $bin docs $schema -o $tmp/one --single-file) / 1024 )) | $(du -sh $tmp/one/README.md | cut -f1) |"
echo "| graphql-markdown (node) | $(( $(peak $peers/node_modules/.bin/graphql-markdown $schema) / 1024 )) | $(du -sh $tmp/gm.md | cut -f1) |"

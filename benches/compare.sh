#!/usr/bin/env bash
# Did a change make schemalift slower? The release binary of REV (default: the previous commit)
# beside the working tree's, on GitHub's schema: validate, diff (text and JSON), convert, docs and
# codegen, in one hyperfine run per command, twice (each binary first once), so order effects
# show. REV builds in its own worktree and target under target/compare/ (never our target).
# Needs: hyperfine (apt).
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-HEAD~1}
sha=$(git rev-parse --verify "$rev^{commit}")
base=$PWD/target/compare/$sha
if [ ! -x "$base/target/release/schemalift" ]; then
  [ -d "$base" ] || git worktree add --detach "$base" "$sha" >/dev/null
  (cd "$base" && cargo build --release -q -p schemalift)
fi
cargo build --release -q -p schemalift
old=$base/target/release/schemalift
new=$PWD/target/release/schemalift
g=tests/corpus/github
s=$g/github-2024-07-08.graphql
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scalars="--scalar DateTime=string --scalar GitObjectID=string --scalar URI=string"
run() {
  local name=$1 first=$2; shift 2
  local before=(-n "$rev $name" "$old $*") after=(-n "now $name" "$new $*")
  if [ "$first" = now ]; then set -- "${after[@]}" "${before[@]}"; else set -- "${before[@]}" "${after[@]}"; fi
  # -i: exit 1 (an invalid schema, breaking changes) is a result here.
  hyperfine -N -i --warmup 2 --runs "${RUNS:-15}" --style none --export-markdown "$tmp/t.md" "$@" >/dev/null
  tail -n 2 "$tmp/t.md"
}
echo "| command | mean [ms] | min [ms] | max [ms] | relative |"
echo "|:---|---:|---:|---:|---:|"
for first in "$rev" now; do
  run validate "$first" validate "$s"
  run "diff (text)" "$first" diff "$g/github-2023-02-23.graphql" "$s"
  run "diff --format json" "$first" diff --format json "$g/github-2023-02-23.graphql" "$s"
  run "convert --to json" "$first" convert --to json "$s"
  run docs "$first" docs "$s" -o "$tmp/docs"
  run "codegen --lang typescript" "$first" codegen "$s" --lang typescript --ops tests/codegen/github -o "$tmp/ts" $scalars
done

#!/usr/bin/env bash
# Whole-process benchmark of `schemalift codegen` on GitHub's largest valid schema (1,606 types)
# with the GitHub operations of tests/codegen/github, for each language, beside GraphQL Code
# Generator (typescript + typescript-operations plugins) on the same schema and operations, in the
# same hyperfine run. Needs: hyperfine (apt), node, the peers (benches/peers/install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
schema=tests/corpus/github/github-2024-07-08.graphql
ops=tests/codegen/github
peers=$(bash benches/peers/install.sh)
cargo build --release -q -p schemalift
bin=$PWD/target/release/schemalift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/codegen.yml" <<YML
schema: $PWD/$schema
documents: $PWD/$ops/*.graphql
generates:
  $tmp/gcg/types.ts:
    plugins: [typescript, typescript-operations]
YML

scalars="--scalar DateTime=string --scalar GitObjectID=string --scalar URI=string"
hyperfine --warmup 2 --runs "${RUNS:-10}" --export-markdown "$tmp/times.md" \
  -n "schemalift codegen --lang typescript" "$bin codegen $schema --lang typescript --ops $ops -o $tmp/ts $scalars" \
  -n "schemalift codegen --lang python" "$bin codegen $schema --lang python --ops $ops -o $tmp/py --scalar DateTime=str --scalar GitObjectID=str --scalar URI=str" \
  -n "schemalift codegen --lang go" "$bin codegen $schema --lang go --ops $ops -o $tmp/go $scalars" \
  -n "graphql-codegen (typescript + typescript-operations)" "cd $peers && node_modules/.bin/graphql-codegen --config $tmp/codegen.yml --silent"
cat "$tmp/times.md"

peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
echo
echo "| command | peak RSS (MiB) |"
echo "|---|---|"
for lang in typescript go; do
  echo "| schemalift codegen --lang $lang | $(( $(peak "$bin" codegen $schema --lang $lang --ops $ops -o "$tmp/$lang" $scalars) / 1024 )) |"
done
# graphql-codegen resolves its plugins from the working directory.
echo "| graphql-codegen | $(( $(cd "$peers" && peak node_modules/.bin/graphql-codegen --config "$tmp/codegen.yml" --silent) / 1024 )) |"

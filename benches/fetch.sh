#!/usr/bin/env bash
# Whole-process `schemalift fetch` of GitHub's schema (tests/corpus/github, 2023-02-23: 1,370
# types) from real local servers, Apollo Server 5 and GraphQL Yoga 5 (tests/js/real-server.js,
# the packages of tests/js/servers), beside Apollo Rover 0.41 (`rover graph introspect`) and
# graphql-inspector (`introspect`), in the same run. The commands alternate: each round runs
# every command once, against one server, so a change in the machine's load touches all of them
# alike; the table gives the median and fastest wall time per command and the ratio of each
# peer's median to schemalift's.
# Needs: node, `npm ci --prefix tests/js/servers`, the peers (benches/peers/install.sh).
# ROUNDS (default 15) sets the number of rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
schema=tests/corpus/github/github-2023-02-23.graphql
peers=$(bash benches/peers/install.sh)
cargo build --release -q -p schemalift
bin=$PWD/target/release/schemalift
rover=$peers/node_modules/.bin/rover
inspector=$peers/node_modules/.bin/graphql-inspector
export APOLLO_TELEMETRY_DISABLED=1 SCHEMALIFT_CACHE_DIR
tmp=$(mktemp -d)
SCHEMALIFT_CACHE_DIR=$tmp/cache
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$tmp"' EXIT

# Starts a server of real-server.js and sets `url` to its URL. Its standard input is a FIFO
# whose writing end this script holds open: the server stops when the script ends, however it
# ends. (Not in a command substitution, which would wait for the server.)
start() {
  local log=$tmp/$1.log fifo=$tmp/$1.in fd
  mkfifo "$fifo"
  node tests/js/real-server.js "$1" "$schema" <"$fifo" >"$log" 2>&1 &
  pids+=($!)
  exec {fd}>"$fifo"
  for _ in $(seq 200); do
    grep -q '^listening ' "$log" 2>/dev/null && break
    sleep 0.05
  done
  url=$(sed -n 's/^listening //p' "$log" | head -1)
}

now() { date +%s%N; }
rounds=${ROUNDS:-15}
for kind in apollo yoga; do
  start "$kind"
  names=("schemalift fetch" "rover graph introspect" "graphql-inspector introspect")
  commands=(
    "$bin fetch $url -o $tmp/schemalift.graphql"
    "$rover graph introspect $url -o $tmp/rover.graphql"
    "$inspector introspect $url --write $tmp/inspector.graphql"
  )
  # A warm-up round, then the measured ones.
  for command in "${commands[@]}"; do $command >/dev/null 2>&1; done
  : >"$tmp/times"
  for _ in $(seq "$rounds"); do
    for i in "${!commands[@]}"; do
      start_ns=$(now)
      ${commands[$i]} >/dev/null 2>&1
      echo "$i $(( ($(now) - start_ns) / 1000 ))" >>"$tmp/times"
    done
  done
  # Each output must be the schema, not an error page.
  for out in schemalift rover inspector; do
    grep -q 'type Query' "$tmp/$out.graphql" || { echo "$out wrote no schema" >&2; exit 1; }
  done
  echo "## $kind ($url), $rounds rounds"
  echo
  echo "| command | median | fastest | median / schemalift's |"
  echo "|---|---:|---:|---:|"
  python3 - "$tmp/times" "${names[@]}" <<'EOF'
import statistics, sys
times, names = sys.argv[1], sys.argv[2:]
runs = {}
for line in open(times):
    i, us = line.split()
    runs.setdefault(int(i), []).append(int(us) / 1000)
base = statistics.median(runs[0])
for i, name in enumerate(names):
    median = statistics.median(runs[i])
    print(f"| {name} | {median:.0f} ms | {min(runs[i]):.0f} ms | {median / base:.2f}x |")
EOF
  echo
done

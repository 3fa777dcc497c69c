#!/usr/bin/env bash
# Whole-process benchmark of `schemalift docs` on GitHub's largest valid schema (1,606 types):
# every page, one file, and the mdBook variant, beside graphql-markdown (which writes the whole
# schema as one Markdown page) in the same hyperfine run; a rerun into the same directory; every
# page written to disk; then peak memory of each. Prints the load average before and after, and
# for every row the mean, the fastest run and the user and system CPU time.
#
# Output goes to tmpfs (/dev/shm) so that the rows measure schemalift, and to DISK_DIR (default:
# target/, on the repository's disk) for the disk rows. Those move the previous run's directory
# aside instead of deleting it: on an ext4 volume without a
# journal, as on the project's machines, the kernel skips recently deleted inodes one by one
# when it allocates new ones (ext4's `recently_deleted`), so every run after an `rm -rf` of
# thousands of files pays for them, for a minute or more (so start it a few minutes after any
# such deletion on that disk). The last row shows that cost.
#
# On a machine shared with other builds, RT=1 runs every measured command at real-time priority
# (chrt -f 10, as root), so that the others' compiles wait instead of the measurement: the rows
# then come close to what the commands cost on a quiet machine, whatever the load average says.
#
# Needs: hyperfine (apt), python3, node, the peers (benches/peers/install.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
schema=tests/corpus/github/github-2024-07-08.graphql
peers=$(bash benches/peers/install.sh)
cargo build --release -q -p schemalift
bin=$PWD/target/release/schemalift
runs=${RUNS:-10}
tmp=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
disk=$(mktemp -d -p "${DISK_DIR:-$PWD/target}")
trap 'rm -rf "$tmp" "$disk"' EXIT

table() { # hyperfine JSON files → one Markdown table with CPU times
  python3 - "$@" <<'EOF'
import json, sys
print("| command | mean | min | user | system |")
print("|---|---:|---:|---:|---:|")
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        ms = lambda s: f"{s * 1000:,.0f} ms"
        print(f"| {r['command']} | {ms(r['mean'])} ± {r['stddev'] * 1000:.0f} | {ms(r['min'])} "
              f"| {ms(r['user'])} | {ms(r['system'])} |")
EOF
}

hf=$(type -P hyperfine)
hyperfine() { ${RT:+chrt -f 10} "$hf" "$@"; }
echo "$(date -u +%F), load average before: $(cut -d' ' -f1-3 /proc/loadavg)${RT:+, real-time priority}"
# Each run starts from a missing directory, so every page is written.
hyperfine --warmup 2 --runs "$runs" --export-json "$tmp/times.json" \
  --prepare "rm -rf $tmp/pages $tmp/one $tmp/book" \
  -n "schemalift docs (all pages, new directory)" "$bin docs $schema -o $tmp/pages" \
  -n "schemalift docs --single-file" "$bin docs $schema -o $tmp/one --single-file" \
  -n "schemalift docs --mdbook" "$bin docs $schema -o $tmp/book --mdbook" \
  -n "graphql-markdown (one page, node)" "$peers/node_modules/.bin/graphql-markdown $schema > $tmp/gm.md"
# Nothing changed since the last run: every page is compared and left alone.
hyperfine --warmup 2 --runs "$runs" --export-json "$tmp/rerun.json" \
  -n "schemalift docs (all pages, rerun into the same directory)" "$bin docs $schema -o $tmp/pages"
# On disk: a new directory each run, the previous one moved aside (see above), then with rm -rf.
mkdir -p "$disk/old"
hyperfine --warmup 2 --runs "$runs" --export-json "$tmp/disk.json" \
  --prepare "mv $disk/pages $disk/old/\$(date +%s%N) 2>/dev/null || true" \
  -n "schemalift docs (all pages, new directory on disk)" "$bin docs $schema -o $disk/pages"
rm -rf "$disk/old" "$disk/pages"
hyperfine --warmup 2 --runs "$runs" --export-json "$tmp/disk-rm.json" \
  --prepare "rm -rf $disk/pages" \
  -n "schemalift docs (all pages, on disk, after rm -rf of the previous run)" "$bin docs $schema -o $disk/pages"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
table "$tmp/times.json" "$tmp/rerun.json" "$tmp/disk.json" "$tmp/disk-rm.json"

peak() { ${RT:+chrt -f 10} /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
echo
echo "| command | peak RSS (MiB) | output |"
echo "|---|---:|---|"
rm -rf "$tmp/pages"
echo "| schemalift docs (all pages) | $(( $(peak "$bin" docs $schema -o "$tmp/pages") / 1024 )) | $(find "$tmp/pages" -type f | wc -l) files, $(du -sh "$tmp/pages" | cut -f1) |"
rm -rf "$tmp/one"
echo "| schemalift docs --single-file | $(( $(peak "$bin" docs $schema -o "$tmp/one" --single-file) / 1024 )) | $(du -sh "$tmp/one/README.md" | cut -f1) |"
echo "| graphql-markdown (node) | $(( $(peak "$peers/node_modules/.bin/graphql-markdown" $schema) / 1024 )) | $(du -sh "$tmp/gm.md" | cut -f1) |"

#!/usr/bin/env bash
# bench-pods-ingest.sh: dashsmith ingest of the pods corpus side by side
# with gzip -dc of the same files, with the peak RSS of each: the ingest
# row of the scale benchmarks (see README, "Performance").
#
# The corpus (eventgen --pods 20000 --days 30: about 1M install events of
# 20,000 pods, one gzipped file an hour) is generated once into
# .cache/pods-events/ (git-ignored) and kept. The site ingested into keeps
# count by dependency.name under cardinality: 10000, as a page per pod
# needs. The two commands run in turn, gzip -dc then ingest, BENCH_RUNS
# times (default 3), into a new store each run, with the files in the page
# cache; the table shows the median wall time of each, the median of the
# run-by-run ratios, and the largest peak RSS (GNU time's %M).
#
# Settings (environment): BENCH_RUNS, BENCH_PODS_EVENTS (the events
# folder), DASHSMITH and EVENTGEN (the binaries).
set -euo pipefail

cd "$(dirname "$0")/.."

DASHSMITH=${DASHSMITH:-bin/dashsmith}
EVENTGEN=${EVENTGEN:-bin/eventgen}
EVENTS=${BENCH_PODS_EVENTS:-.cache/pods-events}
RUNS=${BENCH_RUNS:-3}

die() { echo "bench-pods-ingest: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "/usr/bin/time is missing: install the Debian package time"
[ -x "$DASHSMITH" ] || die "$DASHSMITH is missing: run make $DASHSMITH first"
[ -x "$EVENTGEN" ] || die "$EVENTGEN is missing: run make $EVENTGEN first"

if [ ! -d "$EVENTS" ]; then
	echo "bench-pods-ingest: generating the pods corpus into $EVENTS (once)" >&2
	rm -rf "$EVENTS.tmp"
	"$EVENTGEN" --pods 20000 --days 30 --end 2026-11-26 --out "$EVENTS.tmp" >/dev/null
	mv "$EVENTS.tmp" "$EVENTS"
fi
EVENTS=$(cd "$EVENTS" && pwd)
DASHSMITH=$(cd "$(dirname "$DASHSMITH")" && pwd)/$(basename "$DASHSMITH")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The site: one dashboard of installs by pod, the cap of the scale issue.
mkdir -p "$work/site/content"
cat >"$work/site/dashsmith.yaml" <<YAML
title: Pods
store: bolt:$work/rollup.db
events: $EVENTS
cardinality: 10000
YAML
cat >"$work/site/content/pods.md" <<'MD'
---
title: Pods
queries:
  pods: {event: install, by: dependency.name, top: 20, every: day, range: last 30 days}
---
```chart
type: table
query: pods
```
MD

files=$(find "$EVENTS" -name '*.gz' | sort)
# The names are eventgen's (no spaces or globs): split on purpose.
# shellcheck disable=SC2086
gz=$(cat $files | wc -c)
# shellcheck disable=SC2086
cat $files >/dev/null # into the page cache

# run NAME CMD: one run; appends "seconds kb" to $work/NAME.
run() {
	/usr/bin/time -f '%e %M' -o "$work/time.out" bash -c "$2" || die "$1 failed: $2"
	cat "$work/time.out" >>"$work/$1"
}
for ((i = 1; i <= RUNS; i++)); do
	run gzip "gzip -dc ${files//$'\n'/ } >/dev/null"
	run ingest "rm -f '$work/rollup.db' && cd '$work/site' && '$DASHSMITH' ingest --json >'$work/report.json'"
	echo "bench-pods-ingest: run $i: gzip -dc $(tail -1 "$work/gzip" | cut -d' ' -f1)s, ingest $(tail -1 "$work/ingest" | cut -d' ' -f1)s" >&2
done
command -v jq >/dev/null && [ "$(jq .failed "$work/report.json")" != 0 ] && die "ingest failed some files"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
g=$(cut -d' ' -f1 "$work/gzip" | median)
s=$(cut -d' ' -f1 "$work/ingest" | median)
ratio=$(paste -d' ' "$work/ingest" "$work/gzip" | awk '{ print $1 / $3 }' | median)
grss=$(cut -d' ' -f2 "$work/gzip" | sort -n | tail -1)
irss=$(cut -d' ' -f2 "$work/ingest" | sort -n | tail -1)
echo
echo "$(echo "$files" | wc -l) files, $((gz / 1000000)) MB of gzip; median of $RUNS runs in turn, $(nproc) cores:"
echo
echo "| tool | seconds | × gzip -dc | peak RSS MB |"
echo "|---|---:|---:|---:|"
echo "| \`gzip -dc\` of every file to /dev/null | $g | 1.00 | $((grss / 1024)) |"
echo "| \`dashsmith ingest\`, count by dependency.name, cardinality 10,000 | $s | $(printf %.2f "$ratio") | $((irss / 1024)) |"

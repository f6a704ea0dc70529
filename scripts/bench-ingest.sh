#!/usr/bin/env bash
# bench-ingest.sh: dashsmith ingest side by side with gzip -dc and jq over
# 1 GB+ of gzipped Segment files, and ingest's peak memory at two input
# sizes. `make bench-ingest` (and `make bench`) runs it after building
# bin/dashsmith and bin/eventgen.
#
# The events are generated once into .cache/bench-events/ (git-ignored)
# and kept. Every tool runs BENCH_RUNS times (default 2) with the files in
# the page cache; the table shows the best time of each and the largest
# peak RSS of any one process of its runs (GNU time's %M).
#
# jq parses about 25,000 events a second on one core, so by default it
# reads the quarter of the files that the memory check uses (10 minutes
# a run otherwise); BENCH_JQ=all makes it read them all. Its ratio to
# gzip -dc is then per MB of input, as for the quarter ingest.
#
# Settings (environment): BENCH_RUNS, BENCH_EVENTS (the events folder),
# BENCH_JQ (quarter or all), DASHSMITH and EVENTGEN (the binaries).
# shellcheck disable=SC2016 # backquotes in single quotes are Markdown's
set -euo pipefail

cd "$(dirname "$0")/.."

DASHSMITH=${DASHSMITH:-bin/dashsmith}
EVENTGEN=${EVENTGEN:-bin/eventgen}
EVENTS=${BENCH_EVENTS:-.cache/bench-events}
RUNS=${BENCH_RUNS:-2}
JQ_INPUT=${BENCH_JQ:-quarter}
case $JQ_INPUT in quarter | all) ;; *) echo "bench-ingest: BENCH_JQ=$JQ_INPUT: use quarter or all" >&2; exit 1 ;; esac

# The data: 40 days from two Segment sources, 960 files each, about
# 600 MB of gzip each. Two generators run at once (each is parallel too).
GEN_DAYS=40
GEN_END=2026-11-20
GEN_SCALE=250
GEN_SOURCES="bench01 bench02"
MIN_BYTES=1000000000

die() { echo "bench-ingest: $*" >&2; exit 1; }

# need CMD PACKAGE: install a Debian package when a tool is missing.
need() {
	command -v "$1" >/dev/null 2>&1 && return
	[ "$(id -u)" = 0 ] || die "$1 is missing: install the Debian package $2 (apt-get install $2)"
	echo "bench-ingest: installing $2 with apt-get" >&2
	apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
need jq jq
need /usr/bin/time time
[ -x "$DASHSMITH" ] || die "$DASHSMITH is missing: run make bench-ingest, or make $DASHSMITH first"
[ -x "$EVENTGEN" ] || die "$EVENTGEN is missing: run make bench-ingest, or make $EVENTGEN first"

gz_bytes() { find "$1" -name '*.gz' -printf '%s\n' | awk '{ n += $1 } END { printf "%d\n", n }'; }

# 1. The events, once. A half-written folder never takes the final name.
if [ ! -d "$EVENTS" ]; then
	echo "bench-ingest: generating 1 GB+ of events into $EVENTS (once; a few minutes)" >&2
	tmp="$EVENTS.tmp"
	rm -rf "$tmp"
	mkdir -p "$tmp"
	pids=()
	seed=1
	for src in $GEN_SOURCES; do
		"$EVENTGEN" --out "$tmp" --days "$GEN_DAYS" --end "$GEN_END" --seed "$seed" \
			--scale "$GEN_SCALE" --source "$src" >"$tmp/.eventgen-$src.log" &
		pids+=("$!")
		seed=$((seed + 1))
	done
	for pid in "${pids[@]}"; do
		wait "$pid" || die "eventgen failed: see $tmp/.eventgen-*.log"
	done
	size=$(gz_bytes "$tmp")
	[ "$size" -ge "$MIN_BYTES" ] || die "generated only $size bytes of gzip; raise GEN_SCALE in $0"
	mv "$tmp" "$EVENTS"
fi

# Absolute paths from here on: the ingests run in other folders.
EVENTS=$(cd "$EVENTS" && pwd)
DASHSMITH=$(cd "$(dirname "$DASHSMITH")" && pwd)/$(basename "$DASHSMITH")
work=$(mktemp -d "$(dirname "$EVENTS")/bench-work.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A quarter of the files (every fourth), hard-linked: same files, less of them.
quarter="$work/quarter"
find "$EVENTS" -name '*.gz' | sort | awk 'NR % 4 == 1' | while read -r f; do
	dst="$quarter/${f#"$EVENTS"/}"
	mkdir -p "$(dirname "$dst")"
	ln "$f" "$dst"
done

all_bytes=$(gz_bytes "$EVENTS")
quarter_bytes=$(gz_bytes "$quarter")
all_files=$(find "$EVENTS" -name '*.gz' | wc -l)
quarter_files=$(find "$quarter" -name '*.gz' | wc -l)

# Read every file once, so that each tool finds them in the page cache.
find "$EVENTS" -name '*.gz' -print0 | xargs -0 cat >/dev/null

# measure NAME CMD [RUN]: run CMD (a bash command line) RUNS times, or
# once as run RUN; keeps the best wall time in best[NAME] and the largest
# peak RSS (KB) in rss[NAME].
declare -A best rss
measure() {
	local name=$1 cmd=$2 i out secs kb first=1 last=$RUNS
	if [ -n "${3:-}" ]; then first=$3 last=$3; fi
	for ((i = first; i <= last; i++)); do
		out="$work/time.out"
		/usr/bin/time -f '%e %M' -o "$out" bash -c "$cmd" || die "$name failed: $cmd"
		read -r secs kb <"$out"
		echo "bench-ingest: $name run $i: ${secs}s, peak RSS $((kb / 1024)) MB" >&2
		if [ -z "${best[$name]:-}" ] || awk "BEGIN { exit !($secs < ${best[$name]}) }"; then
			best[$name]=$secs
		fi
		if [ -z "${rss[$name]:-}" ] || [ "$kb" -gt "${rss[$name]}" ]; then
			rss[$name]=$kb
		fi
	done
}

# ingest_cmd SITE FROM NAME: one ingest into a fresh store, its report
# kept in report-NAME.json. SITE is the folder it runs in: its
# dashsmith.yaml and content/ name the rollups kept besides the counts.
ingest_cmd() {
	local db="$work/rollup-$3.db"
	echo "rm -f '$db' && cd '$1' && '$DASHSMITH' ingest --json --from '$2' --store 'bolt:$db' >'$work/report-$3.json' && rm -f '$db'"
}
mkdir -p "$work/bare" # no rollups, no dashboards: counts only
echo "title: bench" >"$work/bare/dashsmith.yaml"

echo "bench-ingest: $all_files files, $((all_bytes / 1000000)) MB of gzip; $RUNS runs each" >&2
measure gzip "find '$EVENTS' -name '*.gz' -print0 | xargs -0 cat | gzip -dc >/dev/null"
for ((r = 1; r <= RUNS; r++)); do
	# One run at a time, so that each gets a fresh store.
	measure ingest_demo "$(ingest_cmd "$PWD" "$EVENTS" all)" "$r"
	measure ingest_bare "$(ingest_cmd "$work/bare" "$EVENTS" bare)" "$r"
	measure ingest_quarter "$(ingest_cmd "$PWD" "$quarter" quarter)" "$r"
done
jq_dir=$EVENTS
[ "$JQ_INPUT" = all ] || jq_dir=$quarter
measure jq "find '$jq_dir' -name '*.gz' -print0 | xargs -0 cat | gzip -dc |
	jq -nR 'reduce (inputs | fromjson? | .timestamp? | strings | .[0:13]) as \$h ({}; .[\$h] += 1)' >/dev/null"

events=$(jq .accepted "$work/report-all.json")
quarter_events=$(jq .accepted "$work/report-quarter.json")
[ "$(jq .failed "$work/report-all.json")" = 0 ] || die "ingest failed some files: $(jq -c .errors "$work/report-all.json")"
[ "$(jq .accepted "$work/report-bare.json")" = "$events" ] || die "the two ingests accepted different numbers of events"

row() { # NAME LABEL BYTES EVENTS: the ratio is of time per byte of input
	awk -v label="$2" -v s="${best[$1]}" -v g="${best[gzip]}" -v all="$all_bytes" -v b="$3" -v e="$4" -v kb="${rss[$1]}" 'BEGIN {
		printf "| %s | %.1f | %.2f | %.1f | %.0f | %.0f |\n", label, s, (s / b) / (g / all), b / 1e6 / s, e / s, kb / 1024
	}'
}
cpus=$(nproc)
echo
echo "$all_files files, $(awk -v b="$all_bytes" 'BEGIN { printf "%.2f", b / 1e9 }') GB of gzip, $events events; best of $RUNS runs, files in the page cache, $cpus cores:"
echo
echo "| tool | seconds | × gzip -dc | MB/s of gzip | events/s | peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|"
row gzip '`gzip -dc` of every file to /dev/null' "$all_bytes" "$events"
row ingest_bare '`dashsmith ingest`, counts only (no dashboards)' "$all_bytes" "$events"
row ingest_demo '`dashsmith ingest`, the demo dashboards'"'"' rollups' "$all_bytes" "$events"
row ingest_quarter '`dashsmith ingest`, the same on a quarter of the files' "$quarter_bytes" "$quarter_events"
if [ "$JQ_INPUT" = all ]; then
	row jq '`gzip -dc \| jq`, events per hour' "$all_bytes" "$events"
else
	row jq '`gzip -dc \| jq`, events per hour, on the quarter' "$quarter_bytes" "$quarter_events"
fi
echo
echo "Peak RSS of ingest: $((rss[ingest_quarter] / 1024)) MB for $quarter_files files, $((rss[ingest_demo] / 1024)) MB for $all_files."

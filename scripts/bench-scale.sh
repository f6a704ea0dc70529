#!/usr/bin/env bash
# bench-scale.sh: dashsmith at CocoaPods scale, side by side with gzip -dc
# and Hugo, with the peak RSS of each. `make bench-scale` runs it after
# building bin/dashsmith, bin/eventgen and bin/benchsite.
#
# 1. Ingest of the pods corpus (eventgen --pods: about 1M install events
#    of 20,000 pods over 30 days, one file an hour) into a new bolt store,
#    beside `gzip -dc` of the same files: once with a breakdown by
#    dependency.name alone, once with the rollups of the pod template below.
# 2. A full build of a site of one template, content/pods/pod.md (each:
#    dependency.name, each_event: install, no each_top, three charts),
#    beside Hugo building 20,000 plain pages of prose of the same length.
# 3. An incremental build after one more hour of events is ingested, one
#    hour later: its time, and the pages rendered and reused.
# 4. The 1,000-dashboard site of BenchmarkBuild1000 (4 charts a page,
#    internal/benchsite) beside Hugo building 1,000 plain pages.
#
# Each pair runs A B A B, BENCH_RUNS rounds (default 3), every build into a
# new output folder. The table gives the median time and the median peak
# RSS (GNU time's %M: the largest single process) of each, and the median
# of the rounds' ratios. Everything is made in a temporary folder, removed
# at the end; only Hugo stays, installed once with `go install` into
# .cache/hugo/<version>/ (git-ignored).
#
# Settings (environment): BENCH_RUNS; BENCH_TMP, the folder the temporary
# one is made in (default /dev/shm when writable, so that file creation
# does not weigh on both sides as the disk would, else $TMPDIR or /tmp);
# BENCH_NICE, the niceness of the timed commands (default 10; 0 for none);
# BENCH_EACH_TOP, an each_top for the template (default none: every value
# the each plugin gives); BENCH_PODS and BENCH_EVENTS, the corpus's pods
# and events (default 20000 and 1000000); BENCH_VERBOSE=1 shows
# progress (shown anyway on a terminal). DASHSMITH, EVENTGEN, BENCHSITE
# (the binaries), GO and HUGO_MODULE (module@version) come from the Makefile.
# shellcheck disable=SC2016 # $each and backquotes in single quotes are dashsmith's and Markdown's
set -euo pipefail

cd "$(dirname "$0")/.."
export LC_ALL=C # sort and comm agree, awk writes 0.25, not 0,25

DASHSMITH=${DASHSMITH:-bin/dashsmith}
EVENTGEN=${EVENTGEN:-bin/eventgen}
BENCHSITE=${BENCHSITE:-bin/benchsite}
GO=${GO:-go}
HUGO_MODULE=${HUGO_MODULE:-github.com/gohugoio/hugo@v0.165.0}
RUNS=${BENCH_RUNS:-3}
NICE=${BENCH_NICE:-10}
EACH_TOP=${BENCH_EACH_TOP:-}
PODS=${BENCH_PODS:-20000}

# The corpus: 30 days up to END (fixed, so that runs compare), less its
# last 12 hours: built as of NOW0, midday of its last day; then the hour
# after NOW0 (the corpus's own file of that hour), built as of NOW1. An
# hour in the middle of a day, as most are: the first hour of a day also
# starts a new bucket on every daily chart, which every page then shows.
END=2026-11-26
DAYS=30
NOW0=2026-11-25T12:00:00Z
NOW1=2026-11-25T13:00:00Z
EVENTS=${BENCH_EVENTS:-1000000}
NOW1000=2026-11-25T12:00:00Z # benchsite.Now

die() { echo "bench-scale: $*" >&2; exit 1; }
say() { if [ -t 2 ] || [ "${BENCH_VERBOSE:-}" = 1 ]; then echo "bench-scale: $*" >&2; fi; }

case $RUNS in '' | *[!0-9]* | 0) die "BENCH_RUNS=$RUNS: use a whole number, 1 or more" ;; esac
case $NICE in '' | *[!0-9]*) die "BENCH_NICE=$NICE: use 0 to 19" ;; esac
case $EACH_TOP in *[!0-9]*) die "BENCH_EACH_TOP=$EACH_TOP: use a whole number, or leave it unset" ;; esac
case $PODS$EVENTS in *[!0-9]*) die "BENCH_PODS=$PODS, BENCH_EVENTS=$EVENTS: use whole numbers" ;; esac
case $HUGO_MODULE in github.com/gohugoio/hugo@v*) ;; *) die "HUGO_MODULE=$HUGO_MODULE: use github.com/gohugoio/hugo@vX.Y.Z" ;; esac

# need CMD PACKAGE: install a Debian package when a tool is missing.
need() {
	command -v "$1" >/dev/null 2>&1 && return
	[ "$(id -u)" = 0 ] || die "$1 is missing: install the Debian package $2 (apt-get install $2)"
	say "installing $2 with apt-get"
	apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
need jq jq
need /usr/bin/time time
for bin in "$DASHSMITH" "$EVENTGEN" "$BENCHSITE"; do
	[ -x "$bin" ] || die "$bin is missing: run make bench-scale, or make $bin first"
done
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
DASHSMITH=$(abs "$DASHSMITH")
EVENTGEN=$(abs "$EVENTGEN")
BENCHSITE=$(abs "$BENCHSITE")

# Hugo, once: the standard edition (the extended one needs cgo), built by
# the Go toolchain at hand, into .cache/hugo/<version>/ and nowhere else.
hugo_version=${HUGO_MODULE##*@}
HUGO=$PWD/.cache/hugo/$hugo_version/hugo
if [ ! -x "$HUGO" ]; then
	say "installing Hugo $hugo_version with go install (once; a few minutes)"
	mkdir -p "$(dirname "$HUGO")"
	log=$(dirname "$HUGO")/install.log
	if ! GOFLAGS='' GOBIN=$(dirname "$HUGO") CGO_ENABLED=0 GOTOOLCHAIN=local \
		nice -n "$NICE" "$GO" install "$HUGO_MODULE" >"$log" 2>&1; then
		grep -v '^go: downloading' "$log" >&2 || true
		rm -rf "$(dirname "$HUGO")"
		die "go install $HUGO_MODULE failed (above): pick a Hugo whose go.mod the Go toolchain at hand can build (HUGO in the Makefile)"
	fi
	rm -f "$log"
fi

base=${BENCH_TMP:-}
if [ -z "$base" ]; then
	base=${TMPDIR:-/tmp}
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then base=/dev/shm; fi
fi
work=$(mktemp -d "$base/bench-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
fs=$(stat -f -c %T "$work")

# measure NAME ROUND CMD: run CMD (a bash command line) under nice and
# GNU time; appends "NAME ROUND seconds KB" to runs.
runs=$work/runs
: >"$runs"
measure() {
	local out=$work/time.out secs kb
	/usr/bin/time -f '%e %M' -o "$out" nice -n "$NICE" bash -c "$3" || die "$1 failed: $3"
	read -r secs kb <"$out"
	say "$1 round $2: ${secs}s, peak RSS $((kb / 1024)) MB"
	echo "$1 $2 $secs $kb" >>"$runs"
}

# 1. The corpus, and one more hour: the files of the hours from NOW0 on
# are taken out of it (a file is named by the epoch ms it was uploaded, an
# hour or so after its hour began); the one of the hour at NOW0 is the
# hour ingested later, the others are dropped.
say "generating the pods corpus: $PODS pods, $DAYS days to $END"
nice -n "$NICE" "$EVENTGEN" --pods "$PODS" --days "$DAYS" --end "$END" --events "$EVENTS" --out "$work/events" >/dev/null
from_ms=$(($(date -u -d "$NOW0" +%s) * 1000 + 3600000)) # uploads of the hour at NOW0 start an hour after it
next_ms=$((from_ms + 3600000))
mkdir -p "$work/hour"
while read -r f; do
	ms=$(basename "$f" | cut -d. -f1)
	if [ "$ms" -ge "$from_ms" ] && [ "$ms" -lt "$next_ms" ]; then
		mkdir -p "$work/hour/$(basename "$(dirname "$f")")"
		mv "$f" "$work/hour/$(basename "$(dirname "$f")")/"
	elif [ "$ms" -ge "$next_ms" ]; then
		rm "$f"
	fi
done < <(find "$work/events" -name '*.gz')
hour_file=$(find "$work/hour" -name '*.gz' | head -1)
[ -n "$hour_file" ] || die "no file of the hour at $NOW0 in the corpus"
gz_files=$(find "$work/events" -name '*.gz' | wc -l)
gz_bytes=$(find "$work/events" -name '*.gz' -printf '%s\n' | awk '{ n += $1 } END { printf "%d\n", n }')

# The sites. The pod template says $each where the value goes; its three
# charts: installs per day (the breakdown by dependency.name, filtered to
# the pod), their total as a number, and the versions of the pod per day.
prose1='How often {{ each }} was installed over the last 30 days. An install is one run of pod install in a project that depends on it, counted in the hour it happened, so a team that installs every morning counts every morning.'
prose2='The versions of {{ each }} those installs resolved to, day by day. A new release shows as a new colour taking over from the old one within a few days; a version that stays means projects that pinned it.'
prose3='These numbers come from the install events, rolled up by the hour and added up by the day in UTC. Each chart has its data under it, as CSV and JSON, for a closer look.'
mksite() { # DIR BY_VERSION: a pods site, with the versions chart when BY_VERSION is 1
	mkdir -p "$1/content/pods"
	printf 'title: Pods\nstore: bolt:rollup.db\ncardinality: 10000\n' >"$1/dashsmith.yaml"
	{
		printf -- '---\ntitle: "Pod: $each"\ndescription: Installs of $each over the last 30 days.\n'
		printf 'each: dependency.name\neach_event: install\n'
		[ -z "$EACH_TOP" ] || printf 'each_top: %s\n' "$EACH_TOP"
		printf 'queries:\n'
		printf '  daily: {event: install, by: dependency.name, filter: $each, every: day, range: last 30 days}\n'
		[ "$2" = 0 ] || printf '  versions: {event: install, by: dependency.version, where: {dependency.name: $each}, every: day, range: last 30 days}\n'
		printf -- '---\n%s\n\n' "$prose1"
		printf '```chart\ntype: number\nquery: daily\ntitle: Installs, last 30 days\nwidth: 1/3\n```\n\n'
		printf '```chart\ntype: line\nquery: daily\ntitle: Installs per day\nwidth: 2/3\n```\n\n'
		[ "$2" = 0 ] || printf '%s\n\n```chart\ntype: stacked\nquery: versions\ntitle: Installs per day by version\n```\n\n' "$prose2"
		printf '%s\n' "$prose3"
	} >"$1/content/pods/pod.md"
}
mksite "$work/site" 1
mksite "$work/site-names" 0

# mkhugo DIR N FOLDERS TITLE TEXT...: a Hugo site of N plain pages spread
# over FOLDERS folders of content/ (dash-%04d.md in team-%02d/ when FOLDERS
# is above 1, else pods/pod-%05d.md), titled TITLE N, whose text is the
# paragraphs TEXT with {{ each }} made the page's name; a minimal layout.
mkhugo() {
	local dir=$1 n=$2 folders=$3 title=$4
	shift 4
	mkdir -p "$dir/content" "$dir/layouts"
	printf 'baseURL = "https://example.org/"\ntitle = "Bench"\ndisableKinds = ["taxonomy", "term"]\n' >"$dir/hugo.toml"
	printf '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>\n<body><main>{{ block "main" . }}{{ end }}</main></body></html>\n' >"$dir/layouts/baseof.html"
	printf '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n' >"$dir/layouts/page.html"
	printf '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n' >"$dir/layouts/list.html"
	printf '%s\n\n' "$@" | awk -v dir="$dir/content" -v n="$n" -v folders="$folders" -v title="$title" '
		{ text = text $0 "\n" }
		END {
			for (i = 0; i < n; i++) {
				if (folders > 1) { sub_ = sprintf("team-%02d", i % folders); name = sprintf("dash-%04d", i) }
				else { sub_ = "pods"; name = sprintf("pod-%05d", i) }
				if (!(sub_ in made)) { system("mkdir -p \"" dir "/" sub_ "\""); made[sub_] = 1 }
				file = dir "/" sub_ "/" name ".md"
				body = text
				while ((at = index(body, "{{ each }}")) > 0) body = substr(body, 1, at - 1) name substr(body, at + 10)
				printf "---\ntitle: \"%s %d\"\n---\n%s", title, i, body > file
				close(file)
			}
		}'
}
mkhugo "$work/hugo-pods" "$PODS" 1 "Pod" "$prose1" "$prose2" "$prose3"
mkhugo "$work/hugo-1000" 1000 20 "Dashboard" "How Event 03 went." "Last 30 days, per hour, per week, per month."
"$BENCHSITE" --out "$work/site-1000" >/dev/null

# Read every file once, so that each tool finds them in the page cache.
find "$work/events" -name '*.gz' -print0 | xargs -0 cat >/dev/null

# 2. Ingest beside gzip -dc, A B C A B C.
ingest_cmd() { # SITE REPORT: an ingest of the corpus into SITE's store, new
	echo "cd '$1' && '$DASHSMITH' ingest --json --from '$work/events' >'$2'"
}
for ((r = 1; r <= RUNS; r++)); do
	measure gzip "$r" "find '$work/events' -name '*.gz' -print0 | xargs -0 cat | gzip -dc >/dev/null"
	rm -f "$work/site-names/rollup.db"
	measure ingest_names "$r" "$(ingest_cmd "$work/site-names" "$work/report-names.json")"
	rm -f "$work/site/rollup.db"
	measure ingest "$r" "$(ingest_cmd "$work/site" "$work/report.json")"
done
rm -rf "$work/site-names"
events=$(jq .accepted "$work/report.json")
[ "$(jq .failed "$work/report.json")" = 0 ] || die "ingest failed some files: $(jq -c .errors "$work/report.json")"
[ "$(jq .accepted "$work/report-names.json")" = "$events" ] || die "the two ingests accepted different numbers of events"

# 3. A full build beside Hugo's, each into a new folder.
summary() { # FILE: the pages and the pages reused of a build's summary line
	sed -n 's/^build: \([0-9]*\) pages (\([0-9]*\) unchanged since the last build).*/\1 \2/p' "$1"
}
for ((r = 1; r <= RUNS; r++)); do
	rm -rf "$work/public"
	measure build "$r" "cd '$work/site' && '$DASHSMITH' build --now $NOW0 --out '$work/public' >'$work/build.out'"
	rm -rf "$work/hugo-pods/public"
	measure hugo "$r" "'$HUGO' --quiet --source '$work/hugo-pods' --cacheDir '$work/hugo-cache' >/dev/null"
done
read -r pages _ < <(summary "$work/build.out")
[ -n "${pages:-}" ] || die "no summary line from dashsmith build: $(cat "$work/build.out")"
hugo_pages=$(find "$work/hugo-pods/public" -name index.html | wc -l)
mv "$work/public" "$work/full"
# The pods that have a page: the pages titled "Pod: <name>" (the list of
# them is titled otherwise, however many pages it takes).
find "$work/full/pods/pod" -name index.html -print0 |
	xargs -0 sed -n 's|.*<title>Pod: \(.*\) · .*</title>.*|\1|p' | sort -u >"$work/page-pods"
pod_pages=$(wc -l <"$work/page-pods")
rm -rf "$work/hugo-pods"

# 4. One more hour: its ingest, then builds as of an hour later over the
# full build (hard links: a build writes a new folder and renames it).
measure ingest_hour 1 "cd '$work/site' && '$DASHSMITH' ingest --json --from '$work/hour' >'$work/report-hour.json'"
hour_events=$(jq .accepted "$work/report-hour.json")
gzip -dc "$hour_file" | jq -Rr 'fromjson? | .properties.dependency.name? // empty | strings' | sort -u >"$work/hour-pods"
for ((r = 1; r <= RUNS; r++)); do
	rm -rf "$work/inc"
	cp -al "$work/full" "$work/inc"
	measure incremental "$r" "cd '$work/site' && '$DASHSMITH' build --now $NOW1 --out '$work/inc' >'$work/inc.out'"
done
read -r inc_pages inc_reused < <(summary "$work/inc.out")
[ -n "${inc_reused:-}" ] || die "no summary line from dashsmith build: $(cat "$work/inc.out")"
hour_pods=$(wc -l <"$work/hour-pods")
hour_page_pods=$(comm -12 "$work/page-pods" "$work/hour-pods" | wc -l) # pods with a page and installs in the hour
rm -rf "$work/inc" "$work/full"

# 5. The 1,000-dashboard site beside Hugo's 1,000 plain pages.
for ((r = 1; r <= RUNS; r++)); do
	rm -rf "$work/public"
	measure build1000 "$r" "cd '$work/site-1000' && '$DASHSMITH' build --now $NOW1000 --out '$work/public' >'$work/build1000.out'"
	rm -rf "$work/hugo-1000/public"
	measure hugo1000 "$r" "'$HUGO' --quiet --source '$work/hugo-1000' --cacheDir '$work/hugo-cache' >/dev/null"
done
read -r pages1000 _ < <(summary "$work/build1000.out")
hugo1000_pages=$(find "$work/hugo-1000/public" -name index.html | wc -l)

# 6. The table: medians of time, peak RSS and the rounds' ratios.
med() { # NAME FIELD: the median of a field of NAME's runs (3 seconds, 4 KB)
	awk -v n="$1" -v f="$2" '$1 == n { print $f }' "$runs" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { # A B FIELD: the median over rounds of A's FIELD over B's
	awk -v a="$1" -v b="$2" -v f="$3" '$1 == a { x[$2] = $f } $1 == b { y[$2] = $f }
		END { for (r in x) if (y[r] > 0) print x[r] / y[r] }' "$runs" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
row() { # LABEL NAME PAGES REF GOAL: NAME's medians, and its ratios to REF's (of peak RSS but to gzip's)
	local rt="" rr=""
	if [ -n "$4" ]; then rt=$(ratio "$2" "$4" 3); fi
	if [ -n "$4" ] && [ "$4" != gzip ]; then rr=$(ratio "$2" "$4" 4); fi
	awk -v label="$1" -v s="$(med "$2" 3)" -v kb="$(med "$2" 4)" -v pages="$3" -v rt="$rt" -v rr="$rr" -v goal="$5" 'BEGIN {
		per = pages > 0 ? sprintf("%.2f", s * 1000 / pages) : ""
		if (rt != "") rt = sprintf("%.2f", rt)
		if (rr != "") rr = sprintf("%.2f", rr)
		printf "| %s | %.2f | %s | %.0f | %s | %s | %s |\n", label, s, per, kb / 1024, rt, rr, goal
	}'
}
n() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; } # 20000 -> 20,000
cores=$(nproc)
top_note="no each_top"
[ -z "$EACH_TOP" ] || top_note="each_top: $EACH_TOP"
echo
echo "\`make bench-scale\`: $gz_files files, $(awk -v b="$gz_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB of gzip, $(n "$events") install events of $(n "$PODS") pods over $DAYS days; median of $RUNS rounds run A B A B, $cores cores, output on $fs:"
echo
echo "| what | seconds | ms a page | peak RSS MB | × time | × peak RSS | goal |"
echo "|---|---:|---:|---:|---:|---:|---|"
row '`gzip -dc` of the files to /dev/null' gzip 0 "" ""
row '`dashsmith ingest`, a breakdown by `dependency.name` alone' ingest_names 0 gzip "time ≤ 1.5 × gzip -dc"
row '`dashsmith ingest`, the pod template'"'"'s rollups (that, and by `dependency.name,dependency.version` for its `where`)' ingest 0 gzip "time ≤ 1.5 × gzip -dc"
row "Hugo $hugo_version, $(n "$hugo_pages") plain pages" hugo "$hugo_pages" "" ""
row "\`dashsmith build\` of the pod template ($top_note): $(n "$pages") pages, $(n "$pod_pages") of pods" build "$pages" hugo "≤ 1.0 × Hugo, time and peak RSS"
row "\`dashsmith ingest\` of one more hour ($(n "$hour_events") installs of $(n "$hour_pods") pods)" ingest_hour 0 "" ""
row "\`dashsmith build\` an hour later: $(n $((inc_pages - inc_reused))) pages rendered, $(n "$inc_reused") reused ($(n "$hour_page_pods") pod pages had installs in the hour)" incremental "$inc_pages" build "only those pods' pages rendered"
row "Hugo $hugo_version, $(n "$hugo1000_pages") plain pages" hugo1000 "$hugo1000_pages" "" ""
row "\`dashsmith build\` of the 1,000-dashboard site (4 charts a page): $(n "$pages1000") pages" build1000 "$pages1000" hugo1000 "time ≤ 1.0 × Hugo"
echo
echo "Ratios are medians of the rounds' ratios: ingest to \`gzip -dc\`, a build to Hugo's beside it, the build an hour later to the full one."

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The crash tests check DESIGN.md's promise about ingest: each file is
// applied exactly once per rollup, whatever moment the process dies at,
// whoever else opens the store, and whatever state a file is in. They run
// the real binary and compare what query, events and health print with a
// clean run, byte for byte.

// crashConfig keeps a sum, a unique and breakdowns besides the counts.
// Its cardinality cap of 2 folds plans into (other) in most hours, so which
// plans an hour keeps depends on the order files are applied in: a killed
// and resumed ingest must apply them in the same order as a clean one.
const crashConfig = `title: Crash
cardinality: 2
rollups:
  - {event: Order Completed, measures: [count, sum(revenue), unique(userId)], by: [plan]}
  - {event: Signed Up, by: [plan]}
`

// plainConfig keeps the counts only, so that a later ingest with
// crashConfig has rollups to backfill.
const plainConfig = "title: Crash\n"

// The generated data: 10 days (240 files) received up to crashEnd.
const (
	crashDays = "10"
	crashEnd  = "2026-11-20"
	crashSeed = "11"
	// The query window: the data's days plus room for late events.
	crashFrom = "2026-11-05"
	crashTo   = "2026-11-21"
)

// crashSite is a site folder with generated events and the reference
// results of one clean ingest of them.
type crashSite struct {
	dir     string        // dashsmith.yaml (rollups), plain.yaml, events/
	files   int           // event files generated
	names   []string      // event names, from the reference's events
	ref     string        // the reference results, as text
	refTime time.Duration // wall time of the reference ingest, process start to exit
}

// newCrashSite generates the events and ingests them once, cleanly, into
// a store of its own (store A) to record the reference results.
func newCrashSite(t *testing.T) *crashSite {
	t.Helper()
	s := &crashSite{dir: t.TempDir()}
	s.write(t, "dashsmith.yaml", crashConfig)
	s.write(t, "plain.yaml", plainConfig)
	mustRun(t, s.dir, binEventgen, "--out", "events", "--days", crashDays, "--end", crashEnd, "--seed", crashSeed)
	s.files = len(eventFiles(t, filepath.Join(s.dir, "events")))

	storeA := s.store("a.db")
	start := time.Now()
	mustRun(t, s.dir, binDashsmith, "ingest", "--from", "events", storeA)
	s.refTime = time.Since(start)

	out := mustRun(t, s.dir, binDashsmith, "events", "--format", "json", storeA)
	var list []struct{ Event string }
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("events --format json: %v\n%s", err, out)
	}
	for _, ev := range list {
		s.names = append(s.names, ev.Event)
	}
	for _, want := range []string{"Order Completed", "Signed Up"} {
		if !strings.Contains(out, `"`+want+`"`) {
			t.Fatalf("the generated events hold no %q; the test needs it", want)
		}
	}
	s.ref = s.results(t, storeA)
	if !strings.Contains(s.ref, "(other)") {
		t.Fatal("no plan was folded into (other): the test needs the cardinality cap to bite")
	}
	return s
}

// store is the --store flag for a bolt file in the site folder.
func (s *crashSite) store(name string) string {
	return "--store=bolt:" + filepath.Join(s.dir, name)
}

func (s *crashSite) write(t *testing.T, name, text string) {
	t.Helper()
	path := filepath.Join(s.dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// results prints every result that matters from a store, as one text:
// the event list with totals, the ingestion health per day, each event's
// count per day, and every rollup of crashConfig per day.
func (s *crashSite) results(t *testing.T, store string) string {
	t.Helper()
	var b strings.Builder
	add := func(title string, args ...string) {
		fmt.Fprintf(&b, "## %s\n%s", title, mustRun(t, s.dir, binDashsmith, append(args, store)...))
	}
	day := []string{"--every", "day", "--from", crashFrom, "--to", crashTo}
	query := func(title, event string, more ...string) {
		add(title, append(append([]string{"query", "--event", event}, day...), more...)...)
	}
	add("events", "events", "--format", "json")
	add("health", "health", "--format", "csv")
	for _, name := range s.names {
		query("count of "+name+" by day", name)
	}
	query("sum(revenue) of Order Completed by day", "Order Completed", "--measure", "sum(revenue)")
	query("unique(userId) of Order Completed by day", "Order Completed", "--measure", "unique(userId)")
	query("Order Completed by plan by day", "Order Completed", "--by", "plan")
	query("sum(revenue) of Order Completed by plan by day", "Order Completed", "--measure", "sum(revenue)", "--by", "plan")
	query("unique(userId) of Order Completed by plan by day", "Order Completed", "--measure", "unique(userId)", "--by", "plan")
	query("Signed Up by plan by day", "Signed Up", "--by", "plan")
	return b.String()
}

// same fails the test when a store's results differ from the reference.
func (s *crashSite) same(t *testing.T, store, what string) {
	t.Helper()
	if got := s.results(t, store); got != s.ref {
		t.Fatalf("%s: the results differ from a clean ingest:\n%s", what, firstDiff(s.ref, got))
	}
}

// firstDiff shows the first line where two texts differ, with the
// section it is in.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	section := ""
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if strings.HasPrefix(wl, "## ") {
			section = wl
		}
		if wl != gl {
			return fmt.Sprintf("%s, line %d:\n  clean: %q\n  got:   %q", section, i+1, wl, gl)
		}
	}
	return "(no difference)"
}

// eventFiles lists the files under root, as ingest sees them.
func eventFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// appliedFiles is how many files a store has applied, from health.
func appliedFiles(t *testing.T, dir, store string) int64 {
	t.Helper()
	// Killed before the store's file was made (or before bbolt wrote its
	// first pages): nothing is applied, and health, which only reads,
	// would say there is no store.
	if fi, err := os.Stat(strings.TrimPrefix(store, "--store=bolt:")); err != nil || fi.Size() == 0 {
		return 0
	}
	out := mustRun(t, dir, binDashsmith, "health", "--format", "json", store)
	var days []struct{ Files int64 }
	if err := json.Unmarshal([]byte(out), &days); err != nil {
		t.Fatalf("health --format json: %v\n%s", err, out)
	}
	var n int64
	for _, d := range days {
		n += d.Files
	}
	return n
}

// killOutcome is what one run of ingest under a kill timer did.
type killOutcome struct {
	killed   bool // SIGKILL ended it
	finished bool // the ingest had finished: it exited 0, or printed its summary before the kill
}

// ingestKilled starts dashsmith with args and sends it SIGKILL after
// delay, unless it has exited by then. Any exit but 0 or the kill fails
// the test: a killed run must never leave a store the next run cannot use.
func ingestKilled(t *testing.T, dir string, delay time.Duration, args ...string) killOutcome {
	t.Helper()
	cmd := exec.Command(binDashsmith, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GITHUB_ACTIONS=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	timer := time.NewTimer(delay)
	select {
	case <-exited:
		timer.Stop()
	case <-timer.C:
		cmd.Process.Kill() // SIGKILL; an error only means it has just exited
		<-exited
	}
	st := cmd.ProcessState
	if st.ExitCode() == -1 { // ended by a signal: ours
		return killOutcome{killed: true, finished: strings.Contains(out.String(), "ingest:")}
	}
	if st.ExitCode() != 0 {
		t.Fatalf("dashsmith %s: exit %d after the runs killed before it\nstdout:\n%s\nstderr:\n%s",
			strings.Join(args, " "), st.ExitCode(), out.String(), errb.String())
	}
	return killOutcome{finished: true}
}

// killRuns is how many runs TestIngestKill9 kills: DASHSMITH_KILL_RUNS, or 40.
func killRuns(t *testing.T) int {
	v := os.Getenv("DASHSMITH_KILL_RUNS")
	if v == "" {
		return 40
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("DASHSMITH_KILL_RUNS=%q: want a number of runs, e.g. 400", v)
	}
	return n
}

// killSeed seeds the kill delays: DASHSMITH_KILL_SEED, or 1.
func killSeed(t *testing.T) uint64 {
	v := os.Getenv("DASHSMITH_KILL_SEED")
	if v == "" {
		return 1
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		t.Fatalf("DASHSMITH_KILL_SEED=%q: want a number", v)
	}
	return n
}

// TestIngestKill9 kills ingest with SIGKILL at random moments, from before
// its first commit to after its last, and checks that the store it leaves
// behind, once a last ingest finishes, answers every query exactly as a
// clean ingest does: no file lost, none counted twice, for the counts and
// for every rollup, backfills included.
//
// The runs go in rounds on fresh stores, so that most kills find work to
// interrupt. A round is one of:
//   - new: ingest with the rollups from an empty store;
//   - base, then backfill: ingest without rollups (killed), then with them;
//   - backfill: an empty store gets a clean ingest without rollups, then
//     every killed run is a backfill of the rollups.
//
// A phase of a round ends when a run finishes on its own, or after a few
// kills; a round ends with an ingest run to completion and a comparison
// with the reference. DASHSMITH_KILL_RUNS sets the number of killed runs
// (40); DASHSMITH_KILL_SEED the seed of the delays.
// commitFiles makes the killed ingests commit many times (every 16 of the
// 240 files), so that kills land between commits too.
const commitFiles = "16"

func TestIngestKill9(t *testing.T) {
	s := newCrashSite(t)
	runs, seed := killRuns(t), killSeed(t)
	rng := rand.New(rand.NewPCG(seed, 0x6b696c6c))

	// How long each kind of work takes when nothing stops it: the kill
	// delays spread from 0 to a bit more than that.
	timed := func(config, store string) time.Duration {
		start := time.Now()
		mustRun(t, s.dir, binDashsmith, "ingest", "--config", config, "--from", "events", "--commit-files", commitFiles, store)
		return time.Since(start)
	}
	tNew := min(s.refTime, timed("dashsmith.yaml", s.store("t1.db")))
	tBase := timed("plain.yaml", s.store("t2.db"))
	tBackfill := timed("dashsmith.yaml", s.store("t2.db"))
	t.Logf("%d files; a clean ingest takes %v with the rollups, %v without, %v to backfill them (seed %d)",
		s.files, tNew.Round(time.Millisecond), tBase.Round(time.Millisecond), tBackfill.Round(time.Millisecond), seed)

	const perPhase = 8 // kills at most per phase before it moves on
	rounds := []struct {
		name    string
		setup   bool     // a clean ingest without rollups first
		configs []string // the phases: --config with rollups or without
	}{
		{"new", false, []string{"dashsmith.yaml"}},
		{"base, then backfill", false, []string{"plain.yaml", "dashsmith.yaml"}},
		{"backfill", true, []string{"dashsmith.yaml"}},
	}
	var used, round, finished, killed int
	var before, between, after, backfill int // runs killed mid-way, by where
	for used < runs {
		r := rounds[round%len(rounds)]
		round++
		store := s.store(fmt.Sprintf("b%d.db", round))
		baseDone := false // every file's counts are in: what is left is backfill
		if r.setup {
			mustRun(t, s.dir, binDashsmith, "ingest", "--config", "plain.yaml", "--from", "events", store)
			baseDone = true
		}
		for _, config := range r.configs {
			for n := 0; n < perPhase && used < runs; n++ {
				used++
				full := tNew
				switch {
				case baseDone:
					full = tBackfill
				case config == "plain.yaml":
					full = tBase
				}
				delay := time.Duration(rng.Int64N(int64(full+full/4) + 1))
				o := ingestKilled(t, s.dir, delay, "ingest", "--config", config, "--from", "events", "--commit-files", commitFiles, store)
				if o.killed {
					killed++
				}
				if o.finished {
					finished++
					baseDone = true
					break // nothing left for this phase to interrupt
				}
				if baseDone {
					backfill++
					continue
				}
				switch applied := appliedFiles(t, s.dir, store); {
				case applied == 0:
					before++
				case applied < int64(s.files):
					between++ // some files in, some not
				default:
					after++
				}
			}
		}
		// A last ingest, never killed, and the comparison.
		mustRun(t, s.dir, binDashsmith, "ingest", "--from", "events", store)
		s.same(t, store, fmt.Sprintf("round %d (%s)", round, r.name))
		// Running it again changes nothing.
		if out := mustRun(t, s.dir, binDashsmith, "ingest", "--from", "events", store); !strings.Contains(out, "(0 new,") {
			t.Errorf("round %d: ingest after a complete one: %q, want 0 new files", round, out)
		}
	}
	midway := before + between + after + backfill
	t.Logf("%d kill runs in %d rounds, each round then matched a clean ingest: %d ended by SIGKILL; "+
		"%d killed mid-way (the ingest had not finished): %d before the first commit, %d between commits, "+
		"%d after the last commit, %d during a backfill; %d finished before their kill",
		used, round, killed, midway, before, between, after, backfill, finished)
	if midway == 0 {
		t.Errorf("no run was killed before it finished: the kills test nothing")
	}
}

// inUse is the message a store open gives while another process holds it.
const inUse = "in use by another dashsmith process"

// startBin starts a binary and returns a function that waits for it.
func startBin(t *testing.T, dir, bin string, args ...string) func() result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GITHUB_ACTIONS=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return func() result {
		cmd.Wait()
		return result{stdout: out.String(), stderr: errb.String(), code: cmd.ProcessState.ExitCode()}
	}
}

// waitedOrInUse accepts a run that exited 0 (it waited for the lock) or
// exited 1 saying the store is in use; it returns which.
func waitedOrInUse(t *testing.T, what string, r result) string {
	t.Helper()
	switch {
	case r.code == 0:
		return "exit 0"
	case r.code == 1 && strings.Contains(r.stderr, inUse):
		return "exit 1, in use"
	}
	t.Fatalf("%s: exit %d; want 0, or 1 with %q\nstdout:\n%s\nstderr:\n%s", what, r.code, inUse, r.stdout, r.stderr)
	return ""
}

// TestIngestConcurrent starts two ingests on one store at the same moment,
// and a build while an ingest runs. Each must wait for the other or fail
// saying the store is in use; the store must end as a clean run leaves it.
func TestIngestConcurrent(t *testing.T) {
	s := newCrashSite(t)
	s.write(t, "content/orders.md", "---\ntitle: Orders\nqueries:\n  orders:\n    event: Order Completed\n    every: day\n"+
		"    range: "+crashFrom+".."+crashTo+"\n---\n```chart\ntype: table\nquery: orders\n```\n")
	now := "--now=" + crashEnd + "T00:00:00Z"

	t.Run("two ingests", func(t *testing.T) {
		// Default lock wait (both should finish), then a short one (the
		// loser should give up with the message).
		for i, suffix := range []string{"", "?timeout=20ms"} {
			store := s.store(fmt.Sprintf("c%d.db", i)) + suffix
			first := startBin(t, s.dir, binDashsmith, "ingest", "--from", "events", store)
			second := startBin(t, s.dir, binDashsmith, "ingest", "--from", "events", store)
			a, b := first(), second()
			t.Logf("lock wait %q: first %s, second %s", strings.TrimPrefix(suffix, "?"),
				waitedOrInUse(t, "first ingest", a), waitedOrInUse(t, "second ingest", b))
			if a.code != 0 && b.code != 0 {
				t.Fatalf("neither ingest ran:\n%s\n%s", a.stderr, b.stderr)
			}
			mustRun(t, s.dir, binDashsmith, "ingest", "--from", "events", store)
			s.same(t, store, "after two concurrent ingests")
		}
	})

	t.Run("build during ingest", func(t *testing.T) {
		for i, suffix := range []string{"", "?timeout=20ms"} {
			path := filepath.Join(s.dir, fmt.Sprintf("d%d.db", i))
			store := "--store=bolt:" + path
			ingest := startBin(t, s.dir, binDashsmith, "ingest", "--from", "events", store)
			// Start the build once the ingest has created the store.
			for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
				if _, err := os.Stat(path); err == nil {
					break
				}
			}
			b := runBin(t, s.dir, binDashsmith, "build", "--out", "public", now, store+suffix)
			got := waitedOrInUse(t, "build while ingest runs", b)
			if r := ingest(); r.code != 0 {
				t.Fatalf("ingest beside a build: exit %d\n%s", r.code, r.stderr)
			}
			t.Logf("lock wait %q: build %s", strings.TrimPrefix(suffix, "?"), got)
			s.same(t, store, "after a build during ingest")
		}
	})

	t.Run("store held", func(t *testing.T) {
		// Hold the lock of a complete store the way any bbolt process
		// does, and check what ingest and build say within a short wait.
		path := filepath.Join(s.dir, "a.db")
		db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		store := "--store=bolt:" + path + "?timeout=200ms"
		for _, args := range [][]string{{"ingest", "--from", "events", store}, {"build", "--out", "public", now, store}} {
			r := runBin(t, s.dir, binDashsmith, args...)
			if r.code != 1 || !strings.Contains(r.stderr, inUse) {
				t.Errorf("%s while another process holds the store: exit %d, stderr %q; want exit 1 and %q",
					args[0], r.code, r.stderr, inUse)
			}
		}
		db.Close()
		mustRun(t, s.dir, binDashsmith, "build", "--out", "public", now, store)
		s.same(t, "--store=bolt:"+path, "after the lock was released")
	})
}

// TestIngestCorruptFile ingests a folder where one file is truncated gzip:
// ingest exits 1, names the file and the reason, and applies every other
// file; once the file is whole again, the next ingest applies it and the
// store equals a clean run.
func TestIngestCorruptFile(t *testing.T) {
	s := newCrashSite(t)
	files := eventFiles(t, filepath.Join(s.dir, "events"))
	bad := files[len(files)/2]
	good, err := os.ReadFile(bad)
	if err != nil {
		t.Fatal(err)
	}
	if len(good) < 64 || !bytes.HasPrefix(good, []byte{0x1f, 0x8b}) {
		t.Fatalf("%s: %d bytes, not gzip; the test needs a gzipped file", bad, len(good))
	}
	rel, _ := filepath.Rel(filepath.Join(s.dir, "events"), bad)
	key := filepath.ToSlash(rel)

	// What the other files alone give: a clean ingest of a copy without it.
	without := filepath.Join(s.dir, "without")
	copyTree(t, filepath.Join(s.dir, "events"), without)
	if err := os.Remove(filepath.Join(without, rel)); err != nil {
		t.Fatal(err)
	}
	rest := &crashSite{dir: s.dir, names: s.names}
	mustRun(t, s.dir, binDashsmith, "ingest", "--from", "without", rest.store("rest.db"))
	rest.ref = rest.results(t, rest.store("rest.db"))

	if err := os.WriteFile(bad, good[:len(good)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	store := s.store("e.db")
	r := runBin(t, s.dir, binDashsmith, "ingest", "--from", "events", store)
	if r.code != 1 {
		t.Fatalf("ingest with a truncated file: exit %d, want 1\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	var line string
	for _, l := range strings.Split(r.stderr, "\n") {
		if strings.Contains(l, key) {
			line = l
		}
	}
	if line == "" {
		t.Fatalf("stderr does not name %s:\n%s", key, r.stderr)
	}
	reason := strings.ToLower(line)
	if !strings.Contains(reason, "eof") && !strings.Contains(reason, "truncated") && !strings.Contains(reason, "gzip") {
		t.Errorf("stderr names the file but no reason a user can act on: %q", line)
	}
	t.Logf("stderr: %s", line)
	if want := fmt.Sprintf("(%d new, 0 already applied, 1 failed", s.files-1); !strings.Contains(r.stdout, want) {
		t.Errorf("summary %q, want %q", strings.TrimSpace(r.stdout), want)
	}
	rest.same(t, store, "after an ingest with one truncated file")

	// Fixed: the next ingest applies that one file, and only it.
	if err := os.WriteFile(bad, good, 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, s.dir, binDashsmith, "ingest", "--from", "events", store)
	if want := fmt.Sprintf("(1 new, %d already applied, 0 failed", s.files-1); !strings.Contains(out, want) {
		t.Errorf("ingest after the fix: %q, want %q", strings.TrimSpace(out), want)
	}
	s.same(t, store, "after the file was fixed")
}

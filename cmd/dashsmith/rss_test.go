package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"
)

// maxRSS is the bound the goal sets: ingest of any file and any query
// stay under it, whatever the names, values and timestamps inside.
const maxRSS = 256 << 20

// measured runs dashsmith in dir and returns its standard output and
// error and the most memory it held (max RSS). A run that passes runawayRSS, or runs
// longer than a minute, is killed and fails the test (its RSS is then
// runawayRSS): a test of a memory bound must not take the machine down
// when the bound does not hold.
func measured(t *testing.T, dir string, args ...string) (stdout, stderr string, rss int64) {
	t.Helper()
	resetPeak(t)
	cmd := exec.Command(binDashsmith, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GITHUB_ACTIONS=")
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	killed := make(chan string, 1)
	go watch(cmd.Process, stop, killed)
	err := cmd.Wait()
	close(stop)
	select {
	case why := <-killed:
		t.Errorf("dashsmith %s: killed: %s", strings.Join(args, " "), why)
		return "", errb.String(), runawayRSS
	default:
	}
	if err != nil {
		t.Fatalf("dashsmith %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no rusage on this system")
	}
	return out.String(), errb.String(), maxrss(ru)
}

// runawayRSS is where measured stops a run that is far past maxRSS.
const runawayRSS = 4 * maxRSS

// watch kills p when its resident memory (read from /proc where there is
// one) passes runawayRSS or it runs a minute, and says why on killed.
func watch(p *os.Process, stop <-chan struct{}, killed chan<- string) {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(time.Minute)
	for {
		select {
		case <-stop:
			return
		case <-deadline:
			killed <- "still running after a minute"
			p.Kill()
			return
		case <-tick.C:
			if rss := procRSS(p.Pid); rss > runawayRSS {
				killed <- fmt.Sprintf("resident memory passed %d MB", rss>>20)
				p.Kill()
				return
			}
		}
	}
}

// procRSS is the resident memory of a running process from
// /proc/PID/status, 0 where there is none.
func procRSS(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb)
			return kb << 10
		}
	}
	return 0
}

// resetPeak gives this process's free memory back and resets its peak
// RSS to what it holds now: Linux counts in a child's max RSS the peak of
// the process that started it (they share its memory until the child
// execs), so without this a child's figure would be the test's own.
// Where it cannot be reset, a child's figure is an upper bound.
func resetPeak(t *testing.T) {
	t.Helper()
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Logf("cannot reset this process's peak RSS (%v): a child's max RSS counts it too", err)
	}
}

// maxrss is the max RSS of a finished process in bytes: Linux counts it
// in kilobytes, macOS in bytes.
func maxrss(ru *syscall.Rusage) int64 {
	if runtime.GOOS == "darwin" {
		return int64(ru.Maxrss)
	}
	return int64(ru.Maxrss) << 10
}

package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestErrors_OnePrefix: an error says its command once: "dashsmith serve:
// listen …", not "dashsmith serve: serve: listen …".
func TestErrors_OnePrefix(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := strconv.Itoa(busy.Addr().(*net.TCPAddr).Port)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dashsmith.yaml"), []byte("title: T\nstore: bolt:rollup.db\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"serve", "--port", port}, &stdout, &stderr); code != exitUser {
		t.Fatalf("serve on a busy port: exit %d, want %d\n%s", code, exitUser, stderr.String())
	}
	msg := stderr.String()
	if !strings.Contains(msg, "dashsmith serve: ") || strings.Contains(msg, "serve: serve:") || !strings.Contains(msg, "pass --port") {
		t.Errorf("stderr %q: want one \"dashsmith serve:\" and the fix", msg)
	}
}

package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// feeds add and remove change the stored feeds when no daemon holds the
// file; feeds lists their interval, title and article count.
func TestFeedsAddRemove(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if out := mustRun(t, "feeds", "add", "--db", db, "--interval", "45m", "https://a.example/rss"); out != "added https://a.example/rss\n" {
		t.Fatalf("add: %q", out)
	}
	if out := mustRun(t, "feeds", "add", "--db", db, "https://a.example/rss"); !strings.Contains(out, "already stored") {
		t.Fatalf("add again: %q", out)
	}
	mustRun(t, "feeds", "add", "--db", db, "https://b.example/rss")
	out := mustRun(t, "feeds", "--db", db)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "TITLE") || !strings.Contains(lines[0], "INTERVAL") || !strings.Contains(lines[0], "ARTICLES") ||
		strings.Join(strings.Fields(lines[1])[:5], " ") != "https://a.example/rss - 45m 0 new" ||
		strings.Join(strings.Fields(lines[2])[:5], " ") != "https://b.example/rss - default 0 new" {
		t.Fatalf("feeds:\n%s", out)
	}
	if out := mustRun(t, "feeds", "remove", "--db", db, "https://a.example/rss"); !strings.HasPrefix(out, "removed https://a.example/rss") {
		t.Fatalf("remove: %q", out)
	}
	if out := mustRun(t, "feeds", "--db", db); strings.Contains(out, "a.example") {
		t.Fatalf("removed feed listed:\n%s", out)
	}
	for _, args := range [][]string{
		{"feeds", "remove", "--db", db, "https://a.example/rss"},
		{"feeds", "add", "--db", db, "not a url"},
		{"feeds", "add", "--db", db, "--interval", "-5m", "https://c.example/rss"},
		{"feeds", "add", "--db", db},
	} {
		if r := runCLI(t, "", args...); r.code != exitUsage || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%q: exit %d, %q; want 2 and one line", args, r.code, r.stderr)
		}
	}
}

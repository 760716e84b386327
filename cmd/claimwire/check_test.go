package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// damage writes a copy of the database at src with its bytes changed by
// bad, and returns the copy's path.
func damage(t *testing.T, src string, bad func([]byte) []byte) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "bad.db")
	if err := os.WriteFile(path, bad(bytes.Clone(data)), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A damaged database file gives one line naming it and exit 1, never a Go
// panic; check says what is wrong and --repair puts a readable copy in
// place, keeping the damaged file.
func TestDamagedDatabaseCommands(t *testing.T) {
	good, _ := ingestDemo(t)
	if out := mustRun(t, "check", "--db", good); !strings.Contains(out, fmt.Sprintf("ok (%d articles)", storedArticles(t, good))) {
		t.Fatalf("check of a good file: %q", out)
	}
	info, _ := os.Stat(good)
	for name, bad := range map[string]func([]byte) []byte{
		"truncated": func(b []byte) []byte { return b[:len(b)/3] },
		"pages overwritten": func(b []byte) []byte {
			for p := 2; p*4096 < len(b)/2; p++ {
				copy(b[p*4096:], bytes.Repeat([]byte{0xa5}, 4096))
			}
			return b
		},
	} {
		path := damage(t, good, bad)
		for _, args := range [][]string{{"export"}, {"reprocess", "--all"}, {"check"}} {
			r := runCLI(t, "", append(args, "--db", path)...)
			if r.code != exitFail || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, path) || !strings.Contains(r.stderr, "damaged") {
				t.Errorf("%s: %s: exit %d, %q; want 1 and one line naming the file as damaged", name, args[0], r.code, r.stderr)
			}
		}
		r := runCLI(t, "", "check", "--repair", "--db", path)
		if r.code != exitOK || !strings.Contains(r.stdout, "kept as "+path+".damaged-") {
			t.Fatalf("%s: repair: exit %d, %q %q", name, r.code, r.stdout, r.stderr)
		}
		if out := mustRun(t, "check", "--db", path); !strings.Contains(out, "ok (") {
			t.Fatalf("%s: check after repair: %q", name, out)
		}
		kept, _ := filepath.Glob(path + ".damaged-*")
		if len(kept) != 1 {
			t.Fatalf("%s: damaged files kept: %v", name, kept)
		}
		if k, _ := os.Stat(kept[0]); k.Size() == info.Size() && name == "truncated" {
			t.Fatalf("%s: the kept file is not the damaged one", name)
		}
		mustRun(t, "export", "--db", path)
	}
}

// An empty file is not a database: refused with exit 2, never written.
func TestEmptyDatabaseFile(t *testing.T) {
	path := writeFile(t, "empty.db", "")
	for _, args := range [][]string{{"export"}, {"reprocess", "--all"}, {"check"}, {"feeds", "import", writeFile(t, "f.txt", "https://a.example/rss\n")}} {
		r := runCLI(t, "", append(args, "--db", path)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, path+": not a claimwire database: the file is empty") {
			t.Errorf("%s: exit %d, %q", args[0], r.code, r.stderr)
		}
	}
	if info, _ := os.Stat(path); info.Size() != 0 {
		t.Fatal("the empty file was written")
	}
}

// Numeric and duration flags are checked: a usage error naming the flag.
func TestFlagBounds(t *testing.T) {
	for _, args := range [][]string{
		{"run", "--workers", "-3"}, {"run", "--workers", "0"}, {"run", "--workers", "x"}, {"run", "--memory-limit", "-1"},
		{"run", "--per-host", "0"}, {"run", "--host-delay", "-1s"}, {"run", "--timeout", "0s"}, {"run", "--timeout", "5"},
		{"extract", "--timeout", "-5s", "x.html"}, {"text", "--per-host", "1000", "x.html"},
	} {
		r := runCLI(t, "", args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "flag -"+strings.TrimPrefix(args[1], "--")+":") {
			t.Errorf("%q: exit %d, %q; want 2 naming the flag", args, r.code, r.stderr)
		}
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeRules(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestRulesCheck(t *testing.T) {
	dir := t.TempDir()
	writeRules(t, dir, "a.yaml", "actors:\n  - name: Quartz Lynx\n    sponsor: Russia\n")
	if out := mustRun(t, "rules", "check", dir); out != dir+": ok\n" {
		t.Fatalf("good folder: %q", out)
	}
	writeRules(t, dir, "b.yaml", "actors:\n  - name: Foo\n    colour: red\ncues:\n  speech: 3\n")
	r := runCLI(t, "", "rules", "check", dir)
	if r.code != exitUsage || !strings.Contains(r.stdout, filepath.Join(dir, "b.yaml")+":3:5: unknown key \"colour\"") {
		t.Fatalf("bad folder: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
	}
	if !strings.HasSuffix(r.stderr, "errors\n") && !strings.HasSuffix(r.stderr, "1 error\n") {
		t.Errorf("summary line %q", r.stderr)
	}
	if r := runCLI(t, "", "rules", "check", filepath.Join(dir, "nosuch")); r.code != exitUsage {
		t.Fatalf("missing folder: exit %d", r.code)
	}
}

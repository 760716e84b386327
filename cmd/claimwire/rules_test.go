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
	if out := mustRun(t, "rules", "check", dir); !strings.HasSuffix(out, dir+": ok\n") {
		t.Fatalf("good folder: %q", out)
	}
	// Two groups sharing a name: listed, not an error.
	writeRules(t, dir, "c.yaml", "actors:\n  - name: Copper Vole\n    aliases: [Quartz Lynx]\n")
	out := mustRun(t, "rules", "check", dir)
	if !strings.Contains(out, `collision: "Quartz Lynx" is a name of Quartz Lynx; Copper Vole`) || !strings.HasSuffix(out, dir+": ok\n") {
		t.Fatalf("collision not listed: %q", out)
	}
	if err := os.Remove(filepath.Join(dir, "c.yaml")); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, "rules", "check"); !strings.Contains(out, "embedded rules: ok") || !strings.Contains(out, "alias collision") {
		t.Fatalf("embedded rules: %q", out)
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

func TestRulesImportGalaxy(t *testing.T) {
	out := filepath.Join(t.TempDir(), "galaxy.yaml")
	mustRun(t, "rules", "import-galaxy", "-o", out, filepath.Join("..", "..", "rules", "galaxy", "testdata", "clusters"))
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), "galaxy_actors:") || !strings.Contains(string(got), "name: Quartz Lynx") {
		t.Fatalf("import wrote:\n%s", got)
	}
	if r := runCLI(t, "", "rules", "import-galaxy", "-o", out, t.TempDir()); r.code != exitUsage {
		t.Fatalf("empty folder: exit %d, %s", r.code, r.stderr)
	}
	if after, _ := os.ReadFile(out); string(after) != string(got) {
		t.Error("a failed import replaced the file")
	}
}

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const (
	devSet  = "../../../shared/eval/dev"
	scorePy = "../../../shared/eval/score.py"
)

// TestEvalMatchesScorePy compares eval with the reference scorer running
// the extract command on every article.
func TestEvalMatchesScorePy(t *testing.T) {
	bin := binary(t)
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	if _, err := os.Stat(devSet); err != nil {
		t.Skipf("no dev set: %v", err)
	}
	cmd := exec.Command(py, scorePy, devSet, "--cmd", bin+" extract --format json {file}", "--show", "--json")
	want, err := cmd.Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	if got := mustRun(t, "eval", "--show", "--json", devSet); got != string(want) {
		t.Errorf("eval:\n%s\nscore.py:\n%s", got, want)
	}
}

func TestEvalErrors(t *testing.T) {
	gold := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(gold, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a.gold.json", `{"id": "a", "text": "a.txt", "claims": [{"kind": "number", "value": 3, "unit": "hackers"}]}`)
	write("a.txt", strings.Repeat("Three hackers were charged. ", 40000)) // over extract.MaxText
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"eval"}, exitUsage, "claimwire: eval: want one GOLD_DIR, got 0 arguments\n"},
		{[]string{"eval", gold, gold}, exitUsage, "claimwire: eval: want one GOLD_DIR, got 2 arguments\n"},
		{[]string{"eval", filepath.Join(gold, "none")}, exitUsage, "claimwire: eval: gold: open "},
		{[]string{"eval", "--rules", filepath.Join(gold, "none"), gold}, exitUsage, "claimwire: eval: rules: "},
		{[]string{"eval", gold}, exitFail, "FAILED a: extract: "},
	} {
		r := runCLI(t, "", tc.args...)
		if r.code != tc.code || !strings.HasPrefix(r.stderr, tc.stderr) {
			t.Errorf("%q: exit %d, stderr %q; want %d, %q", tc.args, r.code, r.stderr, tc.code, tc.stderr)
		}
	}
}

func TestEvalTable(t *testing.T) {
	out := mustRun(t, "eval", "../../evalscore/testdata/gold")
	if !strings.HasPrefix(out, "kind            tp    fp    fn      P      R     F1\n") ||
		!strings.HasSuffix(out, " over 3 articles, 0 failed\n") {
		t.Errorf("eval:\n%s", out)
	}
}

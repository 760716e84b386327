package evalscore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/claimwire/claimwire/evalscore"
	"github.com/claimwire/claimwire/extract"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/rules"
)

const (
	devSet   = "../../shared/eval/dev"
	articles = "../testdata/articles"
	scorePy  = "../../shared/eval/score.py"
)

// TestDevSetMatchesScorePy scores the current extractor on the shared dev
// set and on the project's articles in process, writes the same
// predictions as <id>.json files, and checks that score.py --pred prints
// exactly what the Go scorer prints, for every kind and with --kinds.
func TestDevSetMatchesScorePy(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	py := requirePython(t)
	ex := newExtractor(t)
	for _, dir := range []string{articles, devSet} {
		golds, err := evalscore.LoadGold(dir)
		if err != nil {
			t.Fatal(err)
		}
		predDir := writeAllPreds(t, golds, ex.Extract)
		for _, kinds := range []string{"accusation,actor,quote,number", "quote", "actor,number"} {
			list, err := evalscore.ParseKinds(kinds)
			if err != nil {
				t.Fatal(err)
			}
			r, err := evalscore.ScoreKinds(context.Background(), golds, ex.Extract, list)
			if err != nil {
				t.Fatal(err)
			}
			want := run(t, py, scorePy, dir, "--pred", predDir, "--kinds", kinds, "--show", "--json")
			if got := report(t, r); got != want {
				t.Errorf("%s --kinds %s: Go scorer:\n%s\nscore.py:\n%s", dir, kinds, got, want)
			}
		}
	}
}

// writeAllPreds writes the claims predicted for each gold article to
// <id>.json in a new folder, as `claimwire extract --format json` prints
// them, and returns the folder.
func writeAllPreds(t *testing.T, golds []evalscore.Gold, predict evalscore.Predictor) string {
	t.Helper()
	dir := t.TempDir()
	for _, g := range golds {
		claims, err := predict(context.Background(), g.Text)
		if err != nil {
			t.Fatalf("%s: %v", g.ID, err)
		}
		writePreds(t, filepath.Join(dir, g.ID+".json"), claims)
	}
	return dir
}

// report is what score.py --show --json prints for r.
func report(t *testing.T, r *evalscore.Report) string {
	t.Helper()
	var got bytes.Buffer
	for _, write := range []func(*bytes.Buffer) error{
		func(w *bytes.Buffer) error { return r.WriteTable(w) },
		func(w *bytes.Buffer) error { return r.WriteMisses(w) },
		func(w *bytes.Buffer) error { return r.WriteJSON(w) },
	} {
		if err := write(&got); err != nil {
			t.Fatal(err)
		}
	}
	return got.String()
}

func newExtractor(t *testing.T) *extract.Extractor {
	t.Helper()
	rs, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	ex, err := extract.New(rs)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// writePreds writes claims as `claimwire extract --format json` prints them.
func writePreds(t *testing.T, path string, claims []model.Claim) {
	t.Helper()
	if claims == nil {
		claims = []model.Claim{}
	}
	b, err := json.Marshal(map[string][]model.Claim{"claims": claims})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func requirePython(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(scorePy); err != nil {
		t.Skipf("no reference scorer: %v", err)
	}
	if _, err := os.Stat(devSet); err != nil {
		t.Skipf("no dev set: %v", err)
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	return py
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, stderr.Bytes())
	}
	return stdout.String()
}

package evalscore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/claimwire/claimwire/evalscore"
	"github.com/claimwire/claimwire/extract"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/rules"
)

const (
	devSet  = "../../shared/eval/dev"
	scorePy = "../../shared/eval/score.py"
)

// TestDevSetMatchesScorePy scores the current extractor on the shared dev
// set in process, writes the same predictions as <id>.json files, and
// checks that score.py --pred prints exactly what the Go scorer prints.
func TestDevSetMatchesScorePy(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	py := requirePython(t)
	golds, err := evalscore.LoadGold(devSet)
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{predict: newExtractor(t).Extract, claims: map[string][]model.Claim{}}
	r, err := evalscore.Score(context.Background(), golds, rec.Extract)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Failed) > 0 {
		t.Fatalf("failed: %v", r.Failed)
	}
	predDir := t.TempDir()
	for _, g := range golds {
		writePreds(t, filepath.Join(predDir, g.ID+".json"), rec.claims[g.Text])
	}
	want := run(t, py, scorePy, devSet, "--pred", predDir, "--show", "--json")
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
	if got.String() != want {
		t.Errorf("Go scorer:\n%s\nscore.py:\n%s", got.String(), want)
	}
	t.Logf("dev set:\n%s", want)
}

// recorder keeps the claims predicted for each text.
type recorder struct {
	predict evalscore.Predictor
	mu      sync.Mutex
	claims  map[string][]model.Claim
}

func (r *recorder) Extract(ctx context.Context, text string) ([]model.Claim, error) {
	claims, err := r.predict(ctx, text)
	r.mu.Lock()
	r.claims[text] = claims
	r.mu.Unlock()
	return claims, err
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

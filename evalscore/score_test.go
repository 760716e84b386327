package evalscore

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/model"
)

var update = flag.Bool("update", false, "rewrite testdata/score.golden from the Go scorer")

// scorePy is the reference scorer, beside the repository.
const scorePy = "../../shared/eval/score.py"

// scoreDir scores the gold set against a folder of <id>.json predictions,
// as score.py --pred does.
func scoreDir(golds []Gold, dir string) *Report {
	return scoreDirKinds(golds, dir, scoredKinds)
}

// scoreDirKinds is scoreDir for some kinds, as score.py --kinds.
func scoreDirKinds(golds []Gold, dir string, kinds []string) *Report {
	s := newScorer(kinds)
	for _, g := range golds {
		preds, err := loadPreds(filepath.Join(dir, g.ID+".json"))
		if err != nil {
			s.failed = append(s.failed, Failure{ID: g.ID, Err: err})
		}
		s.article(g, preds)
	}
	return s.report(len(golds))
}

// loadPreds is score.py's load_preds: an object's "claims" list or a bare
// list, keeping only its objects.
func loadPreds(path string) ([]*Fields, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f := &Fields{}
	var list any = []any{}
	if err := f.UnmarshalJSON(b); err == nil {
		list = f.get("claims", []any{})
	} else if err := jsonList(b, &list); err != nil {
		return nil, err
	}
	items, ok := list.([]any)
	if !ok {
		return nil, errors.New("predictions are neither a list nor an object with a claims list")
	}
	var out []*Fields
	for _, x := range items {
		if c, ok := x.(*Fields); ok {
			out = append(out, c)
		}
	}
	return out, nil
}

func jsonList(b []byte, v *any) error {
	f := &Fields{}
	wrapped := append(append([]byte(`{"claims":`), b...), '}')
	if err := f.UnmarshalJSON(wrapped); err != nil {
		return err
	}
	*v = f.get("claims", nil)
	return nil
}

// output is what score.py --show --json prints on standard output.
func output(t *testing.T, r *Report) string {
	t.Helper()
	var b bytes.Buffer
	for _, write := range []func(*bytes.Buffer) error{
		func(w *bytes.Buffer) error { return r.WriteTable(w) },
		func(w *bytes.Buffer) error { return r.WriteMisses(w) },
		func(w *bytes.Buffer) error { return r.WriteJSON(w) },
	} {
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

func loadTestGold(t *testing.T) []Gold {
	t.Helper()
	golds, err := LoadGold("testdata/gold")
	if err != nil {
		t.Fatal(err)
	}
	return golds
}

func TestGolden(t *testing.T) {
	got := output(t, scoreDir(loadTestGold(t), "testdata/pred"))
	const golden = "testdata/score.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("scores differ from %s (go test -update rewrites it):\n%s", golden, lineDiff(string(want), got))
	}
}

// TestGoldenMatchesScorePy runs the reference scorer on the same files.
func TestGoldenMatchesScorePy(t *testing.T) {
	want := runScorePy(t, "testdata/gold", "testdata/pred")
	got := output(t, scoreDir(loadTestGold(t), "testdata/pred"))
	if got != want {
		t.Errorf("Go and score.py differ (-score.py +Go):\n%s", lineDiff(want, got))
	}
}

// runScorePy returns score.py's standard output, or skips the test when
// python3 or ../shared is missing.
func runScorePy(t *testing.T, goldDir, predDir string) string {
	t.Helper()
	return string(runPython(t, scorePy, goldDir, "--pred", predDir, "--show", "--json"))
}

// requireScorePy skips the test when ../shared is missing.
func requireScorePy(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(scorePy); err != nil {
		t.Skipf("no reference scorer: %v", err)
	}
}

// lineDiff lists the lines that differ, by number.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := range max(len(w), len(g)) {
		var x, y string
		if i < len(w) {
			x = w[i]
		}
		if i < len(g) {
			y = g[i]
		}
		if x != y {
			fmt.Fprintf(&b, "line %d:\n- %s\n+ %s\n", i+1, x, y)
		}
	}
	return b.String()
}

func TestScore(t *testing.T) {
	golds := []Gold{{
		ID: "a", Text: "text a",
		Claims: []*Fields{
			newFields("kind", "actor", "label", []any{"APT31"}),
			newFields("kind", "number", "value", jn("7"), "unit", "hackers"),
		},
	}, {
		ID: "b", Text: "text b",
		Claims: []*Fields{newFields("kind", "quote", "speaker", "Peters", "quote", "we are concerned")},
	}}
	predict := func(_ context.Context, text string) ([]model.Claim, error) {
		if text == "text b" {
			return nil, errors.New("boom")
		}
		return []model.Claim{
			{Kind: model.Actor, Label: "APT 31"},
			{Kind: model.Number, Value: 7, Unit: "alleged hackers"},
			{Kind: model.Number, Value: 0, Unit: "hackers"},
		}, nil
	}
	r, err := Score(context.Background(), golds, predict)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	want := `kind            tp    fp    fn      P      R     F1
actor            1     0     0  1.000  1.000  1.000
quote            0     0     1  0.000  0.000  0.000
number           1     1     0  0.500  1.000  0.667
quote_span       0     0     1  0.000  0.000  0.000
micro            2     1     1  0.667  0.667  0.667
macro F1 0.556 over 2 articles, 1 failed
`
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
	if len(r.Failed) != 1 || r.Failed[0].ID != "b" || r.Failed[0].Err.Error() != "boom" {
		t.Errorf("failed = %v", r.Failed)
	}
}

func TestScoreCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Score(ctx, loadTestGold(t), func(context.Context, string) ([]model.Claim, error) { return nil, nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestClaimFields checks that a claim reads as its JSON: a number's zero
// value is there, a quote's direct flag too, empty fields are not.
func TestClaimFields(t *testing.T) {
	for _, tc := range []struct {
		c    model.Claim
		want string
	}{
		{model.Claim{Kind: model.Number, Unit: "emails"}, `{"kind": "number", "unit": "emails", "sentence": "", "start": 0, "end": 0, "value": 0}`},
		{model.Claim{Kind: model.Quote, Speaker: "Peters", Quote: "<ok>"}, `{"kind": "quote", "speaker": "Peters", "quote": "<ok>", "sentence": "", "start": 0, "end": 0, "direct": false}`},
		{model.Claim{Kind: model.Actor, Label: "APT31", Aliases: []string{"Zirconium"}}, `{"kind": "actor", "label": "APT31", "aliases": ["Zirconium"], "sentence": "", "start": 0, "end": 0}`},
	} {
		f, err := ClaimFields(tc.c)
		if err != nil {
			t.Fatal(err)
		}
		if got := pyDumps(f); got != tc.want {
			t.Errorf("ClaimFields(%+v) = %s, want %s", tc.c, got, tc.want)
		}
	}
}

package extract

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/articles")

// TestGolden extracts every article in testdata/articles and compares a
// readable summary of its claims with the .golden file beside it. Run
// with -update after a deliberate rule change and review the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles in testdata/articles: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			claims, err := testExtractor().Extract(context.Background(), string(text))
			if err != nil {
				t.Fatal(err)
			}
			got := goldenSummary(claims)
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("claims of %s changed (go test -update rewrites %s):\n--- got\n%s\n--- want\n%s", f, golden, got, want)
			}
		})
	}
}

// goldenSummary lists claims by kind, one per line, each with its rule.
func goldenSummary(claims []model.Claim) string {
	var b strings.Builder
	for _, kind := range model.Kinds {
		for _, c := range claims {
			if c.Kind == kind {
				b.WriteString(string(kind) + "\t" + summary([]model.Claim{c}) + "\t" + c.Rule + "\n")
			}
		}
	}
	return b.String()
}

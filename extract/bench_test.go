package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/claimwire/claimwire/rules"
)

// devArticles returns the texts of the shared dev set, skipping the
// benchmark when ../shared is not beside the repository.
func devArticles(b *testing.B) []string {
	b.Helper()
	files, _ := filepath.Glob("../../shared/eval/dev/*.txt")
	if len(files) == 0 {
		b.Skip("../../shared/eval/dev not found: the benchmark needs the shared dev articles")
	}
	var texts []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	return texts
}

// BenchmarkExtract measures extraction per article once the model is
// loaded: ns/op is the time for one article, averaged over the dev set.
func BenchmarkExtract(b *testing.B) {
	texts := devArticles(b)
	rs, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	x, err := New(rs)
	if err != nil {
		b.Fatal(err)
	}
	LoadModel()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := x.Extract(ctx, texts[i%len(texts)]); err != nil {
			b.Fatal(err)
		}
	}
}

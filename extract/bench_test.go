package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/rules"
)

// BenchmarkExtract measures extraction of each dev article once the model
// is loaded: one sub-benchmark per article, so that the median per article
// can be read off (make bench prints it). It skips when ../shared is not
// beside the repository.
func BenchmarkExtract(b *testing.B) {
	files, _ := filepath.Glob("../../shared/eval/dev/*.txt")
	if len(files) == 0 {
		b.Skip("../../shared/eval/dev not found: the benchmark needs the shared dev articles")
	}
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
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text := string(data)
		b.Run(strings.TrimSuffix(filepath.Base(f), ".txt"), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if _, err := x.Extract(ctx, text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

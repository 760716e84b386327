package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/rules"
)

// benchArticles are the project's gold articles, beside the wire they come
// from (testdata/ at the repository's root).
const benchArticles = "../testdata/articles/*.txt"

// BenchmarkExtract measures extraction of each article of testdata/articles
// once the model is loaded: one sub-benchmark per article, so that the
// median per article can be read off (make bench-extract prints it), with
// the words extracted per second.
func BenchmarkExtract(b *testing.B) {
	files, err := filepath.Glob(benchArticles)
	if err != nil || len(files) == 0 {
		b.Fatalf("no articles in %s (%v)", benchArticles, err)
	}
	x := benchExtractor(b)
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
			words := float64(len(strings.Fields(text)))
			b.ReportMetric(words*float64(b.N)/b.Elapsed().Seconds(), "words/s")
		})
	}
}

// benchExtractor is an extractor of the default rules with its model loaded.
func benchExtractor(b *testing.B) *Extractor {
	b.Helper()
	rs, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	x, err := New(rs)
	if err != nil {
		b.Fatal(err)
	}
	LoadModel()
	return x
}

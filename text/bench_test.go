package text

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// aebDir is the article extraction benchmark, shared beside the repository.
const aebDir = "../../shared/aeb"

// loadAEB returns the benchmark's pages, gunzipped, or skips the benchmark.
func loadAEB(b *testing.B) [][]byte {
	files, _ := filepath.Glob(filepath.Join(aebDir, "html", "*.html.gz"))
	if len(files) == 0 {
		b.Skipf("no pages in %s/html: the shared benchmark is absent", aebDir)
	}
	pages := make([][]byte, len(files))
	for i, f := range files {
		var err error
		if pages[i], err = ReadFile(f, MaxBody); err != nil {
			b.Fatal(err)
		}
	}
	return pages
}

// BenchmarkExtractAEB extracts every page of the benchmark once per
// iteration (ns/op is one pass over all pages). It reports the mean and
// the median time per page, the figure the issue bounds, as ns/page and
// median-ns/page.
func BenchmarkExtractAEB(b *testing.B) {
	pages := loadAEB(b)
	e := defaultExtractor(b)
	ctx := context.Background()
	var times []time.Duration
	for b.Loop() {
		for i, page := range pages {
			t0 := time.Now()
			if _, err := e.Extract(ctx, page, "", ""); err != nil {
				b.Fatalf("page %d: %v", i, err)
			}
			times = append(times, time.Since(t0))
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(len(times)), "ns/page")
	b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "median-ns/page")
}

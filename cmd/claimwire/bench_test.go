package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/claimwire/claimwire/daemon/daemontest"
	"github.com/claimwire/claimwire/store"
)

// BenchmarkIngest runs the real binary once over a loopback wire of 1,000
// articles in 10 feeds, end to end: poll, fetch, text, extract, store. It
// reports articles per second and the process's peak resident memory.
// Run it with -benchtime=1x -count=5 and take the median.
func BenchmarkIngest(b *testing.B) {
	const n = 1000
	w := (&daemontest.Wire{Articles: n, Feeds: 10}).Start()
	defer w.Close()
	list := writeFile(b, "feeds.txt", w.FeedList())
	bin := binary(b)
	var secs, rss float64
	for i := 0; b.Loop(); i++ {
		db := filepath.Join(b.TempDir(), "bench.db")
		cmd := exec.Command(bin, "run", "--once", "--db", db, "--feeds", list, "--listen", "", "--allow-private",
			"--host-delay", "0", "--per-host", "16", "--log-level", "warn")
		began := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
		secs += time.Since(began).Seconds()
		rss = max(rss, float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)/1024)
		countArticles(b, db, n)
	}
	b.ReportMetric(float64(n*b.N)/secs, "articles/s")
	b.ReportMetric(rss, "peak_rss_MB")
}

func countArticles(b *testing.B, path string, want int) {
	b.Helper()
	db, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if n, err := db.CountArticles(); err != nil || n != want {
		b.Fatalf("%d articles stored, want %d (%v)", n, want, err)
	}
}

// BenchmarkEval runs `claimwire eval ../shared/eval/polnear/dev --kinds
// quote` in the process (the models and rules are loaded once, by the
// first run), when the shared sets are beside the repository.
func BenchmarkEval(b *testing.B) {
	dir := "../../../shared/eval/polnear/dev"
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("%s not found", dir)
	}
	for b.Loop() {
		var out, errOut bytes.Buffer
		if code := run([]string{"eval", dir, "--kinds", "quote"}, nil, &out, &errOut); code != 0 {
			b.Fatalf("exit %d: %s", code, errOut.String())
		}
	}
}

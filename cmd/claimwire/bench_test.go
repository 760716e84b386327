package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimwire/claimwire/daemon/daemontest"
	"github.com/claimwire/claimwire/extract"
	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
	"github.com/claimwire/claimwire/store/pgstore"
	"github.com/claimwire/claimwire/store/pgstore/pgtest"
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
	var secs, rss, cpu float64
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
		cpu += cpuSeconds(cmd)
		countArticles(b, db, n)
	}
	b.ReportMetric(float64(n*b.N)/secs, "articles/s")
	b.ReportMetric(rss, "peak_rss_MB")
	b.ReportMetric(cpu*1000/float64(n*b.N), "cpu_ms/article")
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

// BenchmarkReprocess builds a database of 10,000 stored articles (the
// polnear training articles over and over when ../shared is beside the
// repository, else the project's golden articles) and reprocesses them
// all, as `reprocess --all`, with 1 and 2 workers: articles per second,
// and per second of the process's CPU time (steadier on a busy machine).
// Run it with -benchtime=1x.
func BenchmarkReprocess(b *testing.B) {
	const n = 10000
	texts := benchTexts(b)
	path := filepath.Join(b.TempDir(), "reprocess.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var batch []store.Entry
	for i := range n {
		url := fmt.Sprintf("https://news.example/%d", i)
		batch = append(batch, store.Entry{Article: model.Article{ID: model.ArticleID(url), URL: url,
			Text: texts[i%len(texts)], Fetched: time.Unix(int64(i), 0)}})
		if len(batch) == 500 || i == n-1 {
			if err := db.Commit(batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	p, err := pipeline(nil, feeds.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	extract.LoadModel()
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			var articles, fails int
			var ru0, ru1 syscall.Rusage
			_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
			for runs := 1; b.Loop(); runs++ {
				err := reprocessStore(context.Background(), db, p, workers, func(_ int, err error) {
					articles++
					if err != nil {
						fails++
					}
				})
				if err != nil || fails > 0 || articles != n*runs {
					b.Fatalf("%d articles reprocessed, %d failed (%v)", articles, fails, err)
				}
			}
			_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
			b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
			if cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano()); cpu > 0 {
				b.ReportMetric(float64(articles)/cpu.Seconds(), "articles/cpu-s")
			}
			b.ReportMetric(0, "ns/op")
		})
	}
}

// BenchmarkIngestPG is BenchmarkIngest into one PostgreSQL database
// (CLAIMWIRE_TEST_PG) by 1, 2 and 3 daemons sharing a loopback wire of
// 2,000 articles in 20 feeds: the time from their start until the last one
// has finished its pass, each run in a fresh schema. Run it with
// -benchtime=1x -count=3 and take the median.
func BenchmarkIngestPG(b *testing.B) {
	const n = 2000
	w := (&daemontest.Wire{Articles: n, Feeds: 20}).Start()
	defer w.Close()
	list := writeFile(b, "feeds.txt", w.FeedList())
	bin := binary(b)
	polls := 0 // runs over the wire so far
	for _, daemons := range []int{1, 2, 3} {
		b.Run(fmt.Sprintf("daemons=%d", daemons), func(b *testing.B) {
			var secs, cpu float64
			for b.Loop() {
				b.StopTimer()
				dsn := pgtest.DSN(b)
				if out, err := exec.Command(bin, "feeds", "import", "--db", dsn, list).CombinedOutput(); err != nil {
					b.Fatalf("feeds import: %v\n%s", err, out)
				}
				b.StartTimer()
				began := time.Now()
				var cmds []*exec.Cmd
				outs := make([]*strings.Builder, daemons)
				for i := range daemons {
					outs[i] = &strings.Builder{}
					cmd := exec.Command(bin, "run", "--once", "--db", dsn, "--listen", "", "--allow-private",
						"--host-delay", "0", "--per-host", "16", "--log-level", "warn")
					cmd.Stdout, cmd.Stderr = outs[i], outs[i]
					if err := cmd.Start(); err != nil {
						b.Fatal(err)
					}
					cmds = append(cmds, cmd)
				}
				for i, cmd := range cmds {
					if err := cmd.Wait(); err != nil {
						b.Fatalf("daemon %d: %v\n%s", i, err, outs[i])
					}
					cpu += cpuSeconds(cmd)
				}
				secs += time.Since(began).Seconds()
				countPG(b, dsn, n)
				polls++
				for f := range w.Feeds { // each feed polled by one daemon, once a run
					if hits := w.FeedHitsOf(f); hits != polls {
						b.Fatalf("feed %d polled %d times in %d runs", f, hits, polls)
					}
				}
			}
			b.ReportMetric(float64(n*b.N)/secs, "articles/s")
			b.ReportMetric(cpu*1000/float64(n*b.N), "cpu_ms/article")
		})
	}
}

// benchTexts are the texts of the polnear training articles, or of the
// project's golden articles when ../shared is not there.
func benchTexts(b *testing.B) []string {
	for _, dir := range []string{"../../../shared/eval/polnear/train", "../../testdata/articles"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		var texts []string
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, string(data))
		}
		if len(texts) > 0 {
			return texts
		}
	}
	b.Fatal("no articles")
	return nil
}

func countPG(b *testing.B, dsn string, want int) {
	b.Helper()
	db, err := pgstore.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if n, err := db.CountArticles(); err != nil || n != want {
		b.Fatalf("%d articles stored, want %d (%v)", n, want, err)
	}
}

// cpuSeconds is the processor time, user and system, that a finished
// process took.
func cpuSeconds(cmd *exec.Cmd) float64 {
	return (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
}

package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimwire/claimwire/daemon/daemontest"
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

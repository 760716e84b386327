package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/daemon/daemontest"
)

// apiReaders is how many clients read /api/claims at once in
// BenchmarkAPIUnderIngest.
const apiReaders = 50

// BenchmarkAPIUnderIngest runs the real daemon once over a loopback wire
// of 500 articles while 50 clients page through GET /api/claims (100
// claims a page, following next, from the start again at the end). It
// reports the p50 and p99 latency of a page and the ingest rate, from the
// daemon's start to its exit, beside the same ingest with no reader. Run
// it with -benchtime=1x -count=3 and take the medians.
func BenchmarkAPIUnderIngest(b *testing.B) {
	for _, readers := range []int{0, apiReaders} {
		b.Run(fmt.Sprintf("readers=%d", readers), func(b *testing.B) { benchIngestReading(b, readers) })
	}
}

func benchIngestReading(b *testing.B, readers int) {
	const n = 500
	w := (&daemontest.Wire{Articles: n, Feeds: 10}).Start()
	defer w.Close()
	list := writeFile(b, "feeds.txt", w.FeedList())
	bin := binary(b)
	var secs float64
	var lat []time.Duration
	var pages, failed int
	for b.Loop() {
		db := filepath.Join(b.TempDir(), "bench.db")
		cmd := exec.Command(bin, "run", "--once", "--db", db, "--feeds", list, "--listen", "127.0.0.1:0", "--allow-private",
			"--host-delay", "0", "--per-host", "16", "--log-level", "warn")
		began := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		addr := waitAddr(b, db, exited)

		var mu sync.Mutex
		var wg sync.WaitGroup
		stop := make(chan struct{})
		for range readers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c := &http.Client{Timeout: time.Minute}
				after := ""
				for {
					select {
					case <-stop:
						return
					default:
					}
					t0 := time.Now()
					next, err := claimsPage(c, addr, after)
					d := time.Since(t0)
					mu.Lock()
					if err != nil {
						failed++
					} else {
						lat = append(lat, d)
						pages++
					}
					mu.Unlock()
					if err != nil {
						select {
						case <-stop:
							return
						case <-time.After(10 * time.Millisecond):
						}
					}
					after = next
				}
			}()
		}
		err := <-exited
		secs += time.Since(began).Seconds()
		close(stop)
		wg.Wait()
		if err != nil {
			b.Fatalf("daemon: %v", err)
		}
		countArticles(b, db, n)
	}
	b.ReportMetric(float64(n*b.N)/secs, "articles/s")
	if readers == 0 {
		return
	}
	if len(lat) == 0 {
		b.Fatalf("no page read (%d failed)", failed)
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.5), "p50_ms")
	b.ReportMetric(pct(0.99), "p99_ms")
	b.ReportMetric(float64(pages)/secs, "pages/s")
}

// waitAddr waits for the daemon's API address.
func waitAddr(b *testing.B, db string, exited <-chan error) string {
	deadline := time.After(time.Minute)
	for {
		if a, err := api.ReadAddr(db); err == nil && a.Addr != "" {
			return a.Addr
		}
		select {
		case err := <-exited:
			b.Fatalf("daemon exited before serving its API: %v", err)
		case <-deadline:
			b.Fatal("no API address in a minute")
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// claimsPage reads one page of GET /api/claims and returns its next.
func claimsPage(c *http.Client, addr, after string) (string, error) {
	u := "http://" + addr + "/api/claims?limit=100"
	if after != "" {
		u += "&after=" + url.QueryEscape(after)
	}
	resp, err := c.Get(u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
		return "", fmt.Errorf("%s: %s", resp.Status, body)
	}
	var page struct {
		Claims []json.RawMessage `json:"claims"`
		Next   string            `json:"next"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
		return "", err
	}
	return page.Next, nil
}

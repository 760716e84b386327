package daemon

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// commitSizes runs the writer over entries and returns the number of
// articles in each commit, in order, from its "committed" log lines.
func commitSizes(t *testing.T, cfg Config, entries []store.Entry) []int {
	t.Helper()
	var logs bytes.Buffer
	cfg.DB, cfg.Pipeline = newDB(t), &Pipeline{}
	cfg.Log = slog.New(slog.NewJSONHandler(&logs, nil))
	d := New(cfg, nil)
	results := make(chan result, len(entries))
	for i := range entries {
		results <- result{entry: &entries[i]}
	}
	close(results)
	if _, err := d.write(results); err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec struct {
			Msg      string
			Articles int
		}
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "committed" {
			sizes = append(sizes, rec.Articles)
		}
	}
	return sizes
}

func sizedEntry(i, claims, sentence int) store.Entry {
	url := fmt.Sprint("https://news.example/", i)
	e := store.Entry{Article: model.Article{ID: model.ArticleID(url), URL: url, Text: "text", Fetched: time.Unix(int64(i), 0)}}
	for range claims {
		e.Claims = append(e.Claims, model.Claim{Kind: model.Quote, Sentence: strings.Repeat("s", sentence)})
	}
	return e
}

// A batch is bounded by bytes as well as by count: the articles before a
// huge one are committed without waiting for it, the huge one alone, and
// the rest after it.
func TestWriterBoundsBatchBytes(t *testing.T) {
	var entries []store.Entry
	for i := range 11 {
		if i == 5 {
			entries = append(entries, sizedEntry(i, 2000, 1000)) // 2 MB of evidence
			continue
		}
		entries = append(entries, sizedEntry(i, 3, 100))
	}
	cfg := Config{BatchSize: 100, BatchBytes: 1 << 20, BatchWait: time.Hour}
	if got := commitSizes(t, cfg, entries); fmt.Sprint(got) != "[5 1 5]" {
		t.Fatalf("commits of %v articles, want [5 1 5]", got)
	}
	cfg.BatchBytes = 64 << 20
	if got := commitSizes(t, cfg, entries); fmt.Sprint(got) != "[11]" {
		t.Fatalf("with room for all: commits of %v articles, want [11]", got)
	}
}

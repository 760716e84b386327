package web_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
	"github.com/claimwire/claimwire/web"
)

// The benchmark database: benchArticles articles of claimsPerArticle
// claims each, one million claims, built once per run of the test binary
// in a temporary folder that TestMain removes. CLAIMWIRE_BENCH_DB=PATH
// keeps it at PATH instead and reuses it on the next run (building it takes
// minutes).
const (
	benchArticles    = 100_000
	claimsPerArticle = 10
	benchBatch       = 2_000
)

var (
	benchOnce sync.Once
	benchDir  string
	benchDB   *store.DB
	benchErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDB != nil {
		_ = benchDB.Close()
	}
	if benchDir != "" {
		_ = os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// Names the generated claims draw from: each accuser, accused, speaker
// and actor is in about 1 of len(list) claims of its kind.
var (
	benchStates   = names("State", 50)
	benchSpeakers = names("Speaker", 200)
	benchActors   = names("APT", 30)
	benchFeeds    = names("https://feeds.example/feed", 20)
	benchOutlets  = hosts(50)
	benchWords    = strings.Fields("officials said the attack network ministry agency report statement hackers systems " +
		"operators campaign breach data sources government security services company investigators analysts " +
		"infrastructure espionage sanctions evidence intrusion malware servers email accounts")
)

func hosts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("outlet%d", i)
	}
	return out
}

func names(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s %d", prefix, i)
	}
	return out
}

// millionDB returns the benchmark database, building it on first use.
func millionDB(b *testing.B) *store.DB {
	b.Helper()
	benchOnce.Do(func() {
		start := time.Now()
		path := os.Getenv("CLAIMWIRE_BENCH_DB")
		if path != "" {
			if _, err := os.Stat(path); err == nil {
				benchDB, benchErr = store.Open(path, store.Options{})
				return
			}
		} else {
			benchDir, benchErr = os.MkdirTemp("", "claimwire-bench-")
			if benchErr != nil {
				return
			}
			path = filepath.Join(benchDir, "million.db")
		}
		benchDB, benchErr = store.Open(path, store.Options{})
		if benchErr != nil {
			return
		}
		benchErr = fillMillion(benchDB)
		b.Logf("built %d claims in %s", benchArticles*claimsPerArticle, time.Since(start).Round(time.Second))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDB
}

var benchStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// fillMillion commits the articles oldest first, a few thousand per
// transaction, with claims of every kind naming the parties above.
func fillMillion(db *store.DB) error {
	rng := rand.New(rand.NewPCG(1, 2))
	sentence := func(extra ...string) string {
		words := make([]string, 0, 20)
		for range 14 {
			words = append(words, benchWords[rng.IntN(len(benchWords))])
		}
		words = append(words, extra...)
		rng.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
		return strings.Join(words, " ") + "."
	}
	entries := make([]store.Entry, 0, benchBatch)
	for i := range benchArticles {
		url := fmt.Sprintf("https://%s.example/story/%d", benchOutlets[i%len(benchOutlets)], i)
		a := model.Article{ID: model.ArticleID(url), URL: url, Title: fmt.Sprintf("Story %d", i),
			Feeds:     []string{benchFeeds[rng.IntN(len(benchFeeds))]},
			Published: benchStart.Add(time.Duration(i) * 10 * time.Minute), // about two years
		}
		claims := make([]model.Claim, 0, claimsPerArticle)
		var text strings.Builder
		add := func(c model.Claim) {
			c.Start = text.Len()
			text.WriteString(c.Sentence + " ")
			c.End = c.Start + len(c.Sentence)
			claims = append(claims, c)
		}
		for range 2 {
			accuser, accused := benchStates[rng.IntN(len(benchStates))], benchStates[rng.IntN(len(benchStates))]
			add(model.Claim{Kind: model.Accusation, Accuser: accuser, Accused: accused, Allegation: "the breach",
				Sentence: sentence(accuser, "accused", accused), Rule: "bench", Confidence: 0.8})
		}
		actor := benchActors[rng.IntN(len(benchActors))]
		add(model.Claim{Kind: model.Actor, Label: actor, Canonical: actor, Aliases: []string{actor + " Bear", actor + " Panda"},
			Sponsor: benchStates[rng.IntN(len(benchStates))], Sentence: sentence(actor), Rule: "bench", Confidence: 0.9})
		for range 3 {
			speaker := benchSpeakers[rng.IntN(len(benchSpeakers))]
			extra := []string{speaker, "said"}
			if rng.IntN(50) == 0 {
				extra = append(extra, "pipeline") // the free-text search word: 1 quote in 50
			}
			add(model.Claim{Kind: model.Quote, Speaker: speaker, Quote: "we are ready", Direct: true,
				Sentence: sentence(extra...), Rule: "bench", Confidence: 0.9})
		}
		for range 4 {
			add(model.Claim{Kind: model.Number, Value: float64(rng.IntN(1000)), Unit: "servers", Text: "many servers",
				Sentence: sentence("servers"), Rule: "bench", Confidence: 0.9})
		}
		a.Text = text.String()
		a.TextHash = model.Hash(a.Text)
		entries = append(entries, store.Entry{Article: a, Claims: claims})
		if len(entries) == benchBatch {
			if err := db.Commit(entries); err != nil {
				return err
			}
			entries = entries[:0]
		}
	}
	if len(entries) > 0 {
		return db.Commit(entries)
	}
	return nil
}

// BenchmarkMillionClaims answers the claims page and GET /api/claims over
// one million stored claims, with no filter and with each filter alone.
// `make bench-web` runs it five times and prints the median of each.
func BenchmarkMillionClaims(b *testing.B) {
	db := millionDB(b)
	h := (&api.Server{DB: db, Pages: web.New(db).Handler()}).Handler()
	mid := benchStart.Add(365 * 24 * time.Hour)
	filters := []struct{ name, query string }{
		{"none", ""},
		{"kind", "kind=quote"},
		{"accuser", "accuser=" + url.QueryEscape(benchStates[7])},
		{"accused", "accused=" + url.QueryEscape(benchStates[8])},
		{"speaker", "speaker=" + url.QueryEscape(benchSpeakers[9])},
		{"actor", "actor=" + url.QueryEscape(benchActors[3]+" Bear")},
		{"feed", "feed=" + url.QueryEscape(benchFeeds[5])},
		{"outlet", "outlet=" + benchOutlets[6] + ".example"},
		{"text", "q=pipeline"},
		{"text-absent", "q=nowhere"}, // one bounded scan of store.MaxExamined claims: an empty page with a cursor
		{"dates", "since=" + mid.Format(time.DateOnly) + "&until=" + mid.AddDate(0, 1, 0).Format(time.DateOnly)},
	}
	for _, endpoint := range []struct{ name, path string }{{"page", "/claims"}, {"api", "/api/claims"}} {
		for _, f := range filters {
			b.Run(endpoint.name+"/"+f.name, func(b *testing.B) {
				target := endpoint.path
				if f.query != "" {
					target += "?" + f.query
				}
				get := func() *httptest.ResponseRecorder {
					req := httptest.NewRequest(http.MethodGet, target, nil)
					req.Host = "127.0.0.1:8181"
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req)
					return rec
				}
				rec := get()
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", target, rec.Code, rec.Body)
				}
				rows := strings.Count(rec.Body.String(), `"article_id"`) + strings.Count(rec.Body.String(), `data-claim=`)
				if !strings.HasPrefix(f.name, "text") && rows < 100 || rows == 0 && f.name == "text" {
					b.Fatalf("%s: %d rows, want a full page", target, rows)
				}
				b.ResetTimer()
				for b.Loop() {
					get()
				}
			})
		}
	}
}

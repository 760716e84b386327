package store

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/export"
	"github.com/claimwire/claimwire/model"
)

const (
	benchArticles = 5000
	benchClaims   = 20 // per article: 100,000 in all
)

// BenchmarkExportCSV exports 100,000 stored claims through ForEachClaim and
// the CSV writer; the budget is 2 s per op.
func BenchmarkExportCSV(b *testing.B) {
	db := newDB(b)
	fillBench(b, db)
	b.ReportAllocs()
	for b.Loop() {
		n := exportCSV(b, db)
		if n != benchArticles*benchClaims {
			b.Fatalf("exported %d claims", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(benchArticles*benchClaims), "ns/claim")
}

func exportCSV(b *testing.B, db *DB) int {
	w := export.NewWriter(io.Discard, export.Options{})
	n := 0
	err := db.ForEachClaim(Filter{}, func(c model.Claim, a model.Article) error {
		n++
		return w.Write(c, a)
	})
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// fillBench stores articles of about 3 KB of text with realistic claims.
func fillBench(b *testing.B, db *DB) {
	text := strings.Repeat("The ministry said the attack, which it blamed on the group, caused damage. ", 40)
	for start := 0; start < benchArticles; start += 500 {
		var batch []Entry
		for i := start; i < start+500; i++ {
			a := article(fmt.Sprint("bench-", i), "https://wire.example/rss", day0.Add(time.Duration(i)*time.Minute))
			a.Text = text
			cs := claims(benchClaims)
			for j := range cs {
				cs[j].Sentence = text[:160]
				cs[j].Accuser, cs[j].Accused, cs[j].Confidence = "Ministry of Defence", "Fancy Bear", 0.75
			}
			batch = append(batch, Entry{Article: a, Claims: cs})
		}
		commit(b, db, batch...)
	}
}

package store

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/claimwire/claimwire/model"
)

// newDB opens a fresh database in a temporary directory, closed by cleanup.
func newDB(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "claimwire.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return db
}

var day0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// article builds an article whose ID, GUID, URL and text derive from name.
func article(name, feed string, published time.Time) model.Article {
	url := "https://news.example/" + name
	return model.Article{
		ID:        model.ArticleID(url),
		URL:       url,
		GUID:      "guid-" + name,
		Title:     "Title " + name,
		Feeds:     []string{feed},
		Published: published,
		Fetched:   published.Add(time.Minute),
		Text:      "Text of " + name,
		TextHash:  model.Hash("Text of " + name),
	}
}

// claims builds n claims cycling through every kind.
func claims(n int) []model.Claim {
	out := make([]model.Claim, n)
	for i := range out {
		k := model.Kinds[i%len(model.Kinds)]
		out[i] = model.Claim{Kind: k, Sentence: "sentence " + string(k), Start: i * 10, End: i*10 + 5, Rule: "r"}
		if k == model.Number {
			out[i].Value, out[i].Unit = 4.4e9, "USD"
		}
	}
	return out
}

func commit(t testing.TB, db *DB, entries ...Entry) {
	t.Helper()
	if err := db.Commit(entries); err != nil {
		t.Fatal(err)
	}
}

func mustClaims(t testing.TB, db *DB, id string) []model.Claim {
	t.Helper()
	cs, err := db.Claims(id)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func mustArticle(t testing.TB, db *DB, id string) model.Article {
	t.Helper()
	a, err := db.Article(id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func mustCount(t testing.TB, db *DB) int {
	t.Helper()
	n, err := db.CountArticles()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func mustCheck(t testing.TB, db *DB) {
	t.Helper()
	if err := db.Check(); err != nil {
		t.Fatal(err)
	}
}

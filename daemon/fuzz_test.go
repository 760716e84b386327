package daemon

import (
	"context"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// FuzzItemArticle feeds arbitrary feed items through the path from item to
// stored entry without fetching: the article's identity, its text when the
// item holds the whole article, and its claims. Nothing may panic, every
// article gets a valid ID, and offsets stay inside the text.
func FuzzItemArticle(f *testing.F) {
	f.Add("https://news.example/a?utm_source=x", "guid-1", "Title", "<p>Britain accused Russia of hacking, officials said.</p>", true)
	f.Add("", "", "", "", false)
	f.Add("javascript:alert(1)", "urn:x", "<b>t</b>", "\"Quote,\" said Anne Marchetti. APT31 sent 10,000 emails.", true)
	f.Add("http://[::1]:80/%zz", "1234", "\x00", "<html><body><article><p>\xff\xfe</p></article></body></html>", true)
	p := newPipeline(f, nil)
	d := New(Config{Pipeline: p, Now: func() time.Time { return time.Unix(0, 0) }}, nil)
	f.Fuzz(func(t *testing.T, link, guid, title, content string, full bool) {
		it := feeds.Item{FeedURL: "https://feed.example/rss", GUID: guid, Link: link, Title: title, Content: content, Full: full}
		it.Canonical, _ = feeds.CanonicalURL(link)
		a := ItemArticle(it, time.Unix(0, 0))
		if len(a.ID) != model.IDLen || len(a.Feeds) != 1 {
			t.Fatalf("article %+v: bad ID or feeds", a)
		}
		e := store.Entry{Article: a}
		if !full {
			return // would fetch the page
		}
		it.Link = "" // never fetch
		if err := d.source(context.Background(), &e, it); err != nil {
			return
		}
		if e.Article.TextHash != TextHash(e.Article.Text) || !utf8.ValidString(e.Article.Text) {
			t.Fatalf("text %q: hash or encoding wrong", e.Article.Text)
		}
		claims, err := p.Extract(context.Background(), &e.Article)
		if err != nil {
			return
		}
		for _, c := range claims {
			if c.Start < 0 || c.End > len(e.Article.Text) || c.Start > c.End || !c.Kind.Valid() {
				t.Fatalf("claim %+v out of text of %d bytes", c, len(e.Article.Text))
			}
		}
	})
}

package daemon

import (
	"cmp"
	"context"
	"log/slog"
	"time"

	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// result is what the writer commits: an entry, the job it came from (nil
// for a link entry) and the poll runs it counts towards besides the job's
// own; or the state of a feed whose poll is complete with nothing pending.
type result struct {
	entry *store.Entry
	job   *job
	runs  []*pollRun
	done  *model.Feed
}

// workLoop processes jobs until the channel closes. Once ctx is done it
// only drains the channel: unfinished work is dropped, not committed.
func (d *Daemon) workLoop(ctx context.Context, jobs <-chan *job, results chan<- result) {
	for j := range jobs {
		if ctx.Err() != nil {
			continue
		}
		e := d.process(ctx, j.item)
		if ctx.Err() != nil {
			continue
		}
		results <- result{entry: &e, job: j}
	}
}

// process turns a feed item into an entry to store. A failure is recorded
// on the article (Article.Error), which is stored all the same so that the
// item is not fetched again at every poll.
func (d *Daemon) process(ctx context.Context, it feeds.Item) store.Entry {
	a := ItemArticle(it, d.cfg.Now())
	e := store.Entry{Article: a}
	if err := d.fill(ctx, &e, it); err != nil {
		e.Article.Error = err.Error()
		e.Claims = nil
		if ctx.Err() == nil {
			d.log.Warn("article failed", slog.String("url", it.Link), slog.String("feed", it.FeedURL), slog.Any("error", err))
		}
	}
	return e
}

// fill fetches the item's page unless the feed carried the whole article,
// takes its text and extracts its claims, unless the same text is stored
// already (the store then adds this feed to it).
func (d *Daemon) fill(ctx context.Context, e *store.Entry, it feeds.Item) error {
	if err := d.source(ctx, e, it); err != nil {
		return err
	}
	d.pipe.Metrics.articleFetched()
	if d.storedText(e.Article.TextHash) {
		return nil
	}
	claims, err := d.pipe.Extract(ctx, &e.Article)
	e.Claims = claims
	return err
}

// source takes the article's text from the item or from its page.
func (d *Daemon) source(ctx context.Context, e *store.Entry, it feeds.Item) error {
	if it.Full || it.Link == "" {
		return d.pipe.Page(ctx, &e.Article, []byte(it.Content), "text/html; charset=utf-8", it.Link)
	}
	page, err := feeds.FetchItem(ctx, d.pipe.Fetcher.FetchPage, it) // the feed's text when the page is gone
	if err != nil {
		d.pipe.Metrics.fetchError(err)
		return err
	}
	if page.URL != it.Link {
		e.SeenKeys = append(e.SeenKeys, store.URLKey(page.URL))
	}
	return d.pipe.Page(ctx, &e.Article, page.Body, page.ContentType, page.URL)
}

// storedText reports whether a good article with this text is stored:
// the same story under another URL.
func (d *Daemon) storedText(hash string) bool {
	if hash == "" {
		return false
	}
	id, ok, err := d.db.Seen(store.TextKey(hash))
	if err != nil || !ok {
		return false
	}
	a, err := d.db.Article(id)
	return err == nil && a.Error == ""
}

// ItemArticle starts the article of a feed item with what the feed says
// about it, before its page is read. Its ID derives from the first of its
// canonical URL, link, GUID and content that it has, so that the same item
// always gets the same ID.
func ItemArticle(it feeds.Item, now time.Time) model.Article {
	a := model.Article{
		URL:          it.Link,
		CanonicalURL: it.Canonical,
		GUID:         scopedGUID(it),
		Title:        it.Title,
		Byline:       it.Author,
		Feeds:        []string{it.FeedURL},
		Published:    it.Published,
		Fetched:      now,
	}
	a.ID = model.ArticleID(cmp.Or(it.Canonical, it.Link, a.GUID, it.Content))
	return a
}

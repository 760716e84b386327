package feeds

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/claimwire/claimwire/model"
)

// feedAccept is the Accept header of feed requests.
const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, " +
	"application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"

// Poll fetches one feed with a conditional GET at time now and returns its
// items and the feed's updated state: ETag and Last-Modified as received,
// LastFetch (the attempt, failed or not), NextCheck, LastStatus, Errors,
// LastError, Items, and Title if it was empty. A 304, or a 200 with an
// unchanged ETag (or, without one, Last-Modified), returns no items and only
// moves the schedule. On error the state is still updated, with backoff applied,
// except when ctx was canceled: that is no fault of the feed's, and the state
// comes back as it was.
func (f *Fetcher) Poll(ctx context.Context, feed model.Feed, now time.Time) ([]Item, model.Feed, error) {
	r, err := f.get(ctx, feed.URL, conditional(feed), f.opts.MaxFeedBytes)
	switch {
	case err != nil && errors.Is(ctx.Err(), context.Canceled):
		return nil, feed, err
	case err != nil:
		return nil, f.failed(feed, r, err, now), err
	}
	if !isModified(r, feed) {
		return nil, f.unchanged(feed, r, now), nil
	}
	p, err := parseFeed(feed.URL, r, f.opts.FullWords)
	if err != nil {
		return nil, f.failed(feed, r, err, now), err
	}
	return p.items, f.succeeded(feed, r, p, now), nil
}

// conditional returns the headers of a conditional GET for feed.
func conditional(feed model.Feed) http.Header {
	h := http.Header{"Accept": {feedAccept}}
	if feed.ETag != "" {
		h.Set("If-None-Match", feed.ETag)
	}
	if feed.LastModified != "" {
		h.Set("If-Modified-Since", feed.LastModified)
	}
	return h
}

// isModified reports whether r carries a new version of feed. Some servers
// ignore conditional requests but still send the same validators; the ETag,
// when there is one, decides over Last-Modified.
func isModified(r *response, feed model.Feed) bool {
	etag, modified := r.header.Get("ETag"), r.header.Get("Last-Modified")
	switch {
	case r.status == http.StatusNotModified:
		return false
	case etag != "":
		return etag != feed.ETag
	case modified != "":
		return modified != feed.LastModified
	}
	return true
}

// succeeded records a fetched and parsed feed.
func (f *Fetcher) succeeded(feed model.Feed, r *response, p *parsed, now time.Time) model.Feed {
	feed.ETag = r.header.Get("ETag")
	feed.LastModified = r.header.Get("Last-Modified")
	feed.Items = len(p.items)
	if feed.Title == "" {
		feed.Title = p.title
	}
	feed.TTL = p.ttl
	h := hintsFrom(r.header, now)
	h.ttl = p.ttl
	return f.record(feed, r.status, h, nil, now)
}

// unchanged records a feed that has not changed since the last poll. A 304
// may carry fresh validators; otherwise the old ones are kept.
func (f *Fetcher) unchanged(feed model.Feed, r *response, now time.Time) model.Feed {
	feed.ETag = firstNonEmpty(r.header.Get("ETag"), feed.ETag)
	feed.LastModified = firstNonEmpty(r.header.Get("Last-Modified"), feed.LastModified)
	h := hintsFrom(r.header, now)
	h.ttl = feed.TTL // a 304 has no body, so the feed's <ttl> is the one last seen
	return f.record(feed, r.status, h, nil, now)
}

// failed records a failed poll; r is nil when no response arrived.
func (f *Fetcher) failed(feed model.Feed, r *response, err error, now time.Time) model.Feed {
	var h hints
	status := 0
	if r != nil {
		h, status = hintsFrom(r.header, now), r.status
	}
	var se *StatusError
	h.gone = errors.As(err, &se) && se.Code == http.StatusGone
	return f.record(feed, status, h, err, now)
}

// record stores the outcome of a poll and schedules the next one.
func (f *Fetcher) record(feed model.Feed, status int, h hints, err error, now time.Time) model.Feed {
	feed.LastFetch, feed.LastStatus = now, status
	if err != nil {
		feed.Errors, feed.LastError = feed.Errors+1, err.Error()
	} else {
		feed.Errors, feed.LastError = 0, ""
	}
	d := policyOf(f.opts).delay(feed.Interval, h, feed.Errors, f.rand())
	feed.NextCheck = now.Add(d)
	return feed
}

// firstNonEmpty returns the first non-empty string.
func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

package feeds

import (
	"context"
	"errors"
	"net/http"
	"strings"
)

// Page is an article page as fetched, before any decoding.
type Page struct {
	URL         string // final, after redirects
	ContentType string // the response's Content-Type header, for charset detection
	Body        []byte // raw bytes, not converted to UTF-8

	// FeedText is the error the page's fetch failed with when Body is the
	// feed item's own text instead (see FetchItem); nil otherwise.
	FeedText error
}

// pageAccept is the Accept header of page requests.
const pageAccept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"

// FetchPage fetches an article page. A status other than 2xx is a
// *StatusError; a body over Options.MaxPageBytes is ErrTooLarge.
func (f *Fetcher) FetchPage(ctx context.Context, url string) (*Page, error) {
	header := http.Header{"Accept": {pageAccept}}
	r, err := f.get(ctx, url, header, f.opts.MaxPageBytes)
	if err != nil {
		return nil, err
	}
	if r.status == http.StatusNotModified {
		return nil, &StatusError{URL: url, Code: r.status}
	}
	return &Page{URL: r.url, ContentType: r.header.Get("Content-Type"), Body: r.body}, nil
}

// FetchItem fetches the page of a feed item with fetch (a Fetcher's
// FetchPage, or a stand-in). When the page is refused for good (an HTTP 4xx
// such as 404, 410 or 403) but the item's content element holds text, too
// short to count as the full article, that text is returned as the page
// (with the item's link as URL and FeedText set) instead of the error: the
// feed's text is all there is of the story, better than an article stored
// empty. A summary is not enough (the page may yet appear, and is tried
// again later), and neither are transient failures (5xx, timeouts, 408,
// 429) or a refused address, which stay errors.
func FetchItem(ctx context.Context, fetch func(context.Context, string) (*Page, error), it Item) (*Page, error) {
	page, err := fetch(ctx, it.Link)
	if err == nil || !gone(err) || it.Summary || strings.TrimSpace(it.Content) == "" || ctx.Err() != nil {
		return page, err
	}
	return &Page{URL: it.Link, ContentType: "text/html; charset=utf-8", Body: []byte(it.Content), FeedText: err}, nil
}

// gone reports whether a page fetch failed with a status that trying again
// will not mend.
func gone(err error) bool {
	var status *StatusError
	return errors.As(err, &status) && status.Code >= 400 && status.Code < 500 &&
		status.Code != http.StatusRequestTimeout && status.Code != http.StatusTooManyRequests
}

package feeds

import (
	"context"
	"net/http"
)

// Page is an article page as fetched, before any decoding.
type Page struct {
	URL         string // final, after redirects
	ContentType string // the response's Content-Type header, for charset detection
	Body        []byte // raw bytes, not converted to UTF-8
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

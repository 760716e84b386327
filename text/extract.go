package text

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/claimwire/claimwire/rules"
	"golang.org/x/net/html"
)

// Page is an article's main text and what the page says about itself.
type Page struct {
	// Text is the article body: paragraphs (headings and list items
	// included) separated by one blank line, lines within a paragraph by a
	// newline, spaces collapsed, Unicode NFC, quotes as written.
	Text         string
	Title        string    // the headline, without the site's name
	Byline       string    // the authors as the page names them, comma-separated
	CanonicalURL string    // absolute, from <link rel=canonical>, og:url or JSON-LD
	Lang         string    // as declared, e.g. "en" or "pt-BR"; else as detected from the text
	SiteName     string    // the publication, e.g. "Reuters"
	Published    time.Time // zero when the page does not say
}

// ErrTooLarge is returned for a body over MaxBody bytes.
var ErrTooLarge = errors.New("page too large")

// ErrNoText is returned when no article text could be found in a page.
var ErrNoText = errors.New("no article text found")

// ErrNotText is returned for a body that is neither HTML nor text, such as
// a PDF or an image.
var ErrNotText = errors.New("neither HTML nor text")

// Extractor finds the main text of pages. It holds only compiled rules, so
// one Extractor is safe for concurrent use.
type Extractor struct {
	sites []site
}

// New returns an Extractor that applies the given per-site rules, usually
// rules.Load(...).Sites. It fails on a selector that does not compile,
// which rules.Load has already ruled out.
func New(sites []rules.Site) (*Extractor, error) {
	s, err := compileSites(sites)
	if err != nil {
		return nil, err
	}
	return &Extractor{sites: s}, nil
}

// Extract returns the main text and metadata of body. An HTML body (by
// contentType, else by sniffing) is converted to UTF-8 and parsed; a plain
// text body comes back as Text unchanged but for its charset and line
// endings; anything else (a PDF, an image) is ErrNotText. pageURL, which
// may be empty, picks the site rules and resolves relative URLs; without
// it the page's own canonical URL is used.
//
// Errors say what failed but not which page: callers add that. The
// libraries do not take a context, so ctx is checked between stages; each
// stage is bounded by MaxBody.
func (e *Extractor) Extract(ctx context.Context, body []byte, contentType, pageURL string) (*Page, error) {
	if len(body) > MaxBody {
		return nil, fmt.Errorf("%w: %d bytes, more than the %d allowed", ErrTooLarge, len(body), MaxBody)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	switch {
	case IsHTML(body, contentType):
	case isText(body, contentType):
		return plainPage(body, contentType)
	default:
		return nil, fmt.Errorf("%w: %s", ErrNotText, sniffedType(body, contentType))
	}
	return e.extractHTML(ctx, body, contentType, pageURL)
}

// plainPage passes text through; only the charset and line endings change.
func plainPage(body []byte, contentType string) (*Page, error) {
	utf, err := decodeText(body, contentType)
	if err != nil {
		return nil, err
	}
	return &Page{Text: StripControls(newlines(string(utf)))}, nil
}

// decodeText converts body to UTF-8 and refuses it when it is not text
// after all: a binary file served as text/html.
func decodeText(body []byte, contentType string) ([]byte, error) {
	utf, err := ToUTF8(body, contentType)
	if err != nil {
		return nil, err
	}
	if bad, total := binaryRunes(utf); isBinary(bad, total) {
		return nil, fmt.Errorf("%w: %d of %d characters are control characters or undecodable bytes", ErrNotText, bad, total)
	}
	return utf, nil
}

func (e *Extractor) extractHTML(ctx context.Context, body []byte, contentType, pageURL string) (*Page, error) {
	doc, err := parseHTML(body, contentType)
	if err != nil {
		return nil, err
	}
	base := parseBase(pageURL)
	m := readMeta(doc)
	page := &Page{}
	m.fill(page, doc, base)
	if base == nil {
		base = parseBase(page.CanonicalURL)
	}
	headline := doc.Find("h1").First().Text()
	dropFurniture(doc, page, m)
	if page.Text, err = e.mainText(ctx, doc, m, base, page); err != nil {
		return nil, err
	}
	page.Text = tidy(page.Text, page, headline)
	if page.Text == "" {
		return nil, ErrNoText
	}
	stripMeta(page)
	return page, nil
}

// stripMeta removes control characters from the metadata, which comes from
// tags and JSON-LD that the text's rendering does not see.
func stripMeta(p *Page) {
	for _, f := range []*string{&p.Title, &p.Byline, &p.CanonicalURL, &p.Lang, &p.SiteName} {
		*f = StripControls(*f)
	}
}

// dropFurniture removes from the page what is never article text, before
// any extractor sees it: the libraries keep some of it when it sits inside
// the story's container.
func dropFurniture(doc *goquery.Document, page *Page, m *meta) {
	dropStandfirst(doc, page, m.description())
	dropLinkBlocks(doc)
	dropJunk(doc)
	dropImageCaptions(doc)
}

func parseHTML(body []byte, contentType string) (*goquery.Document, error) {
	utf, err := decodeText(body, contentType)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(bytes.NewReader(utf))
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	return goquery.NewDocumentFromNode(root), nil
}

// parseBase returns pageURL parsed when it is an absolute URL, else nil.
func parseBase(pageURL string) *url.URL {
	u, err := url.Parse(pageURL)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return nil
	}
	return u
}

// mainText applies the page's site rules, if any: their drop selectors
// always, their body selectors when one matches. Otherwise the libraries
// choose the body.
func (e *Extractor) mainText(ctx context.Context, doc *goquery.Document, m *meta, base *url.URL, page *Page) (string, error) {
	if base != nil {
		if s := siteFor(e.sites, base.Hostname()); s != nil {
			s.dropNodes(doc)
			if body := s.bodyNodes(doc); body != nil {
				return renderSelection(body), nil
			}
		}
	}
	return libraryText(ctx, doc, m, base, page)
}

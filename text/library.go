package text

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// libraryText lets go-trafilatura choose the article body, offering it
// readeck's go-readability result and the JSON-LD articleBody as
// candidates for when its own pick looks too short. It also fills metadata
// the page's tags left empty from what trafilatura found.
func libraryText(ctx context.Context, doc *goquery.Document, m *meta, base *url.URL, page *Page) (text string, err error) {
	defer recoverPanic(&err)
	root := doc.Nodes[0]
	if err := ctx.Err(); err != nil {
		return "", err
	}
	cands := candidates(root, m, base)
	if err := ctx.Err(); err != nil {
		return "", err
	}
	res, err := trafilatura.ExtractDocument(root, trafilatura.Options{
		OriginalURL:        base,
		EnableFallback:     true,
		FallbackCandidates: cands,
		ExcludeComments:    true,
		HtmlDateMode:       trafilatura.Disabled, // the date comes from metadata
	})
	if err != nil {
		// trafilatura fails when it finds too little text.
		return "", fmt.Errorf("%w (%w)", ErrNoText, err)
	}
	fillFromLibrary(page, &res.Metadata)
	return render(res.ContentNode), nil
}

// recoverPanic turns a panic into *err: the libraries walk hostile markup,
// and a panic in one of them must cost one page, not the batch.
func recoverPanic(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("main text extraction panicked: %v", r)
	}
}

// candidates are what trafilatura may prefer to its own pick. The empty
// Distiller candidate keeps it from running go-domdistiller, which changed
// no page of the benchmark and costs time.
func candidates(root *html.Node, m *meta, base *url.URL) *trafilatura.FallbackCandidates {
	c := &trafilatura.FallbackCandidates{
		Readability: readabilityNode(root, base),
		Distiller:   &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div},
	}
	if n := articleBodyNode(m); n != nil {
		c.Others = []*html.Node{n}
	}
	return c
}

// readabilityNode returns readeck's choice of article node, or nil.
func readabilityNode(root *html.Node, base *url.URL) *html.Node {
	a, err := readability.FromDocument(root, base)
	if err != nil {
		return nil
	}
	return a.Node
}

// articleBodyNode turns the JSON-LD articleBody into paragraphs, or nil.
func articleBodyNode(m *meta) *html.Node {
	body := ldString(m.ld["articleBody"])
	if len(body) < 200 {
		return nil
	}
	div := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for para := range strings.SplitSeq(newlines(body), "\n") {
		if para = strings.TrimSpace(para); para != "" {
			p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
			p.AppendChild(&html.Node{Type: html.TextNode, Data: para})
			div.AppendChild(p)
		}
	}
	return div
}

func fillFromLibrary(p *Page, md *trafilatura.Metadata) {
	p.Title = first(p.Title, md.Title)
	p.Byline = first(p.Byline, md.Author)
	p.SiteName = first(p.SiteName, md.Sitename)
	p.Lang = first(p.Lang, md.Language)
	if p.Published.IsZero() {
		p.Published = md.Date
	}
}

// renderSelection renders the nodes a site rule chose, one after another.
func renderSelection(s *goquery.Selection) string {
	var parts []string
	for _, n := range s.Nodes {
		if t := render(n); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n\n")
}

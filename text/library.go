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
	return render(repairRescue(res.ContentNode, root, m)), nil
}

// repairRescue undoes what trafilatura's last-resort extraction, which it
// runs on pages with little text, does to paragraphs. Having collected a
// short page's paragraphs it appends the whole body's text as one more
// paragraph, so that every sentence comes out twice; and it takes an
// <article> or a JSON-LD articleBody as a single paragraph, its
// paragraphs run together ("said.Moscow"). A restating last paragraph is
// dropped; a single paragraph that is an <article>'s or the articleBody's
// text is replaced by that source with its paragraphs, and so is a
// last paragraph that is the whole page's text.
func repairRescue(out, root *html.Node, m *meta) *html.Node {
	kids := elementChildren(out)
	if len(kids) == 0 || !isBareParagraph(kids[len(kids)-1]) {
		return out
	}
	last := kids[len(kids)-1]
	lastKey := key(last.FirstChild.Data)
	if len(kids) == 1 {
		if src := restatedSource(lastKey, root, m); src != nil {
			return src
		}
		return out
	}
	if !restates(lastKey, kids[:len(kids)-1]) {
		return out
	}
	if page := key(render(root)); page != "" && strings.Contains(lastKey, page) {
		return root // all the page's text: render it with its paragraphs
	}
	out.RemoveChild(last)
	return out
}

// restates reports whether k, a paragraph's key, holds the text of the
// paragraphs before it run together.
func restates(k string, before []*html.Node) bool {
	var sb strings.Builder
	for _, n := range before {
		sb.WriteString(key(textOf(n)))
	}
	joined := sb.String()
	return joined != "" && strings.Contains(k, joined)
}

// restatedSource returns the <article>, the articleBody paragraphs or the
// page whose text k is, or nil.
func restatedSource(k string, root *html.Node, m *meta) *html.Node {
	if k == "" {
		return nil
	}
	if body := ldString(m.ld["articleBody"]); body != "" && key(body) == k {
		return paragraphsNode(body)
	}
	if a := goquery.NewDocumentFromNode(root).Find("article").First(); a.Length() > 0 && key(render(a.Nodes[0])) == k {
		return a.Nodes[0]
	}
	if key(render(root)) == k {
		return root
	}
	return nil
}

// isBareParagraph reports whether n is a <p> holding one text node, as
// trafilatura's rescue builds them.
func isBareParagraph(n *html.Node) bool {
	c := n.FirstChild
	return n.Data == "p" && c != nil && c.Type == html.TextNode && c.NextSibling == nil
}

func elementChildren(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			out = append(out, c)
		}
	}
	return out
}

// textOf is the text under n, without separators.
func textOf(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return sb.String()
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
	return paragraphsNode(body)
}

// paragraphsNode makes a <div> of text with a <p> for each line.
func paragraphsNode(body string) *html.Node {
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

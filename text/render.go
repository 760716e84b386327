package text

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// blocks start and end a paragraph. List items and table rows count as
// paragraphs of their own so that sentence splitting never runs one into
// the next.
var blocks = set("address", "article", "aside", "blockquote", "caption",
	"center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
	"figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
	"h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre",
	"section", "summary", "table", "tr", "ul")

// silent elements never hold article text.
var silent = set("script", "style", "noscript", "template", "head", "svg",
	"math", "iframe", "object", "embed", "audio", "video", "canvas",
	"select", "textarea", "button", "input")

// Elements are looked up by name, not atom: the libraries build nodes
// without setting DataAtom.
func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// render returns the text of n with a blank line between paragraphs.
func render(n *html.Node) string {
	var sb strings.Builder
	renderNode(&sb, n, false)
	return normalize(sb.String())
}

// renderNode writes raw text with "\n\n" at paragraph edges and "\n" for
// <br>; normalize tidies the whitespace afterwards.
func renderNode(sb *strings.Builder, n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		writeText(sb, n.Data, pre)
		return
	case html.ElementNode:
		if silent[n.Data] {
			return
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	edge := edgeOf(n.Data)
	sb.WriteString(edge)
	pre = pre || n.Data == "pre"
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		renderNode(sb, c, pre)
	}
	sb.WriteString(edge)
}

// edgeOf is what an element writes before and after its content.
func edgeOf(name string) string {
	switch {
	case blocks[name]:
		return "\n\n"
	case name == "br":
		return "\n"
	case name == "td" || name == "th":
		return " "
	}
	return ""
}

// writeText writes an HTML text node: outside <pre> a newline in the source
// is only a space.
func writeText(sb *strings.Builder, s string, pre bool) {
	if pre {
		sb.WriteString(s)
		return
	}
	sb.WriteString(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s))
}

// invisible characters that split words for no visible reason.
var invisible = strings.NewReplacer("\u200b", "", "\u200c", "", "\u2060", "", "\ufeff", "", "\u00ad", "")

// normalize collapses runs of spaces (including no-break spaces), trims
// lines, removes control characters and terminal escape sequences, and
// leaves exactly one blank line between paragraphs. Text is put
// in Unicode NFC; quotes and other punctuation are left as they are.
func normalize(s string) string {
	var sb strings.Builder
	blank := false
	for line := range strings.SplitSeq(StripControls(invisible.Replace(newlines(s))), "\n") {
		line = strings.Join(strings.Fields(line), " ")
		switch {
		case line == "":
			blank = true
			continue
		case sb.Len() == 0:
		case blank:
			sb.WriteString("\n\n")
		default:
			sb.WriteString("\n")
		}
		sb.WriteString(line)
		blank = false
	}
	return norm.NFC.String(sb.String())
}

// newlines turns CRLF and lone CR line endings into LF.
func newlines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

package text

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// Short and oddly shaped pages come out with each paragraph once and the
// paragraphs apart, whichever of the libraries' strategies reads them.
func TestExtractTinyAndOddPages(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"two paragraphs", "<p>A.</p><p>B.</p>", "A.\n\nB."},
		{"one paragraph", "<p>Only one paragraph here, nothing else.</p>", "Only one paragraph here, nothing else."},
		{"paragraph edge", "<p>The mayor said.</p><p>Rivals denied it.</p>", "The mayor said.\n\nRivals denied it."},
		{"one line", "<html><body>Just one line of text.</body></html>", "Just one line of text."},
		{"headline and paragraphs", "<h1>Bridge reopens</h1><p>Cars crossed at noon.</p><p>Buses follow.</p>", "Cars crossed at noon.\n\nBuses follow."},
		{"title repeated", "<html><head><title>Bridge reopens</title></head><body><h1>Bridge reopens</h1><p>One.</p><p>Two.</p></body></html>", "One.\n\nTwo."},
		{"div and paragraph", "<html><body><div>A line in a div with no paragraph around it, as some pages do.</div><p>And a paragraph.</p></body></html>",
			"A line in a div with no paragraph around it, as some pages do.\n\nAnd a paragraph."},
		{"article", "<html><body><article><p>The council met on Monday and voted, the clerk said.</p><p>Traders protested outside the hall on Tuesday, calling the vote rushed.</p></article></body></html>",
			"The council met on Monday and voted, the clerk said.\n\nTraders protested outside the hall on Tuesday, calling the vote rushed."},
		{"JSON-LD body", `<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"The first paragraph of the story, the clerk said.\nTraders protested later, calling it rushed."}</script><p>x</p>`,
			"The first paragraph of the story, the clerk said.\n\nTraders protested later, calling it rushed."},
		{"list", "<ul><li>One item.</li><li>Two items.</li></ul>", "One item.\n\nTwo items."},
	}
	e := newTestExtractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := e.Extract(context.Background(), []byte(tt.body), "text/html", "")
			if err != nil {
				t.Fatal(err)
			}
			if p.Text != tt.want {
				t.Errorf("text = %q, want %q", p.Text, tt.want)
			}
		})
	}
}

// A binary file served as HTML or text is refused as not text.
func TestExtractRefusesBinary(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), make([]byte, 64)...)
	random := []byte{}
	for i := range 2048 {
		random = append(random, byte(i*7919>>3^i*31))
	}
	tests := []struct {
		name, contentType string
		body              []byte
	}{
		{"png as html", "text/html", png},
		{"bytes as html", "text/html; charset=utf-8", random},
		{"bytes as undeclared html", "text/html", random},
		{"nul bytes as text", "text/plain", []byte(strings.Repeat("ab\x00\x01", 50))},
		{"utf-16 read as utf-8", "text/html; charset=utf-8", []byte("<\x00p\x00>\x00h\x00e\x00l\x00l\x00o\x00<\x00/\x00p\x00>\x00")},
	}
	e := newTestExtractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Extract(context.Background(), tt.body, tt.contentType, "")
			if !errors.Is(err, ErrNotText) {
				t.Errorf("err = %v, want ErrNotText", err)
			}
		})
	}
}

// A page with a stray byte or two is still read.
func TestExtractKeepsStrayBytes(t *testing.T) {
	body := []byte("<p>The caf\xe9 reopened on Monday, its owner said.</p>")
	p, err := newTestExtractor(t).Extract(context.Background(), body, "text/html; charset=utf-8", "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "The caf\ufffd reopened on Monday, its owner said."; p.Text != want {
		t.Errorf("text = %q, want %q", p.Text, want)
	}
}

// Terminal escape sequences in a page reach neither the text nor the
// metadata.
func TestExtractStripsControls(t *testing.T) {
	body := "<html><head><title>Red \x1b[31malert\x1b[0m</title></head><body>" +
		"<p>The \x1b[1mmayor\x1b[0m said.\x1b]52;c;ZXZpbA==\x07</p><p>Bells\x07 rang.\u009b2J</p>" +
		strings.Repeat("<p>The council met on Monday and voted for the plan, the clerk said.</p>", 10) + "</body></html>"
	p, err := newTestExtractor(t).Extract(context.Background(), []byte(body), "text/html", "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "The mayor said.\n\nBells rang.\n\nThe council"; !strings.HasPrefix(p.Text, want) {
		t.Errorf("text = %q, want %q", p.Text, want)
	}
	if want := "Red alert"; p.Title != want {
		t.Errorf("title = %q, want %q", p.Title, want)
	}
	p, err = newTestExtractor(t).Extract(context.Background(), []byte("plain \x1b[2Jtext\r\n\tindented\n"), "text/plain", "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "plain text\n\tindented\n"; p.Text != want {
		t.Errorf("plain text = %q, want %q", p.Text, want)
	}
}

func TestStripControls(t *testing.T) {
	tests := map[string]string{
		"plain":                         "plain",
		"tab\tand\nnewline":             "tab\tand\nnewline",
		"\x1b[31mred\x1b[0m":            "red",
		"\x1b[38;2;255;0;0mtrue":        "true",
		"clip\x1b]52;c;ZXZpbA==\x07ok":  "clipok",
		"title\x1b]0;pwned\x1b\\ok":     "titleok",
		"8-bit\u009b31mcsi":             "8-bitcsi",
		"8-bit\u009d52;c;eA==\u009cosc": "8-bitosc",
		"cut\x1b[":                      "cut",
		"open\x1b]52;c;eA==\nnext":      "open\nnext",
		"bell\x07 nul\x00 del\x7f":      "bell nul del",
		"over\rwrite":                   "overwrite",
		"esc\x1bx":                      "escx",
		"café “quoted”":                 "café “quoted”",
	}
	for in, want := range tests {
		if got := StripControls(in); got != want {
			t.Errorf("StripControls(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDecodeWarnings(t *testing.T) {
	tests := []struct {
		name, body, contentType, want, warning string
	}{
		{"valid", "<p>Café “x”</p>", "", "<p>Café “x”</p>", ""},
		{"stray byte in utf-8", "<p>Café “x” caf\xe9</p>", "", "<p>Café “x” caf\ufffd</p>", "invalid UTF-8: 1 bytes replaced by U+FFFD"},
		{"declared utf-8", "<p>a\xff\xfeb</p>", "text/html; charset=utf-8", "<p>a\ufffdb</p>", "invalid UTF-8: 2 bytes replaced by U+FFFD"},
		{"header", "<p>caf\xe9</p>", "text/html; charset=iso-8859-1", "<p>café</p>", ""},
		{"meta", "<meta charset=\"windows-1252\"><p>caf\xe9</p>", "", "<meta charset=\"windows-1252\"><p>café</p>", ""},
		{"undeclared legacy", "<p>caf\xe9 cr\xe8me br\xfbl\xe9e</p>", "", "<p>café crème brûlée</p>", "no charset declared and not UTF-8: read as windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warning, err := Decode([]byte(tt.body), tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want || warning != tt.warning {
				t.Errorf("got %q, %q; want %q, %q", got, warning, tt.want, tt.warning)
			}
		})
	}
}

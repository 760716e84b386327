package text

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzExtract feeds arbitrary bytes, content types and URLs to Extract: it
// must not panic, must finish in bounded time and must return valid UTF-8
// in the documented shape. Inputs are capped at 64 KiB to keep each run
// fast; MaxBody bounds real inputs.
func FuzzExtract(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.html")
	for _, path := range seeds {
		body, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body, "", "")
	}
	f.Add([]byte("<p>caf\xe9</p>"), "text/html; charset=iso-8859-1", "https://www.examplewire.com/x")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "", "")
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[[{}]]}]}</script>`), "text/html", "")
	f.Add([]byte("plain\r\ntext"), "text/plain", "::bad url")
	e := newTestExtractor(f)
	f.Fuzz(func(t *testing.T, body []byte, contentType, pageURL string) {
		if len(body) > 64<<10 {
			t.Skip("input over 64 KiB")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		start := time.Now()
		p, err := e.Extract(ctx, body, contentType, pageURL)
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("Extract took %v", d)
		}
		if err != nil {
			return
		}
		if !utf8.ValidString(p.Text) || !utf8.ValidString(p.Title) {
			t.Fatalf("invalid UTF-8 in %q / %q", p.Text, p.Title)
		}
		if IsHTML(body, contentType) && (strings.Contains(p.Text, "\n\n\n") || strings.Contains(p.Text, "  ")) {
			t.Fatalf("text not normalised: %q", p.Text)
		}
	})
}

// FuzzDecode feeds arbitrary bytes and content types to the charset
// detection: the result must be valid UTF-8 without a byte order mark, a
// valid UTF-8 body without a declaration must come back unchanged, and the
// binary sniffing must not fail.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("<p>caf\xe9</p>"), "text/html; charset=iso-8859-1")
	f.Add([]byte("<meta charset=\"koi8-r\"><p>\xf0\xd2\xc9</p>"), "")
	f.Add([]byte("\xef\xbb\xbf<p>Café “x” caf\xe9</p>"), "")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "text/html; charset=utf-8")
	f.Add([]byte("<meta charset=\"utf-16\"><p>x</p>"), "text/html; charset=\"bogus")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		out, _, err := Decode(body, contentType)
		if err != nil {
			return
		}
		if !utf8.Valid(out) || bytes.HasPrefix(out, utf8BOM) {
			t.Fatalf("Decode(%q) = %q: invalid UTF-8 or a BOM", body, out)
		}
		if contentType == "" && utf8.Valid(body) && !hasBOM(body) && !bytes.Equal(out, body) {
			if _, _, guessed := detectCharset(body, ""); !guessed && !metaCharset.Match(body) {
				t.Fatalf("valid undeclared UTF-8 %q changed to %q", body, out)
			}
		}
		bad, total := binaryRunes(out)
		if bad < 0 || bad > total {
			t.Fatalf("binaryRunes = %d of %d", bad, total)
		}
	})
}

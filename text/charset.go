package text

import (
	"bytes"
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// metaScan is how far into a page a <meta charset> is looked for. The HTML
// standard says 1024 bytes, but real pages put long scripts first.
const metaScan = 16 << 10

// ToUTF8 returns body converted to UTF-8, without a byte order mark (when
// body is UTF-8 already, the result shares its memory). The
// charset is taken from, in order: a byte order mark, the charset parameter
// of contentType, a <meta charset> or http-equiv declaration, and lastly a
// statistical guess. A page that is valid UTF-8 and has non-ASCII bytes is
// taken as UTF-8 whatever it declares: legacy text is almost never valid
// UTF-8 by chance, while a stale declaration left by a CMS migration is
// common.
func ToUTF8(body []byte, contentType string) ([]byte, error) {
	enc, name := detectCharset(body, contentType)
	if name == "utf-8" {
		body = bytes.TrimPrefix(body, utf8BOM)
		if utf8.Valid(body) {
			return body, nil
		}
		// Stray invalid bytes would otherwise travel on into claims and JSON.
		return bytes.ToValidUTF8(body, []byte("\uFFFD")), nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return bytes.TrimPrefix(out, utf8BOM), nil
}

// detectCharset returns the encoding of body and its canonical name.
func detectCharset(body []byte, contentType string) (encoding.Encoding, string) {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if certain && hasBOM(body) {
		return enc, name
	}
	if !certain {
		enc, name = declaredCharset(body)
	}
	if enc == nil || (name != "utf-8" && isUTF8Text(body)) {
		return unicode.UTF8, "utf-8"
	}
	return enc, name
}

func hasBOM(body []byte) bool {
	return bytes.HasPrefix(body, utf8BOM) ||
		bytes.HasPrefix(body, []byte{0xfe, 0xff}) || bytes.HasPrefix(body, []byte{0xff, 0xfe})
}

// isUTF8Text reports whether body is valid UTF-8 with at least one
// multi-byte sequence.
func isUTF8Text(body []byte) bool {
	return utf8.Valid(body) && bytes.ContainsFunc(body, func(r rune) bool { return r >= utf8.RuneSelf })
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// declaredCharset returns the charset a <meta> tag declares, else a guess
// from the bytes, else nil when the page is plain ASCII or UTF-8.
func declaredCharset(body []byte) (encoding.Encoding, string) {
	if m := metaCharset.FindSubmatch(body[:min(len(body), metaScan)]); m != nil {
		if enc, name := charset.Lookup(string(m[1])); enc != nil {
			return enc, name
		}
	}
	if utf8.Valid(body) {
		return nil, ""
	}
	return guessCharset(body)
}

// guessCharset falls back to Windows-1252, the web's default for
// undeclared pages, when the detector is unsure.
func guessCharset(body []byte) (encoding.Encoding, string) {
	r, err := chardet.NewHtmlDetector().DetectBest(body[:min(len(body), 64<<10)])
	if err == nil && r.Confidence >= 50 {
		if enc, name := charset.Lookup(r.Charset); enc != nil {
			return enc, name
		}
	}
	return charmap.Windows1252, "windows-1252"
}

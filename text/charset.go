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
// body is UTF-8 already, the result shares its memory). See Decode for how
// the charset is chosen.
func ToUTF8(body []byte, contentType string) ([]byte, error) {
	out, _, err := Decode(body, contentType)
	return out, err
}

// Decode is ToUTF8 that also says what was doubtful about the bytes, or ""
// when nothing was. The charset is taken from, in order: a byte order mark,
// the charset parameter of contentType, a <meta charset> or http-equiv
// declaration. A page that is valid UTF-8 and has non-ASCII bytes is taken
// as UTF-8 whatever it declares: legacy text is almost never valid UTF-8 by
// chance, while a stale declaration left by a CMS migration is common.
//
// An undeclared page that is not valid UTF-8 is read as UTF-8, its invalid
// bytes replaced by U+FFFD, when it holds well-formed multi-byte sequences
// (a UTF-8 page with stray bytes: reading it as a legacy charset would
// garble every accent); otherwise it is a legacy page, whose charset is
// guessed statistically. Either way the warning says so.
func Decode(body []byte, contentType string) (out []byte, warning string, err error) {
	enc, name, guessed := detectCharset(body, contentType)
	if name == "utf-8" {
		return decodeUTF8(body)
	}
	if guessed {
		warning = "no charset declared and not UTF-8: read as " + name
	}
	out, err = enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, "", fmt.Errorf("decode %s: %w", name, err)
	}
	return bytes.TrimPrefix(out, utf8BOM), warning, nil
}

// decodeUTF8 replaces invalid bytes by U+FFFD, so that they do not travel
// on into claims and JSON, and counts them in the warning.
func decodeUTF8(body []byte) ([]byte, string, error) {
	body = bytes.TrimPrefix(body, utf8BOM)
	if utf8.Valid(body) {
		return body, "", nil
	}
	bad := invalidUTF8(body)
	return bytes.ToValidUTF8(body, []byte("\uFFFD")), fmt.Sprintf("invalid UTF-8: %d bytes replaced by U+FFFD", bad), nil
}

// invalidUTF8 counts the bytes of body that are not part of a valid UTF-8
// sequence.
func invalidUTF8(body []byte) int {
	n := 0
	for len(body) > 0 {
		r, size := utf8.DecodeRune(body)
		if r == utf8.RuneError && size == 1 {
			n++
		}
		body = body[size:]
	}
	return n
}

// detectCharset returns the encoding of body, its canonical name, and
// whether it is a statistical guess.
func detectCharset(body []byte, contentType string) (enc encoding.Encoding, name string, guessed bool) {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if certain && hasBOM(body) {
		return enc, name, false
	}
	if !certain {
		enc, name, guessed = declaredCharset(body)
	}
	if enc == nil || (name != "utf-8" && isUTF8Text(body)) {
		return unicode.UTF8, "utf-8", false
	}
	return enc, name, guessed
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

// declaredCharset returns the charset a <meta> tag declares, else nil when
// the page is best read as UTF-8 (see Decode), else a guess from the bytes.
func declaredCharset(body []byte) (encoding.Encoding, string, bool) {
	if m := metaCharset.FindSubmatch(body[:min(len(body), metaScan)]); m != nil {
		if enc, name := charset.Lookup(string(m[1])); enc != nil {
			return enc, name, false
		}
	}
	if utf8.Valid(body) || hasMultiByte(body) {
		return nil, "", false
	}
	enc, name := guessCharset(body)
	return enc, name, true
}

// hasMultiByte reports whether body holds a well-formed UTF-8 sequence of
// two bytes or more: in legacy 8-bit text those are rare, and a few of
// them in a row rarer still.
func hasMultiByte(body []byte) bool {
	for len(body) > 0 {
		i := bytes.IndexFunc(body, func(r rune) bool { return r >= utf8.RuneSelf })
		if i < 0 {
			return false
		}
		r, size := utf8.DecodeRune(body[i:])
		if r != utf8.RuneError {
			return true
		}
		body = body[i+size:]
	}
	return false
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

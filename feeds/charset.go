package feeds

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// xmlDecl matches an XML declaration's encoding; group 1 is its label.
var xmlDecl = regexp.MustCompile(`\A\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]*)["']`)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// toUTF8 converts a feed body to UTF-8 and makes its XML declaration, if
// any, say so, so that the XML parser does not convert it a second time.
// Bytes that are valid UTF-8 are kept as they are, whatever the labels say
// (a wrong label is more common than Latin-1 text that happens to be valid
// UTF-8), except when a label or BOM says UTF-16.
func toUTF8(body []byte, contentType string) []byte {
	body = bytes.TrimPrefix(body, utf8BOM)
	if enc := feedEncoding(body, contentType); enc != nil {
		if out, err := enc.NewDecoder().Bytes(body); err == nil {
			body = out
		}
	}
	return declareUTF8(body)
}

// feedEncoding returns the encoding to decode body from, or nil if it is
// to be kept as UTF-8.
func feedEncoding(body []byte, contentType string) encoding.Encoding {
	if bytes.HasPrefix(body, []byte{0xFF, 0xFE}) || bytes.HasPrefix(body, []byte{0xFE, 0xFF}) {
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	}
	label := contentTypeCharset(contentType)
	if label == "" {
		label = declaredEncoding(body)
	}
	enc, name := charset.Lookup(label)
	switch {
	case strings.HasPrefix(name, "utf-16"):
		return enc
	case utf8.Valid(body):
		return nil
	case enc == nil:
		return charmap.Windows1252
	}
	return enc
}

// contentTypeCharset returns the charset parameter of a Content-Type header.
func contentTypeCharset(contentType string) string {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return params["charset"]
}

// declaredEncoding returns the encoding label of body's XML declaration.
func declaredEncoding(body []byte) string {
	if m := xmlDecl.FindSubmatch(body); m != nil {
		return string(m[1])
	}
	return ""
}

// declareUTF8 rewrites the encoding of body's XML declaration to UTF-8.
func declareUTF8(body []byte) []byte {
	m := xmlDecl.FindSubmatchIndex(body)
	if m == nil {
		return body
	}
	out := make([]byte, 0, len(body))
	out = append(out, body[:m[2]]...)
	out = append(out, "UTF-8"...)
	return append(out, body[m[3]:]...)
}

package text

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"strings"
)

// MaxBody is the largest page Extract accepts, in bytes. News articles are
// far smaller; the bound keeps one hostile page from costing seconds.
const MaxBody = 5 << 20

var gzipMagic = []byte{0x1f, 0x8b}

// ReadFile reads the file at path, gunzipping it when it starts with the
// gzip magic bytes whatever its name. It fails when the file, or what it
// decompresses to, is larger than max bytes, so a gzip bomb stops early.
func ReadFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	var r io.Reader = br
	if magic, _ := br.Peek(2); bytes.Equal(magic, gzipMagic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: gzip: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	return readMax(r, path, max)
}

func readMax(r io.Reader, path string, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, max)
	}
	return b, nil
}

// IsHTML reports whether body is an HTML page. An HTML or XHTML content
// type says yes and text/plain says no; otherwise (no content type, or a
// generic one such as application/octet-stream) the first bytes decide.
func IsHTML(body []byte, contentType string) bool {
	switch mediaType(contentType) {
	case "text/html", "application/xhtml+xml":
		return true
	case "text/plain":
		return false
	}
	return sniffHTML(body)
}

func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return mt
}

// htmlMarks are looked for near the start of a page that the standard
// sniffer misses, such as one opening with an XML declaration or a long
// comment.
var htmlMarks = [][]byte{[]byte("<!doctype html"), []byte("<html"), []byte("<head"), []byte("<body")}

func sniffHTML(body []byte) bool {
	body = bytes.TrimPrefix(body, utf8BOM)
	if ct := http.DetectContentType(body); mediaType(ct) == "text/html" {
		return true
	}
	head := bytes.ToLower(body[:min(len(body), 1024)])
	for _, m := range htmlMarks {
		if bytes.Contains(head, m) {
			return true
		}
	}
	return false
}

// isText reports whether a body that is not HTML is text: its content type
// says text/*, or, when it says nothing or something generic, its bytes
// look like text.
func isText(body []byte, contentType string) bool {
	return strings.HasPrefix(sniffedType(body, contentType), "text/")
}

// sniffedType is the media type of body: contentType's, unless that is
// missing or generic, in which case the bytes decide.
func sniffedType(body []byte, contentType string) string {
	mt := mediaType(contentType)
	if mt == "" || mt == "application/octet-stream" {
		mt = mediaType(http.DetectContentType(body))
	}
	return mt
}

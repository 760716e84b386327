package feeds

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// Source is one feed of a feed list.
type Source struct {
	URL      string
	Interval time.Duration // 0 means the default interval
}

// maxListBytes caps a feed list; a larger one is surely not a list.
const maxListBytes = 10 << 20

// ParseList reads a feed list named name (for error messages). It is either
// OPML (detected by content: its first non-space character is '<') or text:
// one URL per line, optionally followed by a poll interval such as "15m";
// blank lines and everything from a '#' that starts a word are ignored.
//
// A line that does not parse (a bad URL or interval, a URL listed twice) is
// skipped: ParseList returns the sources of the other lines together with a
// *ListError naming each bad line ("feeds.txt:3: invalid URL ..."). Any
// other error (the list does not read, the OPML is not well-formed) comes
// with no sources.
func ParseList(name string, r io.Reader) ([]Source, error) {
	data, err := readList(name, r)
	if err != nil {
		return nil, err
	}
	if isMarkup(data) {
		return parseOPML(name, data)
	}
	return parseText(name, data)
}

// ListError lists the lines of a feed list that were skipped.
type ListError struct {
	Lines []error // "name:line: reason", the first maxListErrors of them
	Count int     // all the bad lines
}

// maxListErrors is how many bad lines a ListError keeps: a file with more
// is hardly a feed list, and one message per line would bury the rest.
const maxListErrors = 20

func (e *ListError) add(err error) {
	if len(e.Lines) < maxListErrors {
		e.Lines = append(e.Lines, err)
	}
	e.Count++
}

// orNil returns e, or nil when no line was bad.
func (e *ListError) orNil() error {
	if e.Count == 0 {
		return nil
	}
	return e
}

func (e *ListError) Error() string {
	msgs := make([]string, len(e.Lines))
	for i, err := range e.Lines {
		msgs[i] = err.Error()
	}
	if more := e.Count - len(e.Lines); more > 0 {
		msgs = append(msgs, fmt.Sprintf("and %d more bad lines", more))
	}
	return strings.Join(msgs, "\n")
}

func (e *ListError) Unwrap() []error { return e.Lines }

// ParseOPML reads an OPML subscription list: the xmlUrl of every outline,
// however deeply nested, each URL once (the same feed often sits in two
// folders). Errors name the file and line; an outline whose URL is bad is
// skipped and reported as for ParseList.
func ParseOPML(name string, r io.Reader) ([]Source, error) {
	data, err := readList(name, r)
	if err != nil {
		return nil, err
	}
	return parseOPML(name, data)
}

// readList reads a whole feed list, up to maxListBytes.
func readList(name string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxListBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxListBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, maxListBytes)
	}
	return data, nil
}

// isMarkup reports whether data starts, after a BOM and spaces, with '<'.
func isMarkup(data []byte) bool {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	return len(data) > 0 && data[0] == '<'
}

// parseText reads the text form of a feed list.
func parseText(name string, data []byte) ([]Source, error) {
	var out []Source
	bad := &ListError{}
	seen := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, utf8BOM)))
	sc.Buffer(nil, maxListBytes)
	for n := 1; sc.Scan(); n++ {
		src, ok, err := parseLine(sc.Text())
		if err == nil && ok && seen[src.URL] != 0 {
			err = fmt.Errorf("duplicate of line %d", seen[src.URL])
		}
		if err != nil {
			bad.add(fmt.Errorf("%s:%d: %w", name, n, err))
			continue
		}
		if ok {
			seen[src.URL] = n
			out = append(out, src)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, bad.orNil()
}

// parseLine parses one line of a text feed list; ok is false for a blank or
// comment line.
func parseLine(line string) (src Source, ok bool, err error) {
	fields := strings.Fields(line)
	for i, f := range fields {
		if strings.HasPrefix(f, "#") {
			fields = fields[:i]
			break
		}
	}
	switch len(fields) {
	case 0:
		return Source{}, false, nil
	case 1, 2:
	default:
		return Source{}, false, fmt.Errorf("want a URL and an optional interval, got %d fields", len(fields))
	}
	src.URL, err = checkListURL(fields[0])
	if err == nil && len(fields) == 2 {
		src.Interval, err = parseInterval(fields[1])
	}
	return src, err == nil, err
}

// checkListURL accepts an absolute http(s) URL.
func checkListURL(raw string) (string, error) {
	if _, err := parseHTTPURL(raw); err != nil {
		return "", err
	}
	return raw, nil
}

// parseInterval parses a positive duration such as "15m".
func parseInterval(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("invalid interval %q: want a positive duration such as 15m", s)
	}
	return d, nil
}

// parseOPML collects the xmlUrl of every outline of an OPML document.
func parseOPML(name string, data []byte) ([]Source, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	if err := expectRoot(d, "opml"); err != nil {
		return nil, opmlError(name, d, err)
	}
	var out []Source
	bad := &ListError{}
	seen := map[string]bool{}
	for {
		start, err := nextStart(d)
		if errors.Is(err, io.EOF) {
			return out, bad.orNil()
		}
		if err != nil {
			return nil, opmlError(name, d, err)
		}
		src, ok, err := outlineSource(start)
		if err != nil {
			bad.add(opmlError(name, d, err))
			continue
		}
		if ok && !seen[src.URL] {
			seen[src.URL] = true
			out = append(out, src)
		}
	}
}

// expectRoot reads up to the root element and checks its name.
func expectRoot(d *xml.Decoder, name string) error {
	start, err := nextStart(d)
	switch {
	case errors.Is(err, io.EOF):
		return fmt.Errorf("no <%s> element", name)
	case err != nil:
		return err
	case !strings.EqualFold(start.Name.Local, name):
		return fmt.Errorf("root element is <%s>, want <%s>", start.Name.Local, name)
	}
	return nil
}

// nextStart returns the next start element.
func nextStart(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, err
		}
		if start, ok := tok.(xml.StartElement); ok {
			return start, nil
		}
	}
}

// outlineSource returns the feed of an <outline xmlUrl="...">; ok is false
// for other elements and for outlines that only group others.
func outlineSource(start xml.StartElement) (src Source, ok bool, err error) {
	if !strings.EqualFold(start.Name.Local, "outline") {
		return Source{}, false, nil
	}
	for _, a := range start.Attr {
		if strings.EqualFold(a.Name.Local, "xmlUrl") {
			src.URL, err = checkListURL(strings.TrimSpace(a.Value))
			return src, err == nil, err
		}
	}
	return Source{}, false, nil
}

// opmlError names the file and the line the decoder is at.
func opmlError(name string, d *xml.Decoder, err error) error {
	var syntax *xml.SyntaxError
	if errors.As(err, &syntax) {
		return fmt.Errorf("%s:%d: %s", name, syntax.Line, syntax.Msg)
	}
	line, _ := d.InputPos()
	return fmt.Errorf("%s:%d: %w", name, line, err)
}

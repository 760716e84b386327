package text

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testSites are the rules the fixtures are extracted with.
var testSites = []rules.Site{{
	Name:  "example wire",
	Hosts: []string{"examplewire.com"},
	Body:  []string{".no-such-class", ".story-text"},
	Drop:  []string{".factbox"},
}}

func newTestExtractor(t testing.TB) *Extractor {
	t.Helper()
	e, err := New(testSites)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestExtractFixtures extracts each fixture, compares its text with
// testdata/NAME.golden (rewritten by -update) and checks what the
// downstream claim extractor depends on.
func TestExtractFixtures(t *testing.T) {
	tests := []struct {
		file, contentType, url string
		want                   Page     // metadata; Text is checked against the golden file
		absent                 []string // boilerplate that must not be in the text
	}{
		{
			file: "news.html",
			want: Page{Title: "Port authority says cyberattack halted cargo systems", Byline: "Jane Doe",
				CanonicalURL: "https://harbourtimes.example/news/2024/03/port-cyberattack", Lang: "en",
				SiteName: "Harbour Times", Published: time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC)},
			url: "https://harbourtimes.example/news/2024/03/port-cyberattack?utm_source=feed",
			absent: []string{"cookie", "Home", "Share on", "Cranes stand idle", "Advertisement", "Read more",
				"Related stories", "Shipping firm fined", "newsletter", "All rights reserved", "Privacy",
				"By Jane Doe", "Officials blamed"},
		},
		{
			file: "jsonld.html",
			want: Page{Title: "Ministry denies drone strike claims", Byline: "Ana Silva, Tom Berg",
				CanonicalURL: "https://wiredaily.example/world/ministry-denies", Lang: "en-GB", SiteName: "Wire Daily",
				Published: time.Date(2024, 2, 1, 7, 0, 0, 0, time.UTC)},
		},
		{
			file:        "cp1252.html",
			contentType: "text/html", // no charset: the <meta http-equiv> must be found
			want:        Page{Title: "Café owners fear €2m losses"},
		},
		{
			file: "malformed.html",
			want: Page{Title: "Broken markup survives"},
		},
		{
			file:   "site.html",
			url:    "https://www.examplewire.com/markets/grain",
			want:   Page{Title: "Grain prices climb after export halt", Lang: "en"},
			absent: []string{"FACTBOX", "Most viewed", "Support independent reporting"},
		},
		{
			file:        "plain.txt",
			contentType: "text/plain; charset=utf-8",
		},
	}
	e := newTestExtractor(t)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := ReadFile(filepath.Join("testdata", tt.file), MaxBody)
			if err != nil {
				t.Fatal(err)
			}
			p, err := e.Extract(context.Background(), body, tt.contentType, tt.url)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", tt.file+".golden"), p.Text)
			checkMeta(t, p, &tt.want)
			for _, s := range tt.absent {
				if strings.Contains(p.Text, s) {
					t.Errorf("text contains %q", s)
				}
			}
			if !strings.HasSuffix(tt.file, ".txt") {
				checkShape(t, p.Text)
			}
		})
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("text differs from %s:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func checkMeta(t *testing.T, got, want *Page) {
	t.Helper()
	check := func(field, g, w string) {
		if w != "" && g != w {
			t.Errorf("%s = %q, want %q", field, g, w)
		}
	}
	check("Title", got.Title, want.Title)
	check("Byline", got.Byline, want.Byline)
	check("CanonicalURL", got.CanonicalURL, want.CanonicalURL)
	check("Lang", got.Lang, want.Lang)
	check("SiteName", got.SiteName, want.SiteName)
	if !want.Published.IsZero() && !got.Published.Equal(want.Published) {
		t.Errorf("Published = %v, want %v", got.Published, want.Published)
	}
}

// checkShape checks the form of extracted text that sentence splitting and
// quote detection rely on.
func checkShape(t *testing.T, text string) {
	t.Helper()
	for _, bad := range []string{"\n\n\n", "  ", "\r", "\u00a0", " \n", "\n "} {
		if strings.Contains(text, bad) {
			t.Errorf("text contains %q", bad)
		}
	}
	if text != strings.TrimSpace(text) {
		t.Error("text has leading or trailing space")
	}
}

func TestExtractKeepsQuotesAndParagraphs(t *testing.T) {
	body, err := os.ReadFile("testdata/news.html")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newTestExtractor(t).Extract(context.Background(), body, "text/html; charset=utf-8", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\n\n“We saw the intrusion on Sunday night and shut the systems down,” said Maria Lopez, the authority’s chief executive.",
		"\n\nWho was behind it\n\n", // a subhead is a paragraph of its own
		"for 36 hours, delaying",    // a no-break space and a source line break become one space
	} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, p.Text)
		}
	}
}

func TestExtractPlainTextUnchanged(t *testing.T) {
	in := "Line one.\r\nLine  two with “quotes”.\r\n\r\n\r\nAfter two blank lines.\rEnd"
	p, err := newTestExtractor(t).Extract(context.Background(), []byte(in), "", "")
	if err != nil {
		t.Fatal(err)
	}
	want := "Line one.\nLine  two with “quotes”.\n\n\nAfter two blank lines.\nEnd"
	if p.Text != want {
		t.Errorf("Text = %q, want %q", p.Text, want)
	}
}

func TestExtractErrors(t *testing.T) {
	e := newTestExtractor(t)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	page := []byte("<html><body><p>text</p></body></html>")
	tests := []struct {
		name string
		ctx  context.Context
		body []byte
		want error
	}{
		{"too large", context.Background(), bytes.Repeat([]byte("a"), MaxBody+1), ErrTooLarge},
		{"cancelled", cancelled, page, context.Canceled},
		{"pdf", context.Background(), []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"), ErrNotText},
		{"image", context.Background(), []byte("\x89PNG\r\n\x1a\n\x00\x00"), ErrNotText},
		{"no text", context.Background(), []byte("<html><body><script>var x = 1;</script> \n</body></html>"), ErrNoText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Extract(tt.ctx, tt.body, "", "")
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestExtractConcurrent shares one Extractor between goroutines; run it
// with -race.
func TestExtractConcurrent(t *testing.T) {
	e := newTestExtractor(t)
	body, err := os.ReadFile("testdata/news.html")
	if err != nil {
		t.Fatal(err)
	}
	want, err := e.Extract(context.Background(), body, "", "")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			p, err := e.Extract(context.Background(), body, "", "")
			if err != nil || p.Text != want.Text {
				t.Errorf("concurrent extraction differs: %v", err)
			}
		})
	}
	wg.Wait()
}

func TestNewRejectsBadSelector(t *testing.T) {
	_, err := New([]rules.Site{{Name: "bad", Hosts: []string{"x.com"}, Body: []string{"p[["}}})
	if err == nil || !strings.Contains(err.Error(), `"bad"`) {
		t.Errorf("err = %v, want an error naming the site", err)
	}
}

func TestSiteFor(t *testing.T) {
	sites, err := compileSites([]rules.Site{
		{Name: "bbc", Hosts: []string{"bbc.co.uk", "bbc.com"}},
		{Name: "bbc news", Hosts: []string{"news.bbc.co.uk"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]string{
		"bbc.co.uk":          "bbc",
		"www.bbc.co.uk":      "bbc",
		"news.bbc.co.uk":     "bbc news",
		"WWW.NEWS.BBC.CO.UK": "bbc news",
		"www.bbc.com.":       "bbc",
		"notbbc.com":         "",
		"bbc.com.evil.net":   "",
	}
	for host, want := range tests {
		got := ""
		if s := siteFor(sites, host); s != nil {
			got = s.name
		}
		if got != want {
			t.Errorf("siteFor(%q) = %q, want %q", host, got, want)
		}
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	html, err := os.ReadFile("testdata/news.html")
	if err != nil {
		t.Fatal(err)
	}
	// Gzipped content under a name without .gz: the magic bytes decide.
	gz := filepath.Join(dir, "page.bin")
	writeGzip(t, gz, html)
	got, err := ReadFile(gz, MaxBody)
	if err != nil || !bytes.Equal(got, html) {
		t.Fatalf("ReadFile(gzip) = %d bytes, %v; want the %d bytes of news.html", len(got), err, len(html))
	}
	// A gzip bomb: small on disk, over the limit once decompressed.
	bomb := filepath.Join(dir, "bomb.html.gz")
	writeGzip(t, bomb, make([]byte, 4<<20))
	if _, err := ReadFile(bomb, 1<<20); err == nil {
		t.Error("ReadFile(bomb) succeeded, want a size error")
	}
	if _, err := ReadFile("testdata/news.html", 100); err == nil {
		t.Error("ReadFile over max succeeded")
	}
	if _, err := ReadFile(filepath.Join(dir, "missing"), MaxBody); err == nil {
		t.Error("ReadFile(missing) succeeded")
	}
}

func writeGzip(t *testing.T, path string, data []byte) {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExtractGzipFile(t *testing.T) {
	html, err := os.ReadFile("testdata/jsonld.html")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "jsonld.html.gz")
	writeGzip(t, path, html)
	body, err := ReadFile(path, MaxBody)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newTestExtractor(t).Extract(context.Background(), body, "", "")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "testdata/jsonld.html.golden", p.Text)
}

func TestIsHTML(t *testing.T) {
	tests := []struct {
		body, contentType string
		want              bool
	}{
		{"<p>hi</p>", "text/html; charset=utf-8", true},
		{"plain", "application/xhtml+xml", true},
		{"<!DOCTYPE html><p>hi", "text/plain", false},
		{"<!DOCTYPE html><p>hi", "", true},
		{"\ufeff<html><body>x", "", true},
		{`<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN"><html>`, "", true},
		{"<!-- generated -->\n<html>", "application/octet-stream", true},
		{"Reuters - The minister said <b> was not a tag.", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := IsHTML([]byte(tt.body), tt.contentType); got != tt.want {
			t.Errorf("IsHTML(%.30q, %q) = %v, want %v", tt.body, tt.contentType, got, tt.want)
		}
	}
}

func TestToUTF8(t *testing.T) {
	tests := []struct {
		name        string
		body        []byte
		contentType string
		want        string
	}{
		{"utf-8", []byte("<p>Café “x”</p>"), "", "<p>Café “x”</p>"},
		{"utf-8 BOM", []byte("\xef\xbb\xbf<p>é</p>"), "", "<p>é</p>"},
		{"utf-16 BOM", []byte("\xff\xfe<\x00p\x00>\x00\xe9\x00"), "text/html; charset=iso-8859-1", "<p>é"},
		{"header", []byte("<p>caf\xe9</p>"), "text/html; charset=ISO-8859-1", "<p>café</p>"},
		{"meta charset", []byte("<meta charset=\"windows-1252\"><p>caf\xe9 \x93q\x94 \x80</p>"), "", `<meta charset="windows-1252"><p>café “q” €</p>`},
		{"http-equiv", []byte("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"><p>\xf0\xd2\xc9</p>"), "", `<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>При</p>`},
		{"stale declaration", []byte(`<meta charset="iso-8859-1"><p>café</p>`), "", `<meta charset="iso-8859-1"><p>café</p>`},
		{"undeclared latin", []byte("<p>caf\xe9 cr\xe8me br\xfbl\xe9e</p>"), "", "<p>café crème brûlée</p>"},
		{"invalid utf-8 declared", []byte("<p>a\xffb</p>"), "text/html; charset=utf-8", "<p>a\ufffdb</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ToUTF8(tt.body, tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := map[string]string{
		"  a  b \t c  ":                      "a b c",
		"a\n\n\n\nb":                         "a\n\nb",
		"a\n \n\u00a0\nb":                    "a\n\nb",
		"a\r\nb\rc":                          "a\nb\nc",
		"“quoted” ‘single’ \"straight\"":     "“quoted” ‘single’ \"straight\"",
		"zero\u200bwidth soft\u00adhyphen":   "zerowidth softhyphen",
		"e\u0301":                            "é", // NFC
		"\n\nfirst\n\n":                      "first",
		"line one\nline two\n\n\npara two  ": "line one\nline two\n\npara two",
	}
	for in, want := range tests {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDefaultSites checks that the shipped site rules load and compile.
func TestDefaultSites(t *testing.T) {
	rs, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Sites) == 0 {
		t.Fatal("no default site rules")
	}
	if _, err := New(rs.Sites); err != nil {
		t.Fatal(err)
	}
}

func TestRecoverPanic(t *testing.T) {
	f := func() (err error) {
		defer recoverPanic(&err)
		panic("index out of range")
	}
	if err := f(); err == nil || !strings.Contains(err.Error(), "index out of range") {
		t.Errorf("err = %v, want the panic as an error", err)
	}
}

package feeds

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseList(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Source
		err      string // a substring of the error; "" for none
	}{
		{"empty", "", nil, ""},
		{"comments only", "# nothing\n\n   # still nothing\n", nil, ""},
		{"one", "https://a.example/rss\n", []Source{{URL: "https://a.example/rss"}}, ""},
		{"interval", "https://a.example/rss 15m", []Source{{URL: "https://a.example/rss", Interval: 15 * time.Minute}}, ""},
		{"trailing comment", "https://a.example/rss 1h # hourly\r\n", []Source{{URL: "https://a.example/rss", Interval: time.Hour}}, ""},
		{"fragment is no comment", "https://a.example/rss#top", []Source{{URL: "https://a.example/rss#top"}}, ""},
		{"bad URL", "# header\nhttps://a.example/rss\nnot a url\n", nil, "feeds.txt:3: want a URL and an optional interval, got 3 fields"},
		{"relative URL", "\n/rss\n", nil, `feeds.txt:2: invalid URL "/rss"`},
		{"scheme", "ftp://a.example/rss", nil, `feeds.txt:1: invalid URL "ftp://a.example/rss"`},
		{"bad interval", "https://a.example/rss soon", nil, `feeds.txt:1: invalid interval "soon"`},
		{"zero interval", "https://a.example/rss 0s", nil, `feeds.txt:1: invalid interval "0s"`},
		{"duplicate", "https://a.example/rss\nhttps://b.example/rss\nhttps://a.example/rss 5m\n", nil, "feeds.txt:3: duplicate of line 1"},
		{"opml", `<opml version="2.0"><body><outline xmlUrl="https://a.example/rss"/></body></opml>`,
			[]Source{{URL: "https://a.example/rss"}}, ""},
		{"opml with BOM and space", "\ufeff\n  <?xml version=\"1.0\"?><opml><body><outline xmlURL=\"https://a.example/rss\"/></body></opml>",
			[]Source{{URL: "https://a.example/rss"}}, ""},
		{"opml bad URL", "<opml>\n<body>\n<outline xmlUrl=\"javascript:x\"/>\n</body></opml>", nil, `feeds.txt:3: invalid URL "javascript:x"`},
		{"opml syntax", "<opml>\n<body>\n<outline xmlUrl=\"https://a.example/\">\n</body></opml>", nil, "feeds.txt:4: element <outline> closed by </body>"},
		{"opml unclosed", "<opml>\n<body>\n", nil, "feeds.txt:3: unexpected EOF"},
		{"no root", "<!-- just a comment -->\n", nil, "feeds.txt:2: no <opml> element"},
		{"not opml", "<html><body></body></html>", nil, "feeds.txt:1: root element is <html>, want <opml>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseList("feeds.txt", strings.NewReader(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseList = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

// A bad line costs that line only: the others are loaded and each bad line
// is named with its file and line.
func TestParseListSkipsBadLines(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Source
		lines    []string
	}{
		{"text", "https://a.example/rss\nnot a url\nhttps://b.example/rss 5m\nhttps://c.example/rss soon\nhttps://a.example/rss\n",
			[]Source{{URL: "https://a.example/rss"}, {URL: "https://b.example/rss", Interval: 5 * time.Minute}},
			[]string{"feeds.txt:2: want a URL and an optional interval, got 3 fields", `feeds.txt:4: invalid interval "soon"`, "feeds.txt:5: duplicate of line 1"}},
		{"opml", "<opml>\n<body>\n<outline xmlUrl=\"javascript:x\"/>\n<outline xmlUrl=\"https://a.example/rss\"/>\n</body></opml>",
			[]Source{{URL: "https://a.example/rss"}}, []string{`feeds.txt:3: invalid URL "javascript:x"`}},
		{"all bad", "a\nb\n", nil, []string{`feeds.txt:1: invalid URL "a"`, `feeds.txt:2: invalid URL "b"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseList("feeds.txt", strings.NewReader(tt.in))
			var le *ListError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want a *ListError", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sources = %+v, want %+v", got, tt.want)
			}
			if le.Count != len(tt.lines) || len(le.Lines) != len(tt.lines) {
				t.Fatalf("bad lines %d (%d kept), want %d: %v", le.Count, len(le.Lines), len(tt.lines), err)
			}
			for i, want := range tt.lines {
				if !strings.HasPrefix(le.Lines[i].Error(), want) {
					t.Errorf("line error %d = %q, want %q...", i, le.Lines[i], want)
				}
			}
		})
	}
}

// A file of nothing but bad lines keeps a bounded number of messages.
func TestListErrorBounded(t *testing.T) {
	_, err := ParseList("big.txt", strings.NewReader(strings.Repeat("x\n", 1000)))
	var le *ListError
	if !errors.As(err, &le) || le.Count != 1000 || len(le.Lines) != maxListErrors {
		t.Fatalf("err = %v", err)
	}
	if !strings.HasSuffix(err.Error(), "and 980 more bad lines") {
		t.Errorf("message ends %q", err.Error()[len(err.Error())-40:])
	}
}

func TestParseListFiles(t *testing.T) {
	tests := []struct {
		file  string
		parse func(string, *os.File) ([]Source, error)
		want  []Source
	}{
		{"feeds.txt", listFile, []Source{
			{URL: "https://wire.example/world/rss"},
			{URL: "https://agency.example/atom.xml", Interval: 15 * time.Minute},
			{URL: "https://json.example/feed.json", Interval: 2 * time.Hour},
		}},
		{"subscriptions.opml", listFile, []Source{
			{URL: "https://wire.example/world/rss"},
			{URL: "https://agency.example/atom.xml"},
		}},
		{"subscriptions.opml", opmlFile, []Source{
			{URL: "https://wire.example/world/rss"},
			{URL: "https://agency.example/atom.xml"},
		}},
	}
	for _, tt := range tests {
		f, err := os.Open(filepath.Join("testdata", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		got, err := tt.parse(tt.file, f)
		f.Close()
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, %v; want %+v", tt.file, got, err, tt.want)
		}
	}
}

func listFile(name string, f *os.File) ([]Source, error) { return ParseList(name, f) }
func opmlFile(name string, f *os.File) ([]Source, error) { return ParseOPML(name, f) }

func TestParseOPMLRejectsText(t *testing.T) {
	_, err := ParseOPML("subs.opml", strings.NewReader("https://a.example/rss\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "subs.opml:") {
		t.Errorf("err = %v, want one naming subs.opml", err)
	}
}

func FuzzParseList(f *testing.F) {
	for _, name := range []string{"feeds.txt", "subscriptions.opml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("https://a.example/ 1h # c\n\nhttps://b.example/")
	f.Add("<opml><outline xmlUrl=\"x\"/><outline xmlUrl=\"https://a.example/\"/></opml>")
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ParseList("fuzz.txt", strings.NewReader(in))
		var le *ListError
		if err != nil && !errors.As(err, &le) && got != nil {
			t.Fatalf("sources %+v returned with error %v", got, err)
		}
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "fuzz.txt:") && !strings.HasPrefix(line, "and ") {
					t.Fatalf("error %q does not name the file", line)
				}
			}
		}
		for _, s := range got {
			if _, err := parseHTTPURL(s.URL); err != nil || s.Interval < 0 {
				t.Fatalf("accepted bad source %+v", s)
			}
		}
	})
}

package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const seedPage = "demodata/news/china-slams-us-uk-nz-hacking-accusations.html"

// seedHTML is the demo's seed page as a file, {{BASE}} filled in.
func seedHTML(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(seedPage)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, "seed.html", strings.ReplaceAll(string(data), "{{BASE}}", "https://wire.example"))
}

func TestTextOfHTMLPage(t *testing.T) {
	out := mustRun(t, "text", seedHTML(t))
	if !strings.HasPrefix(out, "China has slammed the United States") {
		t.Fatalf("text does not start with the story:\n%.300s", out)
	}
	for _, junk := range []string{"Subscribe", "cookies", "Related stories", "Daily Briefing", "All rights reserved", "Share on X"} {
		if strings.Contains(out, junk) {
			t.Errorf("text keeps page furniture %q", junk)
		}
	}
	if !strings.Contains(out, "“That conversation has now taken place,” he said.") {
		t.Error("text lost a paragraph")
	}
}

func TestTextJSON(t *testing.T) {
	var page pageJSON
	if err := json.Unmarshal([]byte(mustRun(t, "text", "--format", "json", seedHTML(t))), &page); err != nil {
		t.Fatal(err)
	}
	want := time.Date(2024, 3, 26, 9, 14, 0, 0, time.UTC)
	if page.Title != "China slams US, UK and New Zealand over hacking accusations" || !page.Published.Equal(want) ||
		page.CanonicalURL != "https://wire.example/news/china-slams-us-uk-nz-hacking-accusations.html" ||
		!strings.Contains(page.Byline, "Wire staff") || !strings.HasPrefix(page.Text, "China has slammed") {
		t.Fatalf("metadata: %+v", page)
	}
}

func TestTextGzipAndPlain(t *testing.T) {
	data, _ := os.ReadFile(seedHTML(t))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(data)
	zw.Close()
	gzPath := filepath.Join(t.TempDir(), "seed.html.gz")
	os.WriteFile(gzPath, gz.Bytes(), 0o600)
	if out := mustRun(t, "text", gzPath); !strings.HasPrefix(out, "China has slammed") {
		t.Fatalf("gzipped page:\n%.200s", out)
	}
	plain := "Line one.\r\n\r\nLine two, <not a tag>.\n"
	r := runCLI(t, plain, "text", "-")
	if r.code != 0 || r.stdout != "Line one.\n\nLine two, <not a tag>.\n\n" {
		t.Fatalf("plain text: exit %d, %q", r.code, r.stdout)
	}
}

func TestTextOfURL(t *testing.T) {
	site := demoSite(t)
	url := site + "/news/eu-sanctions-ransomware-hospitals.html"
	if out := mustRun(t, "text", "--allow-private", url); !strings.HasPrefix(out, "The European Union on Thursday") {
		t.Fatalf("text of URL:\n%.200s", out)
	}
	r := runCLI(t, "", "text", url)
	if r.code != exitUsage || !strings.Contains(r.stderr, "refused address") || !strings.Contains(r.stderr, url) {
		t.Fatalf("loopback URL without --allow-private: exit %d, %q", r.code, r.stderr)
	}
	r = runCLI(t, "", "text", "--allow-private", site+"/news/nosuch.html")
	if r.code != exitUsage || !strings.Contains(r.stderr, "404") {
		t.Fatalf("missing page: exit %d, %q", r.code, r.stderr)
	}
}

func TestTextUnreadableInput(t *testing.T) {
	r := runCLI(t, "", "text", "nosuch.html")
	if r.code != exitUsage || r.stderr != "claimwire: text: read nosuch.html: no such file or directory\n" {
		t.Fatalf("exit %d, %q", r.code, r.stderr)
	}
	huge := writeFile(t, "huge.html", strings.Repeat("<p>word</p>", 600_000))
	if r := runCLI(t, "", "text", huge); r.code != exitUsage || !strings.Contains(r.stderr, "larger than") {
		t.Fatalf("page over the size cap: exit %d, %q", r.code, r.stderr)
	}
}

// A page's terminal escape sequences never reach the terminal.
func TestTextStripsEscapes(t *testing.T) {
	page := writeFile(t, "escapes.html", "<html><head><title>\x1b]0;owned\x07Title</title></head><body>"+
		"<p>The \x1b[31mmayor\x1b[0m said.\x1b]52;c;ZXZpbA==\x07</p><p>Bells rang.\u009b2J</p>"+
		strings.Repeat("<p>The council met on Monday and voted for the plan, the clerk said.</p>", 10)+"</body></html>")
	for _, format := range []string{"text", "json"} {
		out := mustRun(t, "text", "--format", format, page)
		if strings.ContainsFunc(out, func(r rune) bool { return r == 0x1b || r == 0x07 || r == 0x9b }) ||
			strings.Contains(out, "52;c") || strings.Contains(out, "owned") {
			t.Errorf("--format %s: output keeps an escape sequence: %q", format, out)
		}
	}
	if out := mustRun(t, "text", page); !strings.HasPrefix(out, "The mayor said.\n\nBells rang.\n\nThe council") {
		t.Errorf("text = %q", out)
	}
}

// Invalid UTF-8 in an undeclared page is read as UTF-8, the bad bytes
// replaced, and the user told.
func TestTextInvalidUTF8(t *testing.T) {
	page := writeFile(t, "stray.html", "<p>Caf\xc3\xa9 owners met on Monday; the \xe9 mayor said.</p>")
	r := runCLI(t, "", "text", page)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if want := "Café owners met on Monday; the \ufffd mayor said.\n"; r.stdout != want {
		t.Errorf("text = %q, want %q", r.stdout, want)
	}
	if !strings.Contains(r.stderr, "warning: "+page+": invalid UTF-8: 1 bytes replaced") {
		t.Errorf("stderr = %q, want a warning", r.stderr)
	}
}

// A binary file served as text/html is refused, not read as a page.
func TestTextRefusesBinaryServedAsHTML(t *testing.T) {
	body := make([]byte, 4096)
	for i := range body {
		body[i] = byte(i*7919>>3 ^ i*31)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(body)
	}))
	defer srv.Close()
	for _, cmd := range []string{"text", "extract"} {
		r := runCLI(t, "", cmd, "--allow-private", srv.URL+"/image")
		if r.code == 0 || !strings.Contains(r.stderr, "neither HTML nor text") {
			t.Errorf("%s: exit %d, stderr %q; want the body refused as not text", cmd, r.code, r.stderr)
		}
	}
}

package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
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

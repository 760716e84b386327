package main

import (
	"encoding/json"
	"fmt"
	"time"
)

func cmdText(e *env, args []string) error {
	fs := e.flags()
	format := fs.String("format", "text", "output `format`: text or json (adds title, byline, published time, canonical URL)")
	rulesDirs := rulesFlag(fs)
	fetch := addFetchFlags(fs)
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("want one FILE, URL or -, got %d arguments", len(pos))
	}
	if *format != "text" && *format != "json" {
		return usageErr("--format %q: want text or json", *format)
	}
	p, err := pipeline(*rulesDirs, fetch.options())
	if err != nil {
		return err
	}
	in, err := e.readInput(pos[0], p)
	if err != nil {
		return err
	}
	page, err := p.Text.Extract(e.ctx, in.body, in.contentType, in.url)
	if err != nil {
		return inputErr(fmt.Errorf("%s: %w", in.name, err))
	}
	if *format == "text" {
		_, err = fmt.Fprintln(e.stdout, page.Text)
		return err
	}
	return writeJSON(e, pageJSON{
		Title: page.Title, Byline: page.Byline, Published: page.Published,
		CanonicalURL: page.CanonicalURL, Lang: page.Lang, SiteName: page.SiteName, Text: page.Text,
	})
}

// pageJSON is the output of text --format json.
type pageJSON struct {
	Title        string    `json:"title,omitempty"`
	Byline       string    `json:"byline,omitempty"`
	Published    time.Time `json:"published,omitzero"`
	CanonicalURL string    `json:"canonical_url,omitempty"`
	Lang         string    `json:"lang,omitempty"`
	SiteName     string    `json:"site_name,omitempty"`
	Text         string    `json:"text"`
}

func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

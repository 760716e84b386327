package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/claimwire/claimwire/daemon"
	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/text"
)

// input is a page or text to read: a file, standard input or a URL.
type input struct {
	name        string // as given, for messages
	url         string // the page's URL, if it came from one
	contentType string
	body        []byte
}

// readInput reads FILE, URL or "-" (standard input), at most text.MaxBody
// bytes. Files may be gzipped. URLs are fetched with the same guards as the
// daemon's. Any failure is bad input.
func (e *env) readInput(arg string, p *daemon.Pipeline) (*input, error) {
	in := &input{name: arg}
	var err error
	switch {
	case arg == "-":
		in.body, err = readStdin(e.stdin)
	case isURL(arg):
		err = e.fetchInput(in, p)
	default:
		in.body, err = text.ReadFile(arg, text.MaxBody)
		err = fileError(arg, err)
	}
	if err != nil {
		return nil, inputErr(err)
	}
	e.warnCharset(in)
	return in, nil
}

// warnCharset says on standard error when the input is not clean text in
// its charset: invalid UTF-8 replaced, or a legacy charset guessed.
func (e *env) warnCharset(in *input) {
	if _, warning, err := text.Decode(in.body, in.contentType); err == nil && warning != "" {
		fmt.Fprintf(e.stderr, "claimwire: warning: %s: %s\n", in.name, warning)
	}
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func readStdin(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, text.MaxBody+1))
	if err != nil {
		return nil, fmt.Errorf("read standard input: %w", err)
	}
	if len(b) > text.MaxBody {
		return nil, fmt.Errorf("read standard input: larger than %d bytes", text.MaxBody)
	}
	return b, nil
}

// fileError words a file error as "read PATH: reason".
func fileError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("read %s: %w", path, pe.Err)
	}
	if err != nil {
		return fmt.Errorf("read %w", err)
	}
	return nil
}

func (e *env) fetchInput(in *input, p *daemon.Pipeline) error {
	page, err := p.Fetcher.FetchPage(e.ctx, in.name)
	if err != nil {
		return fmt.Errorf("fetch: %w", err)
	}
	in.url, in.contentType, in.body = page.URL, page.ContentType, page.Body
	return nil
}

// article takes the main text of the input into an article, as the daemon
// would store it.
func (in *input) article(e *env, p *daemon.Pipeline) (model.Article, error) {
	a := model.Article{URL: in.url}
	if c, err := feeds.CanonicalURL(in.url); err == nil {
		a.CanonicalURL = c
	}
	if err := p.Page(e.ctx, &a, in.body, in.contentType, in.url); err != nil {
		return a, inputErr(fmt.Errorf("%s: %w", in.name, err))
	}
	a.ID = model.ArticleID(firstOf(a.CanonicalURL, a.URL, a.Text))
	return a, nil
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

package daemon

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/extract"
	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/rules"
	"github.com/claimwire/claimwire/store"
	"github.com/claimwire/claimwire/text"
)

// Pipeline holds the stages that turn a page into an article with claims:
// fetching, main text and claim extraction. The daemon, the CLI's text and
// extract commands and reprocessing share it. It is safe for concurrent use.
type Pipeline struct {
	Fetcher Fetcher
	Text    *text.Extractor
	Claims  *extract.Extractor
	Metrics *Metrics // may be nil
}

// Fetcher fetches feeds and pages; *feeds.Fetcher is the one in use.
type Fetcher interface {
	Poll(ctx context.Context, feed model.Feed, now time.Time) ([]feeds.Item, model.Feed, error)
	FetchPage(ctx context.Context, url string) (*feeds.Page, error)
}

// NewPipeline builds a Pipeline from a rule set and fetcher options.
func NewPipeline(rs *rules.Set, opts feeds.Options) (*Pipeline, error) {
	tx, err := text.New(rs.Sites)
	if err != nil {
		return nil, fmt.Errorf("text rules: %w", err)
	}
	cx, err := extract.New(rs)
	if err != nil {
		return nil, fmt.Errorf("claim rules: %w", err)
	}
	return &Pipeline{Fetcher: feeds.New(opts), Text: tx, Claims: cx}, nil
}

// Page takes the main text and metadata of a page body into an article.
// The article keeps what it already had where the page says nothing.
func (p *Pipeline) Page(ctx context.Context, a *model.Article, body []byte, contentType, pageURL string) error {
	start := time.Now()
	page, err := p.Text.Extract(ctx, body, contentType, pageURL)
	p.Metrics.observe("text", start)
	if err != nil {
		return fmt.Errorf("text: %w", err)
	}
	a.Text = page.Text
	a.TextHash = TextHash(page.Text)
	a.Title = firstOf(page.Title, a.Title)
	a.Byline = firstOf(page.Byline, a.Byline)
	if !page.Published.IsZero() {
		a.Published = page.Published
	}
	if c, err := feeds.CanonicalURL(page.CanonicalURL); err == nil && c != "" {
		a.CanonicalURL = c
	}
	return nil
}

// Extract returns the claims of an article's text and records on it the
// bounds extraction hit (Article.Limits).
func (p *Pipeline) Extract(ctx context.Context, a *model.Article) ([]model.Claim, error) {
	claims, err := p.extract(ctx, a, "claims")
	if err == nil {
		p.Metrics.claimsFound(claims)
	}
	return claims, err
}

// extract runs the claim stage, timed as stage: ingest and reprocessing
// are told apart in the metrics.
func (p *Pipeline) extract(ctx context.Context, a *model.Article, stage string) ([]model.Claim, error) {
	start := time.Now()
	claims, limits, err := p.Claims.ExtractNoted(ctx, a.Text)
	p.Metrics.observe(stage, start)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	a.Limits = limits
	return claims, nil
}

// ErrNoText means a stored article has no text to extract claims from,
// because fetching or reading it failed. It is an api.ErrUnprocessable, so
// the API answers 422.
var ErrNoText = fmt.Errorf("article has no stored text: %w", api.ErrUnprocessable)

// Reprocess extracts the claims of a stored article again, from its stored
// text, and replaces its claims in one transaction: on error the old claims
// stay. It returns how many claims the article now has.
func (p *Pipeline) Reprocess(ctx context.Context, db store.Store, id string) (int, error) {
	a, err := db.Article(id)
	if err != nil {
		return 0, err
	}
	return p.ReprocessArticle(ctx, db, a)
}

// ReprocessArticle is Reprocess for an article already read.
func (p *Pipeline) ReprocessArticle(ctx context.Context, db store.Store, a model.Article) (int, error) {
	claims, err := p.ReprocessClaims(ctx, a)
	if err != nil {
		return 0, err
	}
	if err := db.ReplaceClaims(a.ID, claims); err != nil {
		return 0, err
	}
	p.Metrics.articleReprocessed()
	return len(claims), nil
}

// ReprocessClaims extracts the claims of a stored article again from its
// stored text, without storing them: for callers that store many
// articles' claims in one transaction (store.ReplaceClaimsMany).
func (p *Pipeline) ReprocessClaims(ctx context.Context, a model.Article) ([]model.Claim, error) {
	if strings.TrimSpace(a.Text) == "" {
		return nil, fmt.Errorf("reprocess %s: %w (%s)", a.ID, ErrNoText, firstOf(a.Error, "empty"))
	}
	claims, err := p.extract(ctx, &a, "reprocess")
	if err != nil {
		return nil, fmt.Errorf("reprocess %s: %w", a.ID, err)
	}
	return claims, nil
}

// TextHash is the dedup hash of an article's text: the same words, whatever
// their case and spacing, give the same hash.
func TextHash(s string) string {
	return model.Hash(strings.ToLower(strings.Join(strings.Fields(s), " ")))
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

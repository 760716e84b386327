package export

import (
	"cmp"
	"encoding/json"
	"fmt"
	"time"

	"github.com/claimwire/claimwire/model"
)

// articleFields are the article's fields on each NDJSON line.
type articleFields struct {
	URL          string    `json:"url,omitempty"`
	CanonicalURL string    `json:"canonical_url,omitempty"`
	Title        string    `json:"title,omitempty"`
	Feeds        []string  `json:"feeds,omitempty"`
	Published    time.Time `json:"published,omitzero"`
	Fetched      time.Time `json:"fetched,omitzero"`
}

// writeJSON writes the claim's own JSON (model.Claim.MarshalJSON decides
// which fields show) with the article's fields spliced in before its closing
// brace. Embedding the claim in a struct would not do: its MarshalJSON
// would be promoted and hide the article fields.
func (w *Writer) writeJSON(c model.Claim, a model.Article) error {
	c.ArticleID = cmp.Or(c.ArticleID, a.ID)
	claim, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("export: claim %s: %w", c.ID, err)
	}
	extra, err := json.Marshal(articleFields{
		URL:          cmp.Or(a.URL, a.CanonicalURL),
		CanonicalURL: a.CanonicalURL,
		Title:        a.Title,
		Feeds:        a.Feeds,
		Published:    utc(a.Published),
		Fetched:      utc(a.Fetched),
	})
	if err != nil {
		return fmt.Errorf("export: article %s: %w", a.ID, err)
	}
	line := claim[:len(claim)-1] // drop "}"
	if len(extra) > 2 {          // not "{}"
		line = append(append(line, ','), extra[1:]...)
	} else {
		line = append(line, '}')
	}
	if _, err := w.buf.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("export: ndjson: %w", err)
	}
	return nil
}

// utc keeps the zero time zero (and so omitted).
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

package api

import (
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// Resolve finds a stored article by its ID or by a URL it was stored under
// (as linked, final or canonical).
func Resolve(db store.Store, ref string) (model.Article, error) {
	if IsID(ref) {
		return db.Article(ref)
	}
	a, err := db.ArticleByURL(ref)
	if !errors.Is(err, store.ErrNotFound) {
		return a, err // only the not-found error repeats the URL
	}
	if c, cerr := feeds.CanonicalURL(ref); cerr == nil && c != ref {
		if a, err := db.ArticleByURL(c); err == nil {
			return a, nil
		}
	}
	return model.Article{}, fmt.Errorf("no article %s: %w", clip(ref), store.ErrNotFound)
}

// IsID reports whether ref looks like an article ID rather than a URL.
func IsID(ref string) bool {
	_, err := hex.DecodeString(ref)
	return len(ref) == model.IDLen && err == nil
}

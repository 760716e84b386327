package main

import (
	"fmt"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// migrateBatch is how many articles one transaction of migrate copies.
const migrateBatch = 100

func cmdMigrate(e *env, args []string) error {
	fs := e.flags()
	from := fs.String("from", "", "the bbolt database `file` to copy from (opened read-only)")
	to := fs.String("to", "", "the postgres:// `URL` of the database to copy into")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usageErr("unexpected argument %q", pos[0])
	case *from == "" || *to == "":
		return usageErr("want --from FILE and --to postgres://...")
	case store.IsURL(*from):
		return usageErr("--from %s: want a database file", store.RedactURL(*from))
	case !store.IsURL(*to):
		return usageErr("--to %s: want a postgres:// URL", *to)
	}
	src, err := e.reach(*from, true)
	if err != nil {
		return err
	}
	defer src.Close()
	if src.db == nil {
		return fmt.Errorf("database %s is in use by a running daemon; stop it first, so that the copy is whole", *from)
	}
	dst, err := store.OpenStore(e.ctx, *to, store.Options{})
	if err != nil {
		return err
	}
	defer dst.Close()
	return e.migrate(src.db.(*store.DB), dst)
}

// migrate copies feeds, articles with their claims, and dedup keys from
// src into dst. Copying is idempotent: an article already in dst is
// replaced by its copy (as a reprocessing would), so a copy cut short is
// finished by running it again.
func (e *env) migrate(src *store.DB, dst store.Store) error {
	feeds, err := src.Feeds()
	if err != nil {
		return err
	}
	if err := dst.PutFeeds(feeds...); err != nil {
		return err
	}
	total, err := src.CountArticles()
	if err != nil {
		return err
	}
	bar := e.progress(total, "migrate")
	var batch []store.Entry
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := dst.Commit(batch); err != nil {
			return err
		}
		_ = bar.Add(len(batch))
		batch = batch[:0]
		return e.ctx.Err()
	}
	copied := 0
	err = src.ForEachArticle(func(a model.Article) error {
		claims, err := src.Claims(a.ID)
		if err != nil {
			return err
		}
		batch = append(batch, store.Entry{Article: a, Claims: claims})
		copied++
		if len(batch) < migrateBatch {
			return nil
		}
		return flush()
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return fmt.Errorf("after %d of %d articles: %w", copied-len(batch), total, err)
	}
	_ = bar.Finish()
	keys, err := e.migrateSeen(src, dst)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "migrate: %d feeds, %d articles and %d dedup keys copied to %s\n", len(feeds), copied, keys, dst.Name())
	return nil
}

// migrateSeen copies the dedup keys that are not an article's own (the
// URL an item linked before redirects, say), which Commit derived for the
// articles themselves.
func (e *env) migrateSeen(src *store.DB, dst store.Store) (int, error) {
	var batch []store.Entry
	n := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := dst.Commit(batch)
		batch = batch[:0]
		if err == nil {
			err = e.ctx.Err()
		}
		return err
	}
	err := src.ForEachSeen(func(key, id string) error {
		n++
		batch = append(batch, store.Entry{Article: model.Article{ID: id}, SeenKeys: []string{key}, FeedsOnly: true})
		if len(batch) < migrateBatch*4 {
			return nil
		}
		return flush()
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return n, fmt.Errorf("dedup keys: %w", err)
	}
	return n, nil
}

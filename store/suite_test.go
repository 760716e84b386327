package store_test

import (
	"path/filepath"
	"testing"

	"github.com/claimwire/claimwire/store"
	"github.com/claimwire/claimwire/store/storetest"
)

func TestBehaviour(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		db, err := store.Open(filepath.Join(t.TempDir(), "claimwire.db"), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}

package pgstore_test

import (
	"context"
	"testing"

	"github.com/claimwire/claimwire/store"
	"github.com/claimwire/claimwire/store/pgstore"
	"github.com/claimwire/claimwire/store/pgstore/pgtest"
	"github.com/claimwire/claimwire/store/storetest"
)

func TestBehaviour(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t, pgtest.DSN(t)) })
}

func open(t *testing.T, dsn string) *pgstore.DB {
	t.Helper()
	db, err := pgstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

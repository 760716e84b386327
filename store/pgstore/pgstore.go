// Package pgstore keeps feeds, articles and their claims in PostgreSQL, so
// that several daemons on several machines, and the commands, share one
// database. It implements store.Store as the bbolt store does, with the
// same dedup and replace rules, and store.FeedLeaser: daemons take due
// feeds by lease (SELECT ... FOR UPDATE SKIP LOCKED), so that each feed is
// polled by one daemon at a time.
//
// Importing the package registers it with store.OpenStore for postgres://
// and postgresql:// addresses.
package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/claimwire/claimwire/store"
)

func init() {
	open := func(ctx context.Context, addr string) (store.Store, error) { return Open(ctx, addr) }
	store.RegisterBackend("postgres://", open)
	store.RegisterBackend("postgresql://", open)
}

// connectTimeout bounds the wait for the server when the address sets no
// connect_timeout, so that a command fails rather than hangs.
const connectTimeout = 10 * time.Second

// defaultMaxConns is the size of the connection pool when the address sets
// no pool_max_conns: the daemon's pollers, workers and writer query at once.
const defaultMaxConns = 12

// DB is a claimwire database in PostgreSQL. It is safe for concurrent use,
// also by several processes.
type DB struct {
	pool *pgxpool.Pool
	name string
	ctx  context.Context // for the store.Store methods, which take none
}

// Open connects to the database at addr (postgres://user@host:port/db?...,
// any libpq parameter, e.g. search_path or sslmode) and brings its schema up
// to date.
func Open(ctx context.Context, addr string) (*DB, error) {
	return open(ctx, addr, migrations)
}

func open(ctx context.Context, addr string, steps []string) (*DB, error) {
	name := Redact(addr)
	cfg, err := pgxpool.ParseConfig(addr)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", name, err)
	}
	if !strings.Contains(addr, "pool_max_conns") {
		cfg.MaxConns = defaultMaxConns
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = connectTimeout
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", name, err)
	}
	if err := migrate(ctx, pool, steps); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: open %s: %w", name, err)
	}
	return &DB{pool: pool, name: name, ctx: context.WithoutCancel(ctx)}, nil
}

// Redact returns addr without its password, for messages.
func Redact(addr string) string { return store.RedactURL(addr) }

// Name returns the database's address without its password.
func (db *DB) Name() string { return db.name }

// Close closes the connections.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Pool is the connection pool, for tests and tools.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// inTx runs fn in a transaction, again (up to a few times) when the server
// aborts it for a deadlock or a serialisation failure, which concurrent
// daemons may meet and which a retry resolves.
func (db *DB) inTx(fn func(pgx.Tx) error) error {
	var err error
	for range 4 {
		err = pgx.BeginFunc(db.ctx, db.pool, fn)
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || (pe.Code != "40P01" && pe.Code != "40001") {
			return err
		}
	}
	return err
}

var (
	_ store.Store      = (*DB)(nil)
	_ store.FeedLeaser = (*DB)(nil)
)

// notFound wraps pgx.ErrNoRows as store.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return store.ErrNotFound
	}
	return err
}

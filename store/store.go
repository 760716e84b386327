// Package store keeps feeds, articles and their claims in one bbolt file.
//
// Every bucket is created at Open by the schema migrations (migrate.go);
// bucket names and key encoders are together in keys.go. Values are JSON,
// and keys whose order matters are fixed-width big-endian so that bbolt's
// byte order is the order we want. bbolt allows one writer at a
// time: the daemon's single writer goroutine calls Commit with batches.
package store

import (
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// DefaultTimeout is how long Open waits for the file lock when
// Options.Timeout is zero. bbolt's own default is to wait forever, which
// would hang the CLI while the daemon runs.
const DefaultTimeout = time.Second

var (
	// ErrLocked means another process (or another Open in this one) holds the
	// database file's lock. The error returned with it names the file.
	ErrLocked = errors.New("database is locked by another process")

	// ErrNotFound means the article or feed asked for is not stored.
	ErrNotFound = errors.New("not found")

	// ErrSchemaVersion means the file's schema version is not the one this
	// build uses: newer (written by a later claimwire) or older while opened
	// read-only, so it cannot be migrated.
	ErrSchemaVersion = errors.New("unsupported schema version")
)

// Options configures Open.
type Options struct {
	// Timeout bounds the wait for the file lock; zero means DefaultTimeout.
	Timeout time.Duration
	// ReadOnly opens with a shared lock and no writes: several readers may
	// share the file, but not with a writer. The file must already exist at
	// the current schema version.
	ReadOnly bool
}

// DB is an open claimwire database. It is safe for concurrent use, but
// writes are serialised by bbolt.
type DB struct {
	bolt *bolt.DB
}

// Open opens or creates the database at path and brings its schema up to
// date. When the file is locked by another process it fails after the
// timeout with an error that wraps ErrLocked.
func Open(path string, opts Options) (*DB, error) {
	return open(path, opts, migrations)
}

// open is Open with the migrations as a parameter, so tests can stand in a
// longer history.
func open(path string, opts Options, steps []migration) (*DB, error) {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	b, err := openBolt(path, &bolt.Options{Timeout: timeout, ReadOnly: opts.ReadOnly})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("store: open %s: %w (gave up after %s)", path, ErrLocked, timeout)
	}
	if errors.Is(err, ErrDamaged) || errors.Is(err, ErrNotDatabase) {
		return nil, fmt.Errorf("store: open %w", err) // the error names the file
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := guard(path, func() error { return migrate(b, steps, opts.ReadOnly) }); err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return &DB{bolt: b}, nil
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.bolt.Path() }

// Close releases the file and its lock.
func (db *DB) Close() error {
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("store: close %s: %w", db.bolt.Path(), err)
	}
	return nil
}

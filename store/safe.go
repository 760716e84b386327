package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

var (
	// ErrDamaged means the file's pages cannot be read as a bbolt database:
	// it was truncated, or a page was overwritten. The error returned with
	// it names the file; 'claimwire check --repair' copies what can be read.
	ErrDamaged = errors.New("database file is damaged")

	// ErrNotDatabase means the file exists but is not a claimwire database
	// (empty, or some other program's file). It is never written to.
	ErrNotDatabase = errors.New("not a claimwire database")
)

// view runs fn in a read transaction; a damaged page becomes ErrDamaged.
func (db *DB) view(fn func(*bolt.Tx) error) error {
	return guard(db.bolt.Path(), func() error { return db.bolt.View(fn) })
}

// update runs fn in a read-write transaction; a damaged page becomes
// ErrDamaged (bbolt rolls the transaction back as the panic unwinds).
func (db *DB) update(fn func(*bolt.Tx) error) error {
	return guard(db.bolt.Path(), func() error { return db.bolt.Update(fn) })
}

// guard runs fn and turns what bbolt does on a damaged file into an error:
// it panics on a page that is not what it expects, and a read past the end
// of a truncated file is a fault of the memory map, which SetPanicOnFault
// turns into a panic too.
func guard(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = damaged(path, fmt.Errorf("%v", r))
		}
	}()
	return fn()
}

func damaged(path string, cause error) error {
	return fmt.Errorf("%s: %w (%v); run 'claimwire check --db %s' to see the damage, and --repair to copy what can be read",
		path, ErrDamaged, cause, path)
}

// badValue is the error of a stored value that does not decode: a page
// of the file was overwritten.
func badValue(tx *bolt.Tx, what string, err error) error {
	return damaged(tx.DB().Path(), fmt.Errorf("decode %s: %w", what, err))
}

// openBolt opens the bbolt file at path. A file that exists but is empty
// is refused rather than initialised, since bbolt would write a new
// database over it; a file bbolt cannot read is ErrNotDatabase, and one
// whose pages fail while opening is ErrDamaged.
func openBolt(path string, opts *bolt.Options) (db *bolt.DB, err error) {
	if info, serr := os.Stat(path); serr == nil && info.Mode().IsRegular() && info.Size() == 0 {
		return nil, fmt.Errorf("%s: %w: the file is empty", path, ErrNotDatabase)
	}
	if !opts.ReadOnly {
		if err := preflight(path); err != nil {
			return nil, err
		}
	}
	var file *os.File
	opts.OpenFile = func(name string, flag int, perm fs.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		file = f
		return f, err
	}
	err = guard(path, func() error {
		var oerr error
		db, oerr = bolt.Open(path, 0o600, opts)
		return oerr
	})
	if errors.Is(err, ErrDamaged) && file != nil {
		// bbolt panicked with the file open and locked. Its memory map
		// (made before the freelist is read) keeps the lock until the
		// process exits: the commands that meet this exit anyway.
		_ = file.Close()
	}
	switch {
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch):
		err = fmt.Errorf("%s: %w, or its header is damaged (%v)", path, ErrNotDatabase, err)
	case errors.Is(err, berrors.ErrChecksum):
		err = damaged(path, err)
	}
	return db, err
}

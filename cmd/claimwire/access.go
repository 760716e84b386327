package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/store"
)

// lockWait is how long a command waits for the database lock. With the API
// check before it, a command that can do neither fails within 2 seconds.
const lockWait = time.Second

// access is the way a command reaches the database: through the API of
// the daemon that holds it, or by opening the file.
type access struct {
	db     store.Store // nil when going through the API
	client *api.Client // nil when the file is open
}

func (a *access) Close() error {
	if a.db != nil {
		return a.db.Close()
	}
	return nil
}

// reach returns the API of a running daemon that holds the database at
// path, or else the database opened directly (read-only if asked). When
// another process holds the file and no API answers, the error says who
// holds it.
func (e *env) reach(path string, readOnly bool) (*access, error) {
	if store.IsURL(path) { // a database server: shared, no lock, no API needed
		db, err := openDB(path, readOnly)
		if err != nil {
			return nil, err
		}
		return &access{db: db}, nil
	}
	h := e.holder(path)
	if h.answers {
		return &access{client: api.NewClient(h.addr.Addr)}, nil
	}
	db, err := openDB(path, readOnly)
	if errors.Is(err, store.ErrLocked) {
		return nil, h.lockedError(path)
	}
	if err != nil {
		return nil, err
	}
	return &access{db: db}, nil
}

// holder is what the address file beside a database says of the daemon
// that holds it.
type holder struct {
	addr    api.Addr
	known   bool // an address file was read
	answers bool // and the API there answers
}

func (e *env) holder(path string) holder {
	addr, err := api.ReadAddr(path)
	if err != nil {
		return holder{}
	}
	h := holder{addr: addr, known: true}
	h.answers = addr.Addr != "" && api.NewClient(addr.Addr).Health(e.ctx) == nil
	return h
}

// lockedError says what holds a locked database: the process the lock
// table names, else the one the address file names.
func (h holder) lockedError(path string) error {
	pid := lockHolder(path)
	switch {
	case h.answers:
		return fmt.Errorf("database %s is in use by a running claimwire daemon (pid %d, API at %s)", path, h.addr.PID, h.addr.Addr)
	case h.known && (pid == 0 || pid == h.addr.PID) && h.addr.Addr == "":
		return fmt.Errorf("database %s is locked by a claimwire daemon (pid %d) that serves no API (--listen \"\"); stop it first", path, h.addr.PID)
	case h.known && (pid == 0 || pid == h.addr.PID):
		return fmt.Errorf("database %s is locked by claimwire (pid %d), whose API at %s does not answer", path, h.addr.PID, h.addr.Addr)
	case pid != 0:
		return fmt.Errorf("database %s is locked by another process (pid %d)", path, pid)
	}
	return fmt.Errorf("database %s is locked by another process, and no claimwire API is recorded in %s", path, api.AddrFile(path))
}

// openDB opens the database, a file or a postgres:// URL; a file that
// must be read but does not exist is bad input.
func openDB(path string, readOnly bool) (store.Store, error) {
	if store.IsURL(path) {
		return store.OpenStore(context.Background(), path, store.Options{Timeout: lockWait, ReadOnly: readOnly})
	}
	if readOnly {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, inputErr(fmt.Errorf("open %s: no such database (run 'claimwire run' first, or give --db)", path))
		}
	}
	db, err := store.Open(path, store.Options{Timeout: lockWait, ReadOnly: readOnly})
	if errors.Is(err, store.ErrNotDatabase) {
		return nil, inputErr(err)
	}
	return db, err
}

// openWritable opens the database for writing, saying who holds it if
// another process does.
func (e *env) openWritable(path string) (store.Store, error) {
	db, err := openDB(path, false)
	if errors.Is(err, store.ErrLocked) {
		return nil, e.holder(path).lockedError(path)
	}
	return db, err
}

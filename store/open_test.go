package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	berrors "go.etcd.io/bbolt/errors"
)

// bbolt's flock belongs to the open file description, so a second Open in
// the same process contends for the lock just as another process would.
func TestOpenLocked(t *testing.T) {
	tests := []struct {
		name             string
		first, second    bool // ReadOnly of each open
		wantSecondLocked bool
	}{
		{"writer blocks writer", false, false, true},
		{"writer blocks reader", false, true, true},
		{"reader blocks writer", true, false, true},
		{"readers share", true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.db")
			closeOrFail(t, mustOpen(t, path, Options{})) // create it at the current schema
			first := mustOpen(t, path, Options{ReadOnly: tt.first})
			defer closeOrFail(t, first)

			start := time.Now()
			second, err := Open(path, Options{ReadOnly: tt.second, Timeout: 100 * time.Millisecond})
			if !tt.wantSecondLocked {
				if err != nil {
					t.Fatal(err)
				}
				closeOrFail(t, second)
				return
			}
			if !errors.Is(err, ErrLocked) {
				t.Fatalf("second Open: err = %v, want ErrLocked", err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name %s", err, path)
			}
			// A hang guard, not a speed measure: without the timeout
			// bbolt waits for the lock forever.
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("second Open took %s despite its 100ms timeout", d)
			}
		})
	}
}

func TestOpenReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("read-only Open of a missing file: err = %v, want fs.ErrNotExist", err)
	}
	closeOrFail(t, mustOpen(t, path, Options{}))

	db := mustOpen(t, path, Options{ReadOnly: true})
	defer closeOrFail(t, db)
	if n := mustCount(t, db); n != 0 {
		t.Errorf("CountArticles = %d, want 0", n)
	}
	err := db.Commit([]Entry{{Article: article("a", "f", day0)}})
	if !errors.Is(err, berrors.ErrDatabaseReadOnly) {
		t.Errorf("Commit on a read-only DB: err = %v, want ErrDatabaseReadOnly", err)
	}
}

func TestOpenNotADirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(filepath.Join(path, "c.db"), Options{})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v, want an error naming %s", err, path)
	}
}

func mustOpen(t testing.TB, path string, opts Options) *DB {
	t.Helper()
	db, err := Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func closeOrFail(t testing.TB, db *DB) {
	t.Helper()
	if err := db.Close(); err != nil {
		t.Error(err)
	}
}

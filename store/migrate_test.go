package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestSchemaVersionCountsMigrations(t *testing.T) {
	if SchemaVersion != len(migrations) {
		t.Fatalf("SchemaVersion = %d but there are %d migrations", SchemaVersion, len(migrations))
	}
}

func TestNewDatabaseHasEveryBucket(t *testing.T) {
	db := newDB(t)
	err := db.bolt.View(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				t.Errorf("no bucket %s", name)
			}
		}
		v, err := readVersion(tx)
		if v != SchemaVersion {
			t.Errorf("version = %d, want %d", v, SchemaVersion)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// history is the real migrations plus a made-up version 2 that counts its
// runs, standing in for the next schema change.
func history(runs *int) []migration {
	return append(migrations[:len(migrations):len(migrations)], func(tx *bolt.Tx) error {
		*runs++
		return tx.Bucket(metaBucket).Put([]byte("v2"), []byte("done"))
	})
}

func TestOlderDatabaseIsMigrated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	db := mustOpen(t, path, Options{})
	commit(t, db, Entry{Article: article("a", "f", day0), Claims: claims(3)})
	closeOrFail(t, db)

	var runs int
	for range 2 { // the second open finds nothing left to run
		db, err := open(path, Options{}, history(&runs))
		if err != nil {
			t.Fatal(err)
		}
		assertMeta(t, db, SchemaVersion+1, "done")
		if got := len(mustClaims(t, db, article("a", "f", day0).ID)); got != 3 {
			t.Errorf("after migration: %d claims, want 3", got)
		}
		closeOrFail(t, db)
	}
	if runs != 1 {
		t.Errorf("migration 2 ran %d times, want 1", runs)
	}
}

func TestEmptyBoltFileIsMigratedFromZero(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	db := mustOpen(t, path, Options{})
	defer closeOrFail(t, db)
	assertMeta(t, db, SchemaVersion, "")
}

func TestOpenRefuses(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		opts    Options
		want    string // in the error
	}{
		{"newer schema", func(t *testing.T, path string) {
			var runs int
			db, err := open(path, Options{}, history(&runs))
			if err != nil {
				t.Fatal(err)
			}
			closeOrFail(t, db)
		}, Options{}, fmt.Sprintf("schema version %d was written by a newer claimwire", SchemaVersion+1)},
		{"newer schema, read-only", func(t *testing.T, path string) {
			var runs int
			db, err := open(path, Options{}, history(&runs))
			if err != nil {
				t.Fatal(err)
			}
			closeOrFail(t, db)
		}, Options{ReadOnly: true}, "newer claimwire"},
		{"older schema, read-only", func(t *testing.T, path string) {
			b, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := b.Close(); err != nil {
				t.Fatal(err)
			}
		}, Options{ReadOnly: true}, "open it read-write once"},
		{"foreign bolt file", func(t *testing.T, path string) {
			b, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = b.Update(func(tx *bolt.Tx) error {
				_, err := tx.CreateBucket([]byte("raft_log"))
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := b.Close(); err != nil {
				t.Fatal(err)
			}
		}, Options{}, `"raft_log" bucket: not a claimwire database`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.db")
			tt.prepare(t, path)
			db, err := Open(path, tt.opts)
			if err == nil {
				closeOrFail(t, db)
				t.Fatal("Open succeeded")
			}
			if !errors.Is(err, ErrSchemaVersion) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) {
				t.Fatalf("err = %v, want ErrSchemaVersion naming %s and saying %q", err, path, tt.want)
			}
		})
	}
}

// A failing migration rolls back with the open transaction: the file stays
// at its old version and the next (fixed) build can try again.
func TestFailedMigrationLeavesFileAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	closeOrFail(t, mustOpen(t, path, Options{}))
	boom := errors.New("boom")
	steps := append(migrations[:len(migrations):len(migrations)], func(tx *bolt.Tx) error {
		if err := tx.Bucket(metaBucket).Put([]byte("v2"), []byte("half")); err != nil {
			return err
		}
		return boom
	})
	if _, err := open(path, Options{}, steps); !errors.Is(err, boom) || !strings.Contains(err.Error(), fmt.Sprintf("schema version %d", SchemaVersion+1)) {
		t.Fatalf("err = %v, want boom from migration 2", err)
	}
	db := mustOpen(t, path, Options{})
	defer closeOrFail(t, db)
	assertMeta(t, db, SchemaVersion, "")
}

// assertMeta checks the schema version and the v2 marker of history.
func assertMeta(t *testing.T, db *DB, version int, v2 string) {
	t.Helper()
	err := db.bolt.View(func(tx *bolt.Tx) error {
		got, err := readVersion(tx)
		if got != version {
			t.Errorf("version = %d, want %d", got, version)
		}
		if got := string(tx.Bucket(metaBucket).Get([]byte("v2"))); got != v2 {
			t.Errorf("v2 marker = %q, want %q", got, v2)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

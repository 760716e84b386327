package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/model"
	bolt "go.etcd.io/bbolt"
)

// pageBytes is bbolt's page size on the machines we run on (the OS page).
const pageBytes = 4096

// damageFixture writes a closed database of 100 articles with 4 claims
// each and two feeds, and returns its path and bytes.
func damageFixture(t *testing.T) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "good.db")
	db := mustOpen(t, path, Options{})
	var entries []Entry
	for i := range 100 {
		a := article(fmt.Sprint("story-", i), "https://f.example/rss", day0.Add(time.Duration(i)*time.Minute))
		a.Text = strings.Repeat(a.Text+". ", 40) // pages of article text between the pages of keys
		entries = append(entries, Entry{Article: a, Claims: claims(4)})
	}
	if err := db.Commit(entries, model.Feed{URL: "https://f.example/rss"}, model.Feed{URL: "https://g.example/rss"}); err != nil {
		t.Fatal(err)
	}
	closeOrFail(t, db)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, data
}

// usedPages returns how many pages of a database file hold data; bbolt
// grows the file ahead of them.
func usedPages(t *testing.T, data []byte) int {
	t.Helper()
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	db := mustOpen(t, path, Options{ReadOnly: true})
	defer closeOrFail(t, db)
	var n int64
	_ = db.view(func(tx *bolt.Tx) error { n = tx.Size() / pageBytes; return nil })
	return int(n)
}

// readAll reads everything a command may read and returns the first error.
func readAll(db *DB) error {
	n := 0
	err := db.ForEachClaim(Filter{}, func(model.Claim, model.Article) error { n++; return nil })
	if err == nil {
		_, err = db.Feeds()
	}
	return err
}

// A database with any one page overwritten, or truncated anywhere, gives
// errors naming the file, never a panic or a fault; and Check finds the
// damage whenever a read fails.
func TestDamagedDatabase(t *testing.T) {
	_, good := damageFixture(t)
	pages := usedPages(t, good)
	type variant struct {
		data      []byte
		writeOpen bool // also open it read-write (slower: a sample suffices)
	}
	variants := map[string]variant{}
	for p := 2; p < pages; p++ { // pages 0 and 1 are the two meta pages
		bad := bytes.Clone(good)
		copy(bad[p*pageBytes:(p+1)*pageBytes], bytes.Repeat([]byte{0xa5}, pageBytes))
		variants[fmt.Sprint("page ", p, " overwritten")] = variant{bad, p%8 == 0}
	}
	for _, size := range []int{pageBytes / 2, 2 * pageBytes, 3*pageBytes + 100, len(good) / 2, len(good) - pageBytes} {
		variants[fmt.Sprint("truncated to ", size)] = variant{good[:size], true}
	}
	readFailed := 0
	roPath := filepath.Join(t.TempDir(), "bad.db")
	for name, v := range variants {
		for _, ro := range []bool{true, false} {
			if !ro && !v.writeOpen {
				continue
			}
			// A read-write open that bbolt fails in a way preflight
			// misses would leave the file locked: a file of its own.
			path := roPath
			if !ro {
				path = filepath.Join(t.TempDir(), "bad.db")
			}
			if err := os.WriteFile(path, v.data, 0o600); err != nil {
				t.Fatal(err)
			}
			db, err := Open(path, Options{ReadOnly: ro})
			if err != nil {
				if !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrNotDatabase) || !bytes.Contains([]byte(err.Error()), []byte(path)) {
					t.Errorf("%s: open: %v, want a damaged-file error naming the file", name, err)
				}
				continue
			}
			rerr, cerr := readAll(db), db.Check()
			if rerr != nil {
				readFailed++
				if !errors.Is(rerr, ErrDamaged) && cerr == nil {
					t.Errorf("%s: read failed (%v) but Check passed", name, rerr)
				}
			}
			_ = db.Close()
		}
	}
	if readFailed == 0 {
		t.Fatal("no damaged page made a read fail: the test damages nothing")
	}
}

// An empty file or another program's file is refused and left unchanged,
// by read-only and read-write opens alike.
func TestOpenNotADatabase(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty": nil,
		"text":  bytes.Repeat([]byte("not a database\n"), 1000),
	} {
		path := filepath.Join(t.TempDir(), name+".db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, ro := range []bool{true, false} {
			if _, err := Open(path, Options{ReadOnly: ro}); !errors.Is(err, ErrNotDatabase) {
				t.Errorf("%s (read-only %v): %v, want ErrNotDatabase", name, ro, err)
			}
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
			t.Errorf("%s: the file was changed", name)
		}
	}
}

// Repair copies every article, claim and feed that can be read into a new
// file, which passes Check, and leaves the damaged file as it was.
func TestRepair(t *testing.T) {
	_, good := damageFixture(t)
	used := usedPages(t, good) * pageBytes
	for _, tc := range []struct {
		name string
		bad  func([]byte) []byte
		min  int // articles that must be saved
	}{
		{"intact", func(b []byte) []byte { return b }, 100},
		{"truncated", func(b []byte) []byte { return b[:used*3/4] }, 0}, // the pages of a bucket's root may be gone
		{"page overwritten", func(b []byte) []byte {
			copy(b[used/2:used/2+pageBytes], bytes.Repeat([]byte{0xa5}, pageBytes))
			return b
		}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			src, dst := filepath.Join(dir, "bad.db"), filepath.Join(dir, "new.db")
			data := tc.bad(bytes.Clone(good))
			if err := os.WriteFile(src, data, 0o600); err != nil {
				t.Fatal(err)
			}
			n, err := Repair(src, dst)
			if err != nil {
				t.Fatal(err)
			}
			if n.Articles < tc.min || n.Articles > 100 || n.Claims != 4*n.Articles && tc.min == 100 {
				t.Fatalf("salvaged %+v, want at least %d articles", n, tc.min)
			}
			db := mustOpen(t, dst, Options{ReadOnly: true})
			defer closeOrFail(t, db)
			mustCheck(t, db)
			if got := mustCount(t, db); got != n.Articles {
				t.Fatalf("%d articles in the new file, %d reported", got, n.Articles)
			}
			if err := readAll(db); err != nil {
				t.Fatal(err)
			}
			if after, _ := os.ReadFile(src); !bytes.Equal(after, data) {
				t.Fatal("the damaged file was changed")
			}
			t.Logf("%+v", n)
		})
	}
}

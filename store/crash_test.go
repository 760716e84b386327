package store

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/claimwire/claimwire/model"
)

const crashEnv = "CLAIMWIRE_STORE_CRASH_DB"

// A writer killed mid-commit leaves a database that opens, passes Check and
// holds only whole batches.
func TestCrashDuringCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process")
	}
	path := filepath.Join(t.TempDir(), "c.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "committing\n" {
		_ = cmd.Process.Kill()
		t.Fatalf("helper said %q, %v", line, err)
	}
	time.Sleep(300 * time.Millisecond)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	db := mustOpen(t, path, Options{})
	defer closeOrFail(t, db)
	mustCheck(t, db)
	n := mustCount(t, db)
	if n == 0 || n%crashBatch != 0 {
		t.Fatalf("%d articles after the crash: want a positive multiple of %d", n, crashBatch)
	}
	err = db.ForEachArticle(func(a model.Article) error {
		if cs := mustClaims(t, db, a.ID); len(cs) != 3 {
			return fmt.Errorf("article %s has %d claims, want 3", a.ID, len(cs))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d articles survived", n)
}

const crashBatch = 10

// TestCrashHelper is the child of TestCrashDuringCommit: it commits batches
// until it is killed.
func TestCrashHelper(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("run by TestCrashDuringCommit")
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("committing")
	for i := 0; ; i++ {
		batch := make([]Entry, crashBatch)
		for j := range batch {
			batch[j] = Entry{Article: article(fmt.Sprint(i, "-", j), "f", day0.Add(time.Duration(i)*time.Second)), Claims: claims(3)}
		}
		if err := db.Commit(batch); err != nil {
			t.Fatal(err)
		}
	}
}

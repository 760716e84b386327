package main

import (
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/claimwire/claimwire/daemon/daemontest"
)

// crashKills is how many times TestRepeatedCrashes kills the daemon.
const crashKills = 20

// The daemon SIGKILLed at 20 random moments of an ingest, restarted each
// time, leaves a database that `claimwire check` passes, with every story
// of the wire stored exactly once: none lost, none twice.
func TestRepeatedCrashes(t *testing.T) {
	const stories = 120
	w := (&daemontest.Wire{Articles: stories, Feeds: 3, PageDelay: 250 * time.Millisecond}).Start()
	defer w.Close()
	db := filepath.Join(t.TempDir(), "c.db")
	list := writeFile(t, "feeds.txt", w.FeedList())
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 0))

	var counts []int
	during := 0 // kills that found work left to do
	for kill := 0; kill < crashKills; kill++ {
		p := start(t, daemonArgs(db, list, "--once", "--listen", "")...)
		// a moment of the ingest: half the time after the run's first
		// commit, at a random point of what follows, else at a random
		// point from its start (polling, fetching, loading the model,
		// committing); the wire serves at most 16 pages a second (4 at a
		// time, each 250 ms), so a run stores a few stories at most
		// (a run that finds nothing left to do ends before either line)
		if r.IntN(2) == 0 {
			if p.waitLineOrExit(t, `"msg":"committed"`) {
				time.Sleep(time.Duration(r.IntN(500)) * time.Millisecond)
			}
		} else if p.waitLineOrExit(t, `"msg":"daemon started"`) {
			time.Sleep(time.Duration(r.IntN(1500)) * time.Millisecond)
		}
		if err := p.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
			t.Fatal(err)
		}
		<-p.done
		n := len(openChecked(t, db))
		if n < stories {
			during++
		}
		counts = append(counts, n)
	}
	t.Logf("articles stored after each kill: %v", counts)
	if during < crashKills/2 {
		t.Errorf("only %d of %d kills came before the ingest was done", during, crashKills)
	}

	last := start(t, daemonArgs(db, list, "--once", "--listen", "")...)
	if code := last.exit(t, 2*time.Minute); code != 0 {
		t.Fatalf("last run: exit %d", code)
	}
	if out, err := exec.Command(binary(t), "check", "--db", db).CombinedOutput(); err != nil {
		t.Fatalf("claimwire check: %v\n%s", err, out)
	}
	got := openChecked(t, db) // fails on a story stored twice
	for i := range stories {
		if _, ok := got[w.PageURL(i)]; !ok {
			t.Errorf("story %d lost", i)
		}
	}
	if len(got) != stories {
		t.Errorf("%d articles stored, want %d", len(got), stories)
	}
	if feeds := got[w.PageURL(0)].Feeds; len(feeds) != 3 {
		t.Errorf("the story in every feed has feeds %v", feeds)
	}
}

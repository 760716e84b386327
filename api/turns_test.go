package api

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// However many requests come at once, no more run than there are turns.
func TestTakeTurnsBoundsConcurrency(t *testing.T) {
	const turns, clients = 2, 20
	var running, most atomic.Int32
	h := takeTurns(make(chan struct{}, turns), func(w http.ResponseWriter, _ *http.Request) {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(5 * time.Millisecond) // overlap the clients
		running.Add(-1)
	})
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/api/claims", nil))
		}()
	}
	wg.Wait()
	if m := most.Load(); m > turns || m == 0 {
		t.Fatalf("%d requests ran at once, want at most %d", m, turns)
	}
}

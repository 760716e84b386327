package web_test

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

var screenshots = flag.String("screenshots", "", "write a PNG of each page into this `folder` (make screenshots)")

// chromium finds the browser: Debian's chromium package, or another build
// of it on the PATH.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CLAIMWIRE_CI") != "" || *screenshots != "" {
		t.Fatal("no chromium on the PATH: install it (apt-get install chromium); .ci/run does")
	}
	t.Skip("skipping the browser test: no chromium on the PATH (apt-get install chromium to run it; CI installs it and sets CLAIMWIRE_CI=1)")
	return ""
}

// browser starts headless Chromium, offline, for the test.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 900),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute) // hang guard
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return bctx
}

// shoot writes the page as docs/screenshots/<name>.png when asked to.
func shoot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if *screenshots == "" {
		return
	}
	eval[bool](t, ctx, `window.scrollTo(0, 0) === undefined`)
	shootHere(t, ctx, name)
}

// shootHere is shoot without scrolling to the top of the page.
func shootHere(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if *screenshots == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()) // the window, as a laptop shows it
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(*screenshots, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*screenshots, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// clickAndLoad clicks what sel finds and waits until the page it leads to
// has loaded: a mark set on the old page's window is gone and the new
// page is complete (waiting for an element could find it on the old page).
func clickAndLoad(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	eval[bool](t, ctx, `window.beforeNavigation = true`)
	run(t, ctx, chromedp.Click(chromedp.CSS(sel)))
	waitFor(t, ctx, `window.beforeNavigation === undefined && document.readyState === "complete"`)
}

func run(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second) // hang guard
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// waitFor polls a JavaScript condition until it holds, through page loads.
func waitFor(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second) // hang guard
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("still false after 30 s: %s", js)
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func count(t *testing.T, ctx context.Context, selector string) int {
	t.Helper()
	return eval[int](t, ctx, fmt.Sprintf("document.querySelectorAll(%q).length", selector))
}

func texts(t *testing.T, ctx context.Context, selector string) []string {
	t.Helper()
	return eval[[]string](t, ctx, fmt.Sprintf("Array.from(document.querySelectorAll(%q), e => e.textContent)", selector))
}

// TestBrowser opens each page in headless Chromium over the sample wire's
// database and checks what an analyst would look for: the claims and their
// filters, the evidence marked in an article, reprocessing from its page,
// the network picture and its evidence, and the actors.
func TestBrowser(t *testing.T) {
	chromium(t) // skip before building anything when there is no browser
	db, p := wireDB(t)
	srv := serve(t, db, p)
	ctx := browser(t)

	all, err := db.Page(store.Filter{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Rows) < 20 {
		t.Fatalf("the wire gave %d claims; want a fuller fixture", len(all.Rows))
	}

	t.Run("claims", func(t *testing.T) {
		run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#claims")))
		if n := count(t, ctx, "#claims tbody tr[data-claim]"); n != min(100, len(all.Rows)) {
			t.Errorf("claims page: %d rows, want %d", n, min(100, len(all.Rows)))
		}
		if len(all.Rows) > 100 {
			// The next page holds the rest.
			clickAndLoad(t, ctx, "#next")
			run(t, ctx, chromedp.WaitVisible(chromedp.CSS("#claims")))
			if n := count(t, ctx, "#claims tbody tr[data-claim]"); n != len(all.Rows)-100 {
				t.Errorf("second page: %d rows, want %d", n, len(all.Rows)-100)
			}
			run(t, ctx, chromedp.Navigate(srv.URL+"/claims"), chromedp.WaitVisible(chromedp.CSS("#claims")))
		}
		first := eval[string](t, ctx, `document.querySelector("#claims tbody tr").dataset.claim`)
		if first != all.Rows[0].Claim.ID {
			t.Errorf("first row %s, want the newest claim %s", first, all.Rows[0].Claim.ID)
		}
		shoot(t, ctx, "claims")

		// The kind filter, through the form.
		run(t, ctx, chromedp.SetValue(chromedp.CSS(`select[name="kind"]`), "quote"))
		clickAndLoad(t, ctx, `#filters button[type="submit"]`)
		run(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#claims`)))
		url := eval[string](t, ctx, `window.location.href`)
		if !strings.Contains(url, "kind=quote") {
			t.Fatalf("after submitting the form: %s", url)
		}
		kinds := texts(t, ctx, "#claims tbody tr[data-claim] .kind")
		if len(kinds) == 0 || len(kinds) == len(all.Rows) {
			t.Errorf("kind filter: %d rows of %d", len(kinds), len(all.Rows))
		}
		for _, k := range kinds {
			if k != "quote" {
				t.Errorf("kind filter: a %s row", k)
			}
		}

		// Group stories: the quotes' groups, each linking to its first article.
		run(t, ctx, chromedp.Click(chromedp.CSS(`input[name="groups"]`)))
		clickAndLoad(t, ctx, `#filters button[type="submit"]`)
		run(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#groups`)))
		if url := eval[string](t, ctx, `window.location.href`); !strings.Contains(url, "groups=1") || !strings.Contains(url, "kind=quote") {
			t.Errorf("after ticking Group stories: %s", url)
		}
		if g := count(t, ctx, "#groups tbody tr[data-group]"); g == 0 || g > len(kinds) {
			t.Errorf("groups of %d quotes: %d rows", len(kinds), g)
		}
		if n := count(t, ctx, `#groups tbody tr[data-group] a[href^="/articles/"]`); n != count(t, ctx, "#groups tbody tr[data-group]") {
			t.Errorf("groups: %d links to a first article", n)
		}
		run(t, ctx, chromedp.Navigate(srv.URL+"/claims?groups=1"), chromedp.WaitVisible(chromedp.CSS("#groups")))
		shoot(t, ctx, "groups")

		// A party, a feed, free text and a date range, each as its URL.
		var acc model.Claim
		for _, r := range all.Rows {
			if r.Claim.Kind == model.Accusation {
				acc = r.Claim
				break
			}
		}
		word := strings.Fields(acc.Sentence)[2]
		for _, tc := range []struct {
			query string
			want  func(store.Row) bool
		}{
			{"role=accuser&party=" + urlQ(acc.Accuser), func(r store.Row) bool {
				return store.NormName(r.Claim.Accuser) == store.NormName(acc.Accuser) || store.NormName(r.Claim.AccuserOrg) == store.NormName(acc.Accuser)
			}},
			{"feed=" + urlQ(all.Rows[0].Article.Feeds[0]), func(r store.Row) bool { return contains(r.Article.Feeds, all.Rows[0].Article.Feeds[0]) }},
			{"q=" + urlQ(word), func(r store.Row) bool {
				return strings.Contains(strings.ToLower(r.Claim.Sentence), strings.ToLower(word))
			}},
			{"since=2025-01-01&until=2025-03-31", func(r store.Row) bool {
				d := r.Article.Published
				return !d.Before(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) && d.Before(time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC))
			}},
		} {
			want := 0
			for _, r := range all.Rows {
				if tc.want(r) {
					want++
				}
			}
			run(t, ctx, chromedp.Navigate(srv.URL+"/claims?"+tc.query), chromedp.WaitVisible(chromedp.CSS("#claims")))
			if n := count(t, ctx, "#claims tbody tr[data-claim]"); n != want || n == 0 {
				t.Errorf("%s: %d rows, want %d (and some)", tc.query, n, want)
			}
		}
	})

	t.Run("article", func(t *testing.T) {
		// The article with the most accusations and actors, reached from
		// its row.
		best := all.Rows[0]
		per := map[string]int{}
		for _, r := range all.Rows {
			if r.Claim.Kind == model.Accusation || r.Claim.Kind == model.Actor {
				per[r.Article.ID]++
			}
			if per[r.Article.ID] > per[best.Article.ID] {
				best = r
			}
		}
		a, err := db.Article(best.Article.ID)
		if err != nil {
			t.Fatal(err)
		}
		claims, err := db.Claims(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		run(t, ctx, chromedp.Navigate(srv.URL+"/claims"), chromedp.WaitVisible(chromedp.CSS("#claims")))
		clickAndLoad(t, ctx, fmt.Sprintf(`tr[data-claim=%q] .source a`, best.Claim.ID))
		run(t, ctx, chromedp.WaitVisible(chromedp.CSS("#text")))
		if n := count(t, ctx, "#article-claims li"); n != len(claims) {
			t.Errorf("article: %d claims beside the text, want %d", n, len(claims))
		}
		// Every claim's evidence is marked, exactly at its offsets.
		for i, c := range claims {
			got := eval[string](t, ctx, fmt.Sprintf(
				`Array.from(document.querySelectorAll("#text mark")).filter(m => m.dataset.claims.split(" ").includes("%d")).map(m => m.textContent).join("")`, i+1))
			if want := a.Text[c.Start:c.End]; got != want {
				t.Errorf("claim %d: marked %q, want %q", i+1, got, want)
			}
		}
		text := eval[string](t, ctx, `document.getElementById("text").textContent`)
		if strings.Join(strings.Fields(text), " ") != strings.Join(strings.Fields(a.Text), " ") {
			t.Error("the article's text is not shown whole")
		}
		if a.CanonicalURL != "" {
			href := eval[string](t, ctx, `document.getElementById("canonical").getAttribute("href")`)
			if href != a.CanonicalURL {
				t.Errorf("canonical link %q, want %q", href, a.CanonicalURL)
			}
		}
		feedsShown := eval[string](t, ctx, `document.getElementById("feeds").textContent`)
		for _, f := range a.Feeds {
			if !strings.Contains(feedsShown, f) {
				t.Errorf("feed %s not shown: %q", f, feedsShown)
			}
		}
		shoot(t, ctx, "article")

		// Reprocess: the button posts to the API through its guard, and
		// the page reloads with the claims.
		eval[bool](t, ctx, `window.beforeReprocess = true`)
		run(t, ctx, chromedp.Click(chromedp.CSS("#reprocess")))
		waitFor(t, ctx, `window.beforeReprocess === undefined && document.readyState === "complete" && document.getElementById("text") !== null`)
		if n := count(t, ctx, "#article-claims li"); n != len(claims) {
			t.Errorf("after reprocessing: %d claims, want %d", n, len(claims))
		}
	})

	t.Run("accusations", func(t *testing.T) {
		run(t, ctx, chromedp.Navigate(srv.URL+"/accusations"), chromedp.WaitVisible(chromedp.CSS("#network")))
		accusations := 0
		for _, r := range all.Rows {
			if r.Claim.Kind == model.Accusation {
				accusations++
			}
		}
		pairs, edges := count(t, ctx, "#pairs tbody tr"), count(t, ctx, "#network a.edge")
		if pairs == 0 || pairs > accusations || edges != min(pairs, 40) {
			t.Errorf("accusations: %d pairs and %d arrows for %d accusations", pairs, edges, accusations)
		}
		if n := count(t, ctx, "#network g.node"); n < 2 {
			t.Errorf("network: %d parties drawn", n)
		}
		if n := count(t, ctx, "#pairs svg.timeline rect"); n < pairs {
			t.Errorf("timelines: %d bars for %d pairs", n, pairs)
		}
		shoot(t, ctx, "accusations")
		// The wire's denials stand beside the pairs they answer.
		if n := count(t, ctx, "#pairs td.denials .denial"); n == 0 {
			t.Errorf("accusations: no denial beside any pair")
		} else {
			eval[bool](t, ctx, `document.querySelector("#pairs td.denials .denial").scrollIntoView({block: "center"}) === undefined`)
			shootHere(t, ctx, "denials")
		}
		// Clicking an arrow lists the pair's evidence.
		href := eval[string](t, ctx, `document.querySelector("#network a.edge").getAttribute("href")`)
		// A point of an arrow that nothing covers, as a user would aim.
		xy := eval[[]float64](t, ctx, `(() => {
			document.getElementById("network").scrollIntoView({block: "center"});
			for (const l of document.querySelectorAll("#network a.edge line")) {
				const m = l.getScreenCTM();
				for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
					const p = new DOMPoint(+l.getAttribute("x1") + f * (l.getAttribute("x2") - l.getAttribute("x1")),
						+l.getAttribute("y1") + f * (l.getAttribute("y2") - l.getAttribute("y1"))).matrixTransform(m);
					if (document.elementFromPoint(p.x, p.y) === l) return [p.x, p.y];
				}
			}
			return [];
		})()`)
		if len(xy) != 2 {
			t.Fatal("no arrow of the network can be clicked")
		}
		run(t, ctx, chromedp.MouseClickXY(xy[0], xy[1]))
		waitFor(t, ctx, `document.readyState === "complete" && document.getElementById("evidence") !== null`)
		quotes := texts(t, ctx, "#evidence blockquote")
		if len(quotes) == 0 {
			t.Fatalf("no evidence after clicking %s", href)
		}
		for _, q := range quotes {
			found := false
			for _, r := range all.Rows {
				found = found || (r.Claim.Kind == model.Accusation && r.Claim.Sentence == q)
			}
			if !found {
				t.Errorf("evidence %q is no accusation's sentence", q)
			}
		}
	})

	t.Run("actors", func(t *testing.T) {
		run(t, ctx, chromedp.Navigate(srv.URL+"/actors"), chromedp.WaitVisible(chromedp.CSS("#actors")))
		names := map[string]bool{}
		for _, r := range all.Rows {
			if r.Claim.Kind == model.Actor {
				names[store.NormName(firstNonEmpty(r.Claim.Canonical, r.Claim.Label))] = true
			}
		}
		shown := texts(t, ctx, "#actors .actor h2")
		if len(shown) != len(names) || len(shown) == 0 {
			t.Errorf("actors: %d shown (%v), want %d", len(shown), shown, len(names))
		}
		for _, s := range shown {
			if !names[store.NormName(s)] {
				t.Errorf("actor %q is in no claim", s)
			}
		}
		if aliases := strings.Join(texts(t, ctx, "#actors .aliases"), " "); !strings.Contains(aliases, ",") {
			t.Errorf("no actor with aliases: %q", aliases)
		}
		if n := count(t, ctx, "#actors svg.timeline"); n != len(shown) {
			t.Errorf("%d timelines for %d actors", n, len(shown))
		}
		shoot(t, ctx, "actors")
	})
}

func urlQ(s string) string { return url.QueryEscape(s) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

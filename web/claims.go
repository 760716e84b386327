package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// pageSize is how many claims the claims page shows at a time.
const pageSize = 100

// roles are the party roles the claims page filters by.
var roles = []string{"accuser", "accused", "speaker", "actor"}

// claimsForm is the claims page's filter form as submitted.
type claimsForm struct {
	Kind, Role, Party, Feed, Outlet, Since, Until, Q string
	Groups                                           bool // list groups of claims instead
}

type claimRow struct {
	ID, Kind, Summary, Sentence, Date, Outlet, Title, Link string
	Confidence                                             float64
}

// groupRow is one group of claims across articles.
type groupRow struct {
	ID, Kind, Summary, Sentence, First, Last, Link string
	Articles, Outlets                              int
}

type claimsData struct {
	Form     claimsForm
	Kinds    []model.Kind
	Roles    []string
	Feeds    []string
	Rows     []claimRow
	Groups   []groupRow
	NoGroups bool   // the database does not group claims
	Next     string // the URL of the next page
	Partial  bool
	Error    string
}

// claims is the claims page: a table newest first, filtered as
// /api/claims is, with the party given as a role and a name.
func (s *Site) claims(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	form := claimsForm{Kind: q.Get("kind"), Role: q.Get("role"), Party: q.Get("party"), Feed: q.Get("feed"),
		Outlet: q.Get("outlet"), Since: q.Get("since"), Until: q.Get("until"), Q: q.Get("q")}
	form.Groups = q.Get("groups") != ""
	q.Del("groups")
	data := claimsData{Form: form, Kinds: model.Kinds, Roles: roles}
	if feeds, err := s.DB.Feeds(); err == nil {
		for _, f := range feeds {
			data.Feeds = append(data.Feeds, f.URL)
		}
	}
	f, err := claimsFilter(q, s)
	status := http.StatusOK
	if err == nil && form.Groups {
		var next string
		next, err = s.groups(f, &data)
		if errors.Is(err, store.ErrNotFound) {
			status = http.StatusBadRequest
		}
		if next != "" {
			data.Next = nextURL(q, next, true)
		}
	} else if err == nil {
		var pg store.Page
		pg, err = store.PageOf(s.DB, f, pageSize)
		if errors.Is(err, store.ErrNotFound) {
			status = http.StatusBadRequest
		}
		for _, row := range pg.Rows {
			data.Rows = append(data.Rows, rowOf(row))
		}
		data.Partial = pg.Cut
		if pg.Next != "" {
			data.Next = nextURL(q, pg.Next, false)
		}
	} else {
		status = http.StatusBadRequest
	}
	if err != nil {
		if status == http.StatusOK {
			status = http.StatusInternalServerError
		}
		data.Error = err.Error()
	}
	s.render(w, status, "claims", page{Title: "Claims", Nav: "claims", Data: data})
}

// nextURL is the claims page's query with after set to the next page's
// cursor.
func nextURL(q url.Values, after string, groups bool) string {
	next := url.Values{}
	for k, v := range q {
		if k != "after" && len(v) > 0 && v[0] != "" {
			next.Set(k, v[0])
		}
	}
	if groups {
		next.Set("groups", "1")
	}
	next.Set("after", after)
	return "/claims?" + next.Encode()
}

// groups lists in data up to pageSize groups of claims that f selects,
// oldest first, and returns the after cursor of the next page, if any.
// A database that does not group claims says so in data.
func (s *Site) groups(f store.Filter, data *claimsData) (string, error) {
	gr, ok := s.DB.(store.Grouper)
	if !ok {
		data.NoGroups = true
		return "", nil
	}
	var next string
	errFull := errors.New("page full")
	err := gr.ForEachGroup(f, func(g model.Group) error {
		if len(data.Groups) == pageSize {
			next = data.Groups[pageSize-1].ID
			return errFull
		}
		data.Groups = append(data.Groups, groupRowOf(g))
		return nil
	})
	if errors.Is(err, errFull) {
		err = nil
	}
	return next, err
}

func groupRowOf(g model.Group) groupRow {
	date := funcs["date"].(func(t time.Time) string)
	link := "/articles/" + url.PathEscape(g.FirstArticle)
	if g.Claim.ArticleID == g.FirstArticle {
		link = articleLink(g.Claim)
	}
	return groupRow{ID: g.ID, Kind: string(g.Kind), Summary: summary(g.Claim), Sentence: g.Claim.Sentence,
		First: date(g.First), Last: date(g.Last), Link: link, Articles: g.Articles, Outlets: g.Outlets}
}

// claimsFilter turns the page's query into the API's parameters: the
// party's role names the parameter.
func claimsFilter(q url.Values, s *Site) (store.Filter, error) {
	params := url.Values{}
	for k, v := range q {
		if len(v) == 0 || v[0] == "" || k == "role" || k == "party" {
			continue
		}
		if !slices.Contains(api.ClaimParams, k) || k == "limit" {
			return store.Filter{}, fmt.Errorf("unknown parameter %q", clip(k))
		}
		params.Set(k, v[0])
	}
	if party := q.Get("party"); party != "" {
		role := q.Get("role")
		if role == "" {
			role = "accuser"
		}
		if !slices.Contains(roles, role) {
			return store.Filter{}, fmt.Errorf("role %q: want one of accuser, accused, speaker, actor", clip(role))
		}
		params.Set(role, party)
	}
	return api.ParseClaimFilter(params, s.now())
}

func rowOf(r store.Row) claimRow {
	c, a := r.Claim, r.Article
	published := a.Published
	if published.IsZero() {
		published = a.Fetched
	}
	return claimRow{ID: c.ID, Kind: string(c.Kind), Summary: summary(c), Sentence: c.Sentence,
		Date: funcs["date"].(func(t time.Time) string)(published), Outlet: store.Outlet(a), Title: title(a),
		Link: articleLink(c), Confidence: c.Confidence}
}

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
}

type claimRow struct {
	ID, Kind, Summary, Sentence, Date, Outlet, Title, Link string
	Confidence                                             float64
}

type claimsData struct {
	Form    claimsForm
	Kinds   []model.Kind
	Roles   []string
	Feeds   []string
	Rows    []claimRow
	Next    string // the URL of the next page
	Partial bool
	Error   string
}

// claims is the claims page: a table newest first, filtered as
// /api/claims is, with the party given as a role and a name.
func (s *Site) claims(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	form := claimsForm{Kind: q.Get("kind"), Role: q.Get("role"), Party: q.Get("party"), Feed: q.Get("feed"),
		Outlet: q.Get("outlet"), Since: q.Get("since"), Until: q.Get("until"), Q: q.Get("q")}
	data := claimsData{Form: form, Kinds: model.Kinds, Roles: roles}
	if feeds, err := s.DB.Feeds(); err == nil {
		for _, f := range feeds {
			data.Feeds = append(data.Feeds, f.URL)
		}
	}
	f, err := claimsFilter(q, s)
	status := http.StatusOK
	if err == nil {
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
			next := url.Values{}
			for k, v := range q {
				if k != "after" && len(v) > 0 && v[0] != "" {
					next.Set(k, v[0])
				}
			}
			next.Set("after", pg.Next)
			data.Next = "/claims?" + next.Encode()
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

package web

import (
	"html/template"
	"net/http"
	"net/url"
	"time"

	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// period reads the since and until dates of the accusations and actors
// pages.
func (s *Site) period(q url.Values) (store.Filter, error) {
	params := url.Values{}
	for _, k := range []string{"since", "until"} {
		if v := q.Get(k); v != "" {
			params.Set(k, v)
		}
	}
	return api.ParseClaimFilter(params, s.now())
}

type pairRow struct {
	*pair
	Link     string
	Timeline template.HTML
}

type evidence struct {
	Date, Summary, Sentence, Outlet, Title, Link string
}

type accusationsData struct {
	Since, Until     string
	Pairs            []pairRow
	Network          template.HTML
	Cut              bool
	Accuser, Accused string // the chosen pair
	Evidence         []evidence
	Denials          []denialRef // of the chosen pair
	Error            string
}

// accusations is who accused whom in a period: a table of pairs with a
// timeline each, the network of the same pairs, and the evidence of the
// chosen pair.
func (s *Site) accusations(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := accusationsData{Since: q.Get("since"), Until: q.Get("until"), Accuser: q.Get("accuser"), Accused: q.Get("accused")}
	f, err := s.period(q)
	if err != nil {
		data.Error = err.Error()
		s.render(w, http.StatusBadRequest, "accusations", page{Title: "Accusations", Nav: "accusations", Data: data})
		return
	}
	f.Kinds = []model.Kind{model.Accusation}
	rows, cut, err := collect(s.DB, f)
	if err != nil {
		s.fail(w, statusOf(err), err)
		return
	}
	f.Kinds = []model.Kind{model.Denial}
	denials, dcut, err := collect(s.DB, f)
	if err != nil {
		s.fail(w, statusOf(err), err)
		return
	}
	f.Kinds = []model.Kind{model.Accusation}
	data.Cut = cut || dcut
	ps := pairs(rows)
	attachDenials(ps, denials)
	var all [][]time.Time
	for _, p := range ps {
		all = append(all, p.times)
	}
	lo, hi := span(all...)
	link := func(p *pair) string {
		v := url.Values{}
		for _, k := range []string{"since", "until"} {
			if q.Get(k) != "" {
				v.Set(k, q.Get(k))
			}
		}
		v.Set("accuser", p.Accuser)
		v.Set("accused", p.Accused)
		return "/accusations?" + v.Encode() + "#evidence"
	}
	for _, p := range ps {
		data.Pairs = append(data.Pairs, pairRow{pair: p, Link: link(p), Timeline: timeline(p.times, lo, hi, "Accusations of "+p.Accused+" by "+p.Accuser+" over time")})
	}
	data.Network = network(ps, link)
	if data.Accuser != "" && data.Accused != "" {
		ef := f
		ef.Accuser, ef.Accused = data.Accuser, data.Accused
		pg, err := store.PageOf(s.DB, ef, 200)
		if err != nil {
			s.fail(w, statusOf(err), err)
			return
		}
		for _, p := range ps {
			if p.key == store.NormName(data.Accuser)+"\x00"+store.NormName(data.Accused) {
				data.Denials = p.Denials
			}
		}
		for _, row := range pg.Rows {
			data.Evidence = append(data.Evidence, evidence{Date: rowTime(row.Article).UTC().Format("2006-01-02"),
				Summary: summary(row.Claim), Sentence: row.Claim.Sentence, Outlet: store.Outlet(row.Article),
				Title: title(row.Article), Link: articleLink(row.Claim)})
		}
	}
	s.render(w, http.StatusOK, "accusations", page{Title: "Accusations", Nav: "accusations", Data: data})
}

type actorRow struct {
	*actor
	Timeline template.HTML
}

type actorsData struct {
	Since, Until string
	Actors       []actorRow
	Cut          bool
	Error        string
}

// actors lists each threat actor with its aliases, sponsor and the
// accusations naming it over time.
func (s *Site) actors(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := actorsData{Since: q.Get("since"), Until: q.Get("until")}
	f, err := s.period(q)
	if err != nil {
		data.Error = err.Error()
		s.render(w, http.StatusBadRequest, "actors", page{Title: "Actors", Nav: "actors", Data: data})
		return
	}
	f.Kinds = []model.Kind{model.Actor}
	mentions, cut1, err := collect(s.DB, f)
	if err != nil {
		s.fail(w, statusOf(err), err)
		return
	}
	f.Kinds = []model.Kind{model.Accusation}
	accs, cut2, err := collect(s.DB, f)
	if err != nil {
		s.fail(w, statusOf(err), err)
		return
	}
	data.Cut = cut1 || cut2
	as := actors(mentions, accs)
	var all [][]time.Time
	for _, a := range as {
		all = append(all, a.times, a.accTimes)
	}
	lo, hi := span(all...)
	for _, a := range as {
		times := a.accTimes
		label := "Accusations naming " + a.Name + " over time"
		if len(times) == 0 {
			times, label = a.times, "Mentions of "+a.Name+" over time"
		}
		data.Actors = append(data.Actors, actorRow{actor: a, Timeline: timeline(times, lo, hi, label)})
	}
	s.render(w, http.StatusOK, "actors", page{Title: "Actors", Nav: "actors", Data: data})
}

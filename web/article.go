package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// segment is a run of an article's text covered by the same claims.
type segment struct {
	Text   string
	Claims []int  // 1-based numbers of the claims whose evidence covers it
	Kind   string // the kind of the first of them, for its colour
	Anchor string // the id of the first segment of a claim's evidence
	Multi  bool   // more than one claim covers it
}

// ClaimNums is the data-claims attribute: the claim numbers, space-separated.
func (s segment) ClaimNums() string {
	parts := make([]string, len(s.Claims))
	for i, n := range s.Claims {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, " ")
}

// segments splits text at the bounds of every claim's evidence span. Spans
// are clamped to the text and moved off the middle of UTF-8 sequences, so
// a bad offset marks a little too much or too little, never breaks a
// character or the page.
func segments(text string, claims []model.Claim) []segment {
	type span struct{ start, end int }
	spans := make([]span, len(claims))
	cuts := []int{0, len(text)}
	for i, c := range claims {
		st, en := clampOffset(text, c.Start), clampOffset(text, c.End)
		if en < st {
			st, en = en, st
		}
		spans[i] = span{st, en}
		cuts = append(cuts, st, en)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var out []segment
	anchored := make([]bool, len(claims))
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		seg := segment{Text: text[a:b]}
		for j, sp := range spans {
			if sp.start <= a && b <= sp.end && sp.start < sp.end {
				seg.Claims = append(seg.Claims, j+1)
				if seg.Kind == "" {
					seg.Kind = string(claims[j].Kind)
				}
				if !anchored[j] && seg.Anchor == "" {
					anchored[j], seg.Anchor = true, fmt.Sprintf("ev-%d", j+1)
				}
			}
		}
		seg.Multi = len(seg.Claims) > 1
		out = append(out, seg)
	}
	return out
}

func clampOffset(text string, n int) int {
	n = max(0, min(n, len(text)))
	for n > 0 && n < len(text) && !utf8.RuneStart(text[n]) {
		n--
	}
	return n
}

type articleClaim struct {
	N                       int
	Kind, Summary, Sentence string
	Rule                    string
	Confidence              float64
	Anchored                bool   // its evidence is marked in the text
	Answers                 string // for a denial: the accusation it answers
	AnswersN                int    // that accusation's number on the page, or 0
	Start, End              int
}

type articleData struct {
	Article   model.Article
	Outlet    string
	Segments  []segment
	Claims    []articleClaim
	Reprocess string // the API endpoint that reprocesses it
}

// article is an article's page: its text with every claim's evidence
// marked, the claims beside it, where it came from and a button that asks
// the API to reprocess it.
func (s *Site) article(w http.ResponseWriter, r *http.Request) {
	a, err := api.Resolve(s.DB, r.PathValue("id"))
	if err != nil {
		s.fail(w, statusOf(err), err)
		return
	}
	claims, err := s.DB.Claims(a.ID)
	if err != nil {
		s.fail(w, statusOf(err), err)
		return
	}
	segs := segments(a.Text, claims)
	marked := map[int]bool{}
	for _, sg := range segs {
		for _, n := range sg.Claims {
			marked[n] = true
		}
	}
	data := articleData{Article: a, Outlet: store.Outlet(a), Segments: segs, Reprocess: "/api/reprocess/" + a.ID}
	for i, c := range claims {
		ac := articleClaim{N: i + 1, Kind: string(c.Kind), Summary: summary(c),
			Sentence: c.Sentence, Rule: c.Rule, Confidence: c.Confidence, Anchored: marked[i+1], Start: c.Start, End: c.End}
		if c.Kind == model.Denial {
			ac.Answers, ac.AnswersN = answered(c, claims)
		}
		data.Claims = append(data.Claims, ac)
	}
	s.render(w, http.StatusOK, "article", page{Title: title(a), Nav: "claims", Data: data})
}

// answered names the accusation a denial answers: the article's claim it
// points to (and its number), else the accuser and accused it carries.
func answered(c model.Claim, claims []model.Claim) (string, int) {
	if n := c.Answers; n >= 1 && n <= len(claims) && claims[n-1].Kind == model.Accusation {
		return summary(claims[n-1]), n
	}
	if c.Accused == "" {
		return "", 0
	}
	who := accuserOf(c)
	if who == "" {
		who = "?"
	}
	return who + " → " + c.Accused, 0
}

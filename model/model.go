// Package model holds the plain data that flows through claimwire:
// articles, the claims extracted from them and the spans that tie a claim to
// its evidence. It imports only the standard library so that every stage
// (feeds, text, extract, store, export) can share it without depending on
// one another.
package model

import (
	"encoding/json"
	"time"
)

// Kind names a family of claims.
type Kind string

// The kinds of claims claimwire extracts.
const (
	Accusation Kind = "accusation"
	Actor      Kind = "actor"
	Quote      Kind = "quote"
	Number     Kind = "number"
	Denial     Kind = "denial" // a party rejects an accusation
)

// Kinds lists every kind in the order reports show them.
var Kinds = []Kind{Accusation, Actor, Quote, Number, Denial}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}

// Span is a half-open range of byte offsets [Start, End) into an article's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies within s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Article is one news story: where it came from and its main text.
type Article struct {
	ID           string    `json:"id"`
	URL          string    `json:"url,omitempty"`
	CanonicalURL string    `json:"canonical_url,omitempty"`
	GUID         string    `json:"guid,omitempty"`
	Title        string    `json:"title,omitempty"`
	Byline       string    `json:"byline,omitempty"`
	Feeds        []string  `json:"feeds,omitempty"` // every feed that carried the story
	Published    time.Time `json:"published,omitzero"`
	Fetched      time.Time `json:"fetched,omitzero"`
	Text         string    `json:"text"`
	TextHash     string    `json:"text_hash,omitempty"` // hex SHA-256 of the normalised text, for dedup
	Error        string    `json:"error,omitempty"`     // why processing failed, if it did
	// Limits says which bounds extraction hit (claims dropped past the
	// caps per sentence or per article), so that no claim is dropped
	// silently; empty when none.
	Limits string `json:"limits,omitempty"`
}

// Claim is one checkable statement found in an article, with its evidence.
// Fields are flat so that a claim maps onto one CSV row; only the fields of
// its Kind are set.
type Claim struct {
	ID        string `json:"id,omitempty"`         // article ID + sequence, set by the store
	ArticleID string `json:"article_id,omitempty"` // set by the store

	Kind Kind `json:"kind"`

	// accusation
	Accuser    string `json:"accuser,omitempty"`
	AccuserOrg string `json:"accuser_org,omitempty"` // the state or organisation a person accuser speaks for
	Accused    string `json:"accused,omitempty"`
	Allegation string `json:"allegation,omitempty"`
	CAMEO      string `json:"cameo,omitempty"`

	// actor
	Label     string   `json:"label,omitempty"`     // as written
	Canonical string   `json:"canonical,omitempty"` // the gazetteer's name
	Aliases   []string `json:"aliases,omitempty"`
	Sponsor   string   `json:"sponsor,omitempty"`
	// where an actor's identification came from
	Alias       string `json:"alias,omitempty"`        // the rules' name that matched the label
	ActorKind   string `json:"actor_kind,omitempty"`   // state, criminal, ransomware or hacktivist
	ActorSource string `json:"actor_source,omitempty"` // curated or galaxy
	GalaxyUUID  string `json:"galaxy_uuid,omitempty"`  // the MISP galaxy value's uuid
	MISPTag     string `json:"misp_tag,omitempty"`     // misp-galaxy:threat-actor="APT31"

	// quote
	Speaker      string `json:"speaker,omitempty"`
	SpeakerTitle string `json:"speaker_title,omitempty"`
	Quote        string `json:"quote,omitempty"`
	Direct       bool   `json:"direct,omitempty"`

	// number
	Value     float64 `json:"value,omitempty"`
	Max       float64 `json:"max,omitempty"` // the upper end of a range; Value is the lower
	Unit      string  `json:"unit,omitempty"`
	Qualifier string  `json:"qualifier,omitempty"`
	Text      string  `json:"text,omitempty"` // the expression as written

	// denial: Denier rejects Denied ("the accusations", "any involvement");
	// Accuser and Accused are those of the accusation it answers, when the
	// article has one whose accused is the denier, and Answers is that
	// accusation's index among the article's claims, counted from 1 (the
	// sequence of its stored ID).
	Denier  string `json:"denier,omitempty"`
	Denied  string `json:"denied,omitempty"`
	Answers int    `json:"answers,omitempty"`

	// story, set by the store: the group of claims across articles that
	// say the same thing, and how a name was merged to find it
	GroupID      string `json:"group_id,omitempty"`
	MergeRule    string `json:"merge_rule,omitempty"`
	AnswersGroup string `json:"answers_group,omitempty"` // for a denial: the group of the accusation it answers

	// evidence, shared by every kind
	Cue        string  `json:"cue,omitempty"` // the word that triggered the rule
	Sentence   string  `json:"sentence"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Rule       string  `json:"rule,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
}

// Span returns the claim's evidence span.
func (c Claim) Span() Span { return Span{c.Start, c.End} }

// claimJSON has the same fields as Claim; converting to it drops the
// MarshalJSON method and so avoids recursion.
type claimJSON Claim

// MarshalJSON writes the fields every claim has and those of its kind, so
// that `direct: false` and `value: 0` are printed where they mean something
// and left out where they do not.
func (c Claim) MarshalJSON() ([]byte, error) {
	type quote struct {
		claimJSON
		Direct bool `json:"direct"`
	}
	type number struct {
		claimJSON
		Value float64 `json:"value"`
	}
	switch c.Kind {
	case Quote:
		return json.Marshal(quote{claimJSON(c), c.Direct})
	case Number:
		return json.Marshal(number{claimJSON(c), c.Value})
	}
	return json.Marshal(claimJSON(c))
}

// Group is one story across outlets: the claims of different articles
// that say the same thing (same kind and parties, or the same quote by the
// same speaker) within a time window.
type Group struct {
	ID    string `json:"id"`
	Kind  Kind   `json:"kind"`
	Key   string `json:"key"`   // the normalised kind and parties claims are matched on
	Claim Claim  `json:"claim"` // the first claim of the group, standing for all

	FirstArticle string    `json:"first_article"`
	LastArticle  string    `json:"last_article"`
	First        time.Time `json:"first"`
	Last         time.Time `json:"last"`
	Claims       int       `json:"claims"` // how many claims it has: len(Members) where they are listed
	Articles     int       `json:"articles"`
	Outlets      int       `json:"outlets"`
	// Answers, for a group of denials, is the group of the accusation
	// they answer.
	Answers string        `json:"answers,omitempty"`
	Members []GroupMember `json:"members"`
}

// GroupMember is one claim of a group and where it was published.
type GroupMember struct {
	Claim     string    `json:"claim"` // the claim's ID
	ArticleID string    `json:"article_id"`
	Time      time.Time `json:"time"`
	Outlet    string    `json:"outlet,omitempty"` // the host of the article's canonical URL
}

// Feed is one subscribed feed and the state of its polling, kept between
// runs so that conditional requests and backoff survive a restart.
type Feed struct {
	URL      string        `json:"url"`
	Title    string        `json:"title,omitempty"`
	Interval time.Duration `json:"interval,omitempty"` // configured poll interval; 0 means the default
	TTL      time.Duration `json:"ttl,omitempty"`      // the feed's own RSS <ttl>, kept for polls answered 304

	ETag         string    `json:"etag,omitempty"`          // sent back verbatim as If-None-Match
	LastModified string    `json:"last_modified,omitempty"` // sent back verbatim as If-Modified-Since
	LastFetch    time.Time `json:"last_fetch,omitzero"`
	NextCheck    time.Time `json:"next_check,omitzero"`
	LastStatus   int       `json:"last_status,omitempty"` // HTTP status of the last fetch
	Errors       int       `json:"errors,omitempty"`      // consecutive failures
	LastError    string    `json:"last_error,omitempty"`
	Items        int       `json:"items,omitempty"` // items seen in the last successful fetch
}

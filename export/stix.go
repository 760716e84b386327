package export

import (
	"cmp"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/claimwire/claimwire/model"
)

// STIX writes a STIX 2.1 bundle (see stixBuilder) for threat-intelligence
// platforms such as OpenCTI and MISP.
const STIX Format = "stix"

// MaxSTIXObjects bounds one bundle, which is built in memory: an export
// that would pass it is an error rather than an exhausted machine.
const MaxSTIXObjects = 1_000_000

// stixNamespace is the namespace of our UUIDv5 ids: the one STIX 2.1 gives
// for deterministic identifiers.
var stixNamespace = [16]byte{0x00, 0xab, 0xed, 0xb4, 0xaa, 0x42, 0x46, 0x6c, 0x9c, 0x01, 0xfe, 0xd2, 0x33, 0x15, 0xa9, 0xb7}

// stixTime is the STIX timestamp form: UTC, milliseconds, Z.
const stixTime = "2006-01-02T15:04:05.000Z"

// stixEpoch stands in for the time of an article that has none.
var stixEpoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// stixObject is one STIX domain or relationship object; fields a type
// does not have stay empty and are left out.
type stixObject struct {
	Type               string         `json:"type"`
	SpecVersion        string         `json:"spec_version"`
	ID                 string         `json:"id"`
	Created            string         `json:"created"`
	Modified           string         `json:"modified"`
	Name               string         `json:"name,omitempty"`
	Description        string         `json:"description,omitempty"`
	Aliases            []string       `json:"aliases,omitempty"`
	IdentityClass      string         `json:"identity_class,omitempty"`
	Country            string         `json:"country,omitempty"`
	Published          string         `json:"published,omitempty"`
	ReportTypes        []string       `json:"report_types,omitempty"`
	RelationshipType   string         `json:"relationship_type,omitempty"`
	SourceRef          string         `json:"source_ref,omitempty"`
	TargetRef          string         `json:"target_ref,omitempty"`
	Abstract           string         `json:"abstract,omitempty"`
	Content            string         `json:"content,omitempty"`
	Authors            []string       `json:"authors,omitempty"`
	ObjectRefs         []string       `json:"object_refs,omitempty"`
	Confidence         *int           `json:"confidence,omitempty"`
	Labels             []string       `json:"labels,omitempty"`
	ExternalReferences []stixExternal `json:"external_references,omitempty"`
}

type stixExternal struct {
	SourceName  string `json:"source_name"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url,omitempty"`
	ExternalID  string `json:"external_id,omitempty"`
}

type stixBundle struct {
	Type    string        `json:"type"`
	ID      string        `json:"id"`
	Objects []*stixObject `json:"objects"`
}

// stixBuilder collects the objects of a bundle:
//   - a report per article (published, its URL as external reference,
//     object_refs to what its claims name);
//   - an intrusion-set per actor, with its aliases and, when the group is
//     in the MISP galaxy, an external reference to the galaxy value;
//   - a location for a state and an identity (organisation) for any other
//     party of an accusation;
//   - per accusation, a relationship attributed-to from the report (the
//     activity it reports) to the accused, and a note naming the accuser;
//   - per actor with a sponsor, a relationship originates-from from the
//     intrusion-set to the sponsor's location.
//
// Relationships carry the evidence sentence as description and the
// claim's confidence (0-100). Ids are UUIDv5 over stable keys (names,
// article ids), so a rerun gives the same bundle.
type stixBuilder struct {
	objects map[string]*stixObject
	reports map[string]*stixObject // by article id
	pending []pendingAccusation    // resolved by write, once every actor is known
	err     error
}

type pendingAccusation struct {
	c         model.Claim
	a         model.Article
	articleID string
}

func newSTIXBuilder() *stixBuilder {
	return &stixBuilder{objects: map[string]*stixObject{}, reports: map[string]*stixObject{}}
}

// stixID returns type--UUIDv5(namespace, type|key).
func stixID(typ string, key string) string {
	h := sha1.New()
	h.Write(stixNamespace[:])
	h.Write([]byte(typ + "|" + key))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%s--%x-%x-%x-%x-%x", typ, u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

func stixStamp(t time.Time) string {
	if t.IsZero() {
		t = stixEpoch
	}
	return t.UTC().Format(stixTime)
}

// object returns the object of id, creating it with the time t; a shared
// object keeps the earliest time it is seen with.
func (b *stixBuilder) object(typ, key string, t time.Time) (*stixObject, bool) {
	id := stixID(typ, key)
	stamp := stixStamp(t)
	if o, ok := b.objects[id]; ok {
		if stamp < o.Created {
			o.Created, o.Modified = stamp, stamp
		}
		return o, false
	}
	if len(b.objects) >= MaxSTIXObjects {
		b.err = fmt.Errorf("export: stix: more than %d objects", MaxSTIXObjects)
	}
	o := &stixObject{Type: typ, SpecVersion: "2.1", ID: id, Created: stamp, Modified: stamp}
	b.objects[id] = o
	return o, true
}

func articleTime(a model.Article) time.Time { return cmp.Or(a.Published, a.Fetched) }

func (b *stixBuilder) report(a model.Article, articleID string) *stixObject {
	r, fresh := b.object("report", articleID, articleTime(a))
	if fresh {
		r.Name = cmp.Or(a.Title, a.URL, a.CanonicalURL, articleID)
		r.Published = stixStamp(articleTime(a))
		r.ReportTypes = []string{"threat-report"}
		if u := cmp.Or(a.URL, a.CanonicalURL); u != "" {
			r.ExternalReferences = []stixExternal{{SourceName: "article", URL: u, ExternalID: articleID}}
		} else {
			r.ExternalReferences = []stixExternal{{SourceName: "article", ExternalID: articleID}}
		}
		b.reports[articleID] = r
	}
	return r
}

func (r *stixObject) refer(id string) {
	if !slices.Contains(r.ObjectRefs, id) {
		r.ObjectRefs = append(r.ObjectRefs, id)
	}
}

func confidence(f float64) *int {
	c := int(math.Round(f * 100))
	c = max(0, min(100, c))
	return &c
}

// add adds one claim; quotes and numbers have no STIX form.
func (b *stixBuilder) add(c model.Claim, a model.Article) error {
	if b.err != nil {
		return b.err
	}
	articleID := cmp.Or(c.ArticleID, a.ID)
	switch c.Kind {
	case model.Actor:
		if strings.TrimSpace(cmp.Or(c.Canonical, c.Label)) != "" { // no name, no STIX object
			b.addActor(c, a, articleID)
		}
	case model.Accusation:
		if strings.TrimSpace(c.Accuser) != "" && strings.TrimSpace(c.Accused) != "" {
			b.report(a, articleID)
			b.pending = append(b.pending, pendingAccusation{c, a, articleID})
		}
	}
	return b.err
}

func (b *stixBuilder) intrusionSet(c model.Claim, t time.Time) *stixObject {
	name := cmp.Or(c.Canonical, c.Label)
	o, fresh := b.object("intrusion-set", strings.ToLower(name), t)
	if fresh || name < o.Name {
		o.Name = name
	}
	for _, n := range append([]string{c.Label}, c.Aliases...) {
		if n != "" && n != o.Name && !slices.Contains(o.Aliases, n) {
			o.Aliases = append(o.Aliases, n)
		}
	}
	if c.GalaxyUUID != "" && (len(o.ExternalReferences) == 0 || c.GalaxyUUID < o.ExternalReferences[0].ExternalID) {
		o.ExternalReferences = []stixExternal{{SourceName: "misp-galaxy", ExternalID: c.GalaxyUUID, Description: c.MISPTag}}
	}
	if c.ActorKind != "" && !slices.Contains(o.Labels, c.ActorKind) {
		o.Labels = append(o.Labels, c.ActorKind)
	}
	return o
}

func (b *stixBuilder) addActor(c model.Claim, a model.Article, articleID string) {
	t := articleTime(a)
	r := b.report(a, articleID)
	set := b.intrusionSet(c, t)
	r.refer(set.ID)
	if strings.TrimSpace(c.Sponsor) == "" {
		return
	}
	state := b.party(c.Sponsor, t)
	r.refer(state.ID)
	rel, _ := b.object("relationship", set.ID+"|originates-from|"+state.ID+"|"+articleID, t)
	rel.RelationshipType, rel.SourceRef, rel.TargetRef = "originates-from", set.ID, state.ID
	rel.Description, rel.Confidence = c.Sentence, confidence(c.Confidence)
	r.refer(rel.ID)
}

// party returns the object of an accuser or accused: the intrusion-set of
// an actor the bundle knows, a location for a state, or an identity.
func (b *stixBuilder) party(name string, t time.Time) *stixObject {
	if o, ok := b.objects[stixID("intrusion-set", strings.ToLower(name))]; ok {
		return o
	}
	if code, ok := stateCode(name); ok {
		o, fresh := b.object("location", code, t)
		if fresh || name < o.Name {
			o.Name, o.Country = name, code
		}
		return o
	}
	o, fresh := b.object("identity", strings.ToLower(name), t)
	if fresh || name < o.Name { // the same name in the order of claims or not
		o.Name, o.IdentityClass = name, "organization"
	}
	return o
}

func (b *stixBuilder) addAccusation(c model.Claim, a model.Article, articleID string) {
	t := articleTime(a)
	r := b.report(a, articleID)
	accuser, accused := b.party(c.Accuser, t), b.party(c.Accused, t)
	key := fmt.Sprintf("%s|%s|%s|%d|%d", articleID, c.Accuser, c.Accused, c.Start, c.End)
	rel, _ := b.object("relationship", "attributed-to|"+key, t)
	rel.RelationshipType, rel.SourceRef, rel.TargetRef = "attributed-to", r.ID, accused.ID
	rel.Description, rel.Confidence = c.Sentence, confidence(c.Confidence)
	note, _ := b.object("note", key, t)
	note.Abstract = fmt.Sprintf("%s accuses %s", c.Accuser, c.Accused)
	note.Content = strings.TrimSpace(fmt.Sprintf("%s accuses %s: %s\n\nEvidence: %s", c.Accuser, c.Accused, c.Allegation, c.Sentence))
	note.Authors = []string{c.Accuser}
	note.ObjectRefs = []string{rel.ID, accuser.ID, accused.ID}
	note.Confidence = confidence(c.Confidence)
	for _, id := range []string{accuser.ID, accused.ID, rel.ID, note.ID} {
		r.refer(id)
	}
}

// write writes the bundle, its objects sorted by id. Object refs are
// sorted too, so that the bytes do not depend on the order of claims.
func (b *stixBuilder) write(w interface{ Write([]byte) (int, error) }) error {
	for _, p := range b.pending {
		b.addAccusation(p.c, p.a, p.articleID)
	}
	b.pending = nil
	if b.err != nil {
		return b.err
	}
	objs := make([]*stixObject, 0, len(b.objects))
	ids := make([]string, 0, len(b.objects))
	for id, o := range b.objects {
		slices.Sort(o.ObjectRefs)
		slices.Sort(o.Aliases)
		slices.Sort(o.Labels)
		objs = append(objs, o)
		ids = append(ids, id)
	}
	slices.SortFunc(objs, func(x, y *stixObject) int { return cmp.Compare(x.ID, y.ID) })
	slices.Sort(ids)
	bundle := stixBundle{Type: "bundle", ID: stixID("bundle", strings.Join(ids, ",")), Objects: objs}
	data, err := json.MarshalIndent(bundle, "", " ")
	if err != nil {
		return fmt.Errorf("export: stix: %w", err)
	}
	if _, err := w.Write(append(data, '\n')); err != nil {
		return fmt.Errorf("export: stix: %w", err)
	}
	return nil
}

// stateCode returns the ISO 3166-1 alpha-2 code of a state named as the
// rules name it (countries.yaml), for STIX locations.
func stateCode(name string) (string, bool) {
	c, ok := isoCodes[name]
	return c, ok
}

package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	bolt "go.etcd.io/bbolt"

	"github.com/claimwire/claimwire/model"
)

// GroupWindow is how far apart in time two articles may be and still
// report the same story: a claim joins a group whose articles are within
// this of its own.
const GroupWindow = 7 * 24 * time.Hour

// MaxGroupMembers bounds the claims one group lists, so that a story
// repeated for years cannot grow one value without end; later claims
// start a new group.
const MaxGroupMembers = 1000

// maxCandidates bounds how many groups of one key a claim is compared
// with, newest first: a speaker quoted daily for years has thousands, and
// only the recent ones can be in the window.
const maxCandidates = 64

// minQuoteOverlap is how much of their words two quotes must share (F1)
// to be the same quote.
const minQuoteOverlap = 0.5

var (
	// groupsBucket maps a group ID (8 bytes, big-endian) → model.Group JSON.
	groupsBucket = []byte("groups")
	// groupIndexBucket indexes groups by what they say:
	// groupIndexKey(key, id) → groupHead.encode() (nothing in files
	// written before heads were kept: the group itself is read then).
	groupIndexBucket = []byte("group_index")
	// namesBucket records the full names claims have used, for merging a
	// surname alone: folded surname \x00 full name → nothing.
	namesBucket = []byte("names")
)

var groupBuckets = [][]byte{groupsBucket, groupIndexBucket, namesBucket, groupMembersBucket}

// groupIndexKey is a group's key in the index: its match key, a zero
// byte and its ID, so that a prefix scan finds every group of one key.
func groupIndexKey(key string, id []byte) []byte {
	return append(append([]byte(key), 0), id...)
}

// groupHead is what deciding whether a claim joins a group needs, kept in
// the group's index entry: a claim is compared with many groups of its
// key, and reading each whole group, with up to MaxGroupMembers members,
// made grouping cost grow with the size of the stories it compared with.
type groupHead struct {
	Members     int
	First, Last time.Time
	Words       string // the folded words of a quote group's quote, sorted, each followed by a space
}

func headOf(g model.Group) groupHead {
	h := groupHead{Members: g.Claims, First: g.First, Last: g.Last}
	if g.Kind == model.Quote {
		h.Words = joinedWords(g.Claim.Quote)
	}
	return h
}

// encode lays the head out as the member count (4 bytes), the first and
// last times (8 bytes each, Unix nanoseconds, big-endian) and the words.
func (h groupHead) encode() []byte {
	b := make([]byte, 0, 20+len(h.Words))
	b = binary.BigEndian.AppendUint32(b, uint32(h.Members))
	b = binary.BigEndian.AppendUint64(b, uint64(h.First.UnixNano()))
	b = binary.BigEndian.AppendUint64(b, uint64(h.Last.UnixNano()))
	return append(b, h.Words...)
}

func decodeHead(b []byte) (groupHead, error) {
	if len(b) < 20 {
		return groupHead{}, fmt.Errorf("group head of %d bytes, want at least 20", len(b))
	}
	return groupHead{
		Members: int(binary.BigEndian.Uint32(b)),
		First:   time.Unix(0, int64(binary.BigEndian.Uint64(b[4:]))).UTC(),
		Last:    time.Unix(0, int64(binary.BigEndian.Uint64(b[12:]))).UTC(),
		Words:   string(b[20:]),
	}, nil
}

// groupID renders a group's 8-byte key as the ID claims and the API use.
func groupID(k []byte) string { return fmt.Sprintf("g%016x", k) }

// parseGroupID is the inverse of groupID.
func parseGroupID(s string) ([]byte, bool) {
	var n uint64
	if len(s) != 17 || s[0] != 'g' {
		return nil, false
	}
	if _, err := fmt.Sscanf(s[1:], "%016x", &n); err != nil {
		return nil, false
	}
	return binary.BigEndian.AppendUint64(nil, n), true
}

// createGroups is migration 2: the group buckets, and every stored
// article's claims grouped, oldest first.
func createGroups(tx *bolt.Tx) error {
	for _, name := range groupBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	var ids []string
	err := tx.Bucket(publishedBucket).ForEach(func(k, _ []byte) error {
		if len(k) == timeLen+model.IDLen {
			ids = append(ids, string(k[timeLen:]))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := regroupStored(tx, id); err != nil {
			return fmt.Errorf("group article %s: %w", id, err)
		}
	}
	return nil
}

// regroupStored groups the stored claims of one article afresh.
func regroupStored(tx *bolt.Tx, id string) error {
	a, ok, err := getArticleMeta(tx, id)
	if !ok || err != nil {
		return err
	}
	var claims []model.Claim
	if err := eachClaim(tx, id, func(c model.Claim) { claims = append(claims, c) }); err != nil {
		return err
	}
	return replaceClaimsOf(tx, a, claims)
}

// ungroupArticle takes an article's stored claims out of their groups, as
// it is reprocessed: a group left empty is deleted, and returned by its
// key so that the article's new claims that say the same again take the
// same group ID (reprocessing with the same rules keeps every group ID).
func ungroupArticle(tx *bolt.Tx, articleID string) (freed map[string][][]byte, err error) {
	var ids []string
	claimsOf := map[string][]string{} // group ID → the article's claims in it
	err = eachClaim(tx, articleID, func(c model.Claim) {
		if c.GroupID != "" && !slices.Contains(ids, c.GroupID) {
			ids = append(ids, c.GroupID)
		}
		if c.GroupID != "" {
			claimsOf[c.GroupID] = append(claimsOf[c.GroupID], c.ID)
		}
	})
	if err != nil {
		return nil, err
	}
	freed = map[string][][]byte{}
	for _, id := range ids {
		k, ok := parseGroupID(id)
		if !ok {
			continue
		}
		g, found, err := getGroup(tx, k)
		if err != nil {
			return nil, err
		}
		if !found {
			continue // a claim copied by a repair keeps the ID of a group it no longer has
		}
		if err := removeArticle(tx, k, &g, articleID, claimsOf[id]); err != nil {
			return nil, err
		}
		if err := putGroup(tx, k, g); err != nil {
			return nil, err
		}
		if g.Claims == 0 {
			freed[g.Key] = append(freed[g.Key], k)
		}
	}
	for _, ks := range freed {
		slices.SortFunc(ks, bytes.Compare) // oldest first, as the claims made them
	}
	return freed, nil
}

// groupClaims gives each claim of article a the group of the claims that
// say the same thing, making one when there is none, and records the
// article's full names for later merges. It returns the claims with
// GroupID, MergeRule and AnswersGroup set; claims must already carry
// their IDs. A new group takes the ID of a group of the same key that
// ungroupArticle freed, when there is one.
func groupClaims(tx *bolt.Tx, a model.Article, claims []model.Claim, freed map[string][][]byte) ([]model.Claim, error) {
	out := slices.Clone(claims)
	names := newNamer(tx, claims)
	at, outlet := sortTime(a), outletOf(a)
	for i := range out {
		c := &out[i]
		c.GroupID, c.MergeRule, c.AnswersGroup = "", "", ""
		key := names.groupKey(c)
		if key == "" {
			continue
		}
		k, g, err := findGroup(tx, key, c, at, freed)
		if err != nil {
			return nil, err
		}
		if err := addMember(tx, k, &g, model.GroupMember{Claim: c.ID, ArticleID: a.ID, Time: at, Outlet: outlet}); err != nil {
			return nil, err
		}
		if c.Kind == model.Denial {
			if g.Answers == "" {
				g.Answers, err = answeredGroup(tx, names, c, at)
			}
			c.AnswersGroup = g.Answers
		}
		if err == nil {
			err = putGroup(tx, k, g)
		}
		if err == nil && c.Kind == model.Accusation && g.Claims == 1 {
			err = linkDenials(tx, key, groupID(k), at)
		}
		if err != nil {
			return nil, err
		}
		c.GroupID = groupID(k)
	}
	return out, names.save(tx)
}

// findGroup returns the group a claim with this key joins, or a new one.
func findGroup(tx *bolt.Tx, key string, c *model.Claim, at time.Time, freed map[string][][]byte) ([]byte, model.Group, error) {
	found, err := newestJoined(tx, groupIndexKey(key, nil), c, at)
	if err != nil {
		return nil, model.Group{}, err
	}
	if found != nil {
		g, ok, err := getGroup(tx, found)
		if err == nil && !ok {
			err = fmt.Errorf("group %s is indexed but missing", groupID(found))
		}
		return found, g, err
	}
	var k []byte
	if ks := freed[key]; len(ks) > 0 {
		k, freed[key] = ks[0], ks[1:]
	} else {
		seq, err := tx.Bucket(groupsBucket).NextSequence()
		if err != nil {
			return nil, model.Group{}, fmt.Errorf("new group: %w", err)
		}
		k = binary.BigEndian.AppendUint64(nil, seq)
	}
	g := model.Group{ID: groupID(k), Kind: c.Kind, Key: key, Claim: *c}
	g.Claim.GroupID = g.ID
	if err := tx.Bucket(groupIndexBucket).Put(groupIndexKey(key, k), nil); err != nil {
		return nil, g, fmt.Errorf("index group %s: %w", g.ID, err)
	}
	return k, g, nil
}

// newestJoined returns the key of the newest group among the index
// entries starting with prefix that a claim published at at joins, or
// nil, looking at no more than maxCandidates groups.
func newestJoined(tx *bolt.Tx, prefix []byte, c *model.Claim, at time.Time) ([]byte, error) {
	var quote []string
	if c.Kind == model.Quote {
		quote = sortedWords(c.Quote)
	}
	cur := tx.Bucket(groupIndexBucket).Cursor()
	ik, v := seekLast(cur, prefix)
	for n := 0; n < maxCandidates && bytes.HasPrefix(ik, prefix); n++ {
		k := ik[len(ik)-8:]
		var h groupHead
		if len(v) > 0 {
			var err error
			if h, err = decodeHead(v); err != nil {
				return nil, badValue(tx, "index entry of group "+groupID(k), err)
			}
		} else {
			g, ok, err := getGroup(tx, k)
			if err != nil {
				return nil, err
			}
			if ok {
				h = headOf(g)
			}
		}
		if joins(h, c, quote, at) {
			return slices.Clone(k), nil
		}
		ik, v = cur.Prev()
	}
	return nil, nil
}

// seekLast moves cur to the last key starting with prefix (or before
// where it would be) and returns it.
func seekLast(cur *bolt.Cursor, prefix []byte) ([]byte, []byte) {
	if ik, _ := cur.Seek(append(slices.Clone(prefix), 0xff)); ik == nil {
		return cur.Last()
	}
	return cur.Prev()
}

// joins reports whether a claim published at at, with the sorted words
// of its quote, belongs to the group with head h.
func joins(h groupHead, c *model.Claim, quote []string, at time.Time) bool {
	if h.Members == 0 || h.Members >= MaxGroupMembers {
		return false
	}
	if at.Before(h.First.Add(-GroupWindow)) || at.After(h.Last.Add(GroupWindow)) {
		return false
	}
	return c.Kind != model.Quote || sortedOverlap(quote, h.Words) >= minQuoteOverlap
}

// answeredGroup returns the group of the accusation a denial answers: the
// one it names (its Accuser and Accused, from its article), or else the
// latest accusation of the denier within the window.
func answeredGroup(tx *bolt.Tx, names *namer, c *model.Claim, at time.Time) (string, error) {
	prefix := "accusation\x00" + names.norm(denied(c), false) + "\x00"
	if c.Accuser != "" {
		prefix += names.norm(c.Accuser, false) + "\x00"
	}
	best, bestTime := "", time.Time{}
	err := eachNewest(tx, []byte(prefix), func(_ []byte, g model.Group) bool {
		if near(g, at) && (best == "" || g.Last.After(bestTime)) {
			best, bestTime = g.ID, g.Last
		}
		return true
	})
	return best, err
}

// near reports whether time at is within the window of group g.
func near(g model.Group, at time.Time) bool {
	return !at.Before(g.First.Add(-GroupWindow)) && !at.After(g.Last.Add(GroupWindow))
}

// eachNewest hands fn the groups whose index keys start with prefix,
// newest first, at most maxCandidates of them, until fn returns false.
func eachNewest(tx *bolt.Tx, prefix []byte, fn func(k []byte, g model.Group) bool) error {
	cur := tx.Bucket(groupIndexBucket).Cursor()
	ik, _ := seekLast(cur, prefix)
	for n := 0; n < maxCandidates && bytes.HasPrefix(ik, prefix); n++ {
		k := slices.Clone(ik[len(ik)-8:])
		g, ok, err := getGroup(tx, k)
		if err != nil {
			return err
		}
		if ok && !fn(k, g) {
			return nil
		}
		ik, _ = cur.Prev()
	}
	return nil
}

// linkDenials links the groups of denials stored before the accusation
// they answer to its new group.
func linkDenials(tx *bolt.Tx, key, id string, at time.Time) error {
	_, parties, _ := strings.Cut(key, "\x00")
	accused, accuser, _ := strings.Cut(parties, "\x00")
	for _, prefix := range []string{"denial\x00" + accused + "\x00\x00", "denial\x00" + accused + "\x00" + accuser + "\x00"} {
		var ks [][]byte
		var gs []model.Group
		err := eachNewest(tx, []byte(prefix), func(k []byte, g model.Group) bool {
			if g.Answers == "" && near(g, at) {
				ks, gs = append(ks, k), append(gs, g)
			}
			return true
		})
		for i := 0; err == nil && i < len(gs); i++ {
			gs[i].Answers = id
			var members []model.GroupMember
			if err = putGroup(tx, ks[i], gs[i]); err == nil {
				members, err = membersOf(tx, ks[i])
			}
			if err == nil {
				err = setAnswers(tx, members, id)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// setAnswers records on stored denial claims the group they answer.
func setAnswers(tx *bolt.Tx, members []model.GroupMember, id string) error {
	b := tx.Bucket(claimsBucket)
	for _, m := range members {
		article, seq, ok := parseClaimID(m.Claim)
		if !ok {
			continue
		}
		k := claimKey(article, seq)
		v := b.Get(k)
		if v == nil {
			continue // a claim of the article being stored: it is written after
		}
		var c model.Claim
		if err := json.Unmarshal(v, &c); err != nil {
			return badValue(tx, "claim "+m.Claim, err)
		}
		c.AnswersGroup = id
		if err := putJSON(b, k, c); err != nil {
			return err
		}
	}
	return nil
}

// denied returns who a denial's denier stands for as the accused.
func denied(c *model.Claim) string {
	if c.Accused != "" {
		return c.Accused
	}
	return c.Denier
}

func getGroup(tx *bolt.Tx, k []byte) (model.Group, bool, error) {
	v := tx.Bucket(groupsBucket).Get(k)
	if v == nil {
		return model.Group{}, false, nil
	}
	var g model.Group
	if err := json.Unmarshal(v, &g); err != nil {
		return g, false, badValue(tx, "group "+groupID(k), err)
	}
	return g, true, nil
}

// putGroup stores g, its summary kept by addMember and removeArticle, or
// deletes it and its index entry when it has no claims left.
func putGroup(tx *bolt.Tx, k []byte, g model.Group) error {
	if g.Claims <= 0 {
		if err := tx.Bucket(groupIndexBucket).Delete(groupIndexKey(g.Key, k)); err != nil {
			return fmt.Errorf("unindex group %s: %w", g.ID, err)
		}
		if err := removeAllMembers(tx, k); err != nil {
			return fmt.Errorf("group %s: %w", g.ID, err)
		}
		return tx.Bucket(groupsBucket).Delete(k)
	}
	if err := tx.Bucket(groupIndexBucket).Put(groupIndexKey(g.Key, k), headOf(g).encode()); err != nil {
		return fmt.Errorf("index group %s: %w", g.ID, err)
	}
	g.Members = nil
	return putJSON(tx.Bucket(groupsBucket), k, g)
}

// outletOf returns the host that published an article: that of its
// canonical URL, else of its URL, without "www.".
func outletOf(a model.Article) string {
	for _, s := range []string{a.CanonicalURL, a.URL} {
		if u, err := url.Parse(s); err == nil && u.Hostname() != "" {
			return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	return ""
}

// sortedOverlap is the F1 of the words two texts share, given as the
// sorted words wa of one and joinedWords of the other: the words in
// common are counted in one merge of the two, without cutting wb up.
func sortedOverlap(wa []string, wb string) float64 {
	nb := strings.Count(wb, " ")
	if len(wa) == 0 || nb == 0 {
		return 0
	}
	common, i := 0, 0
	for rest := wb; i < len(wa) && rest != ""; {
		w, after, _ := strings.Cut(rest, " ")
		switch c := strings.Compare(wa[i], w); {
		case c < 0:
			i++
		case c > 0:
			rest = after
		default:
			common++
			i++
			rest = after
		}
	}
	if common == 0 {
		return 0
	}
	p, r := float64(common)/float64(len(wa)), float64(common)/float64(nb)
	return 2 * p * r / (p + r)
}

// joinedWords returns the sorted folded words of s, each followed by a
// space, as a group's head keeps them.
func joinedWords(s string) string {
	var b strings.Builder
	for _, w := range sortedWords(s) {
		b.WriteString(w)
		b.WriteByte(' ')
	}
	return b.String()
}

// sortedWords returns the folded words of s in sorted order.
func sortedWords(s string) []string {
	w := words(s)
	slices.Sort(w)
	return w
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// ForEachGroup calls fn for each group f selects, oldest first, without
// its members: f.Since keeps groups whose last article is at or after it;
// Kinds and the parties are matched against the group's first claim, and
// After, a group ID, starts after that group. Feed is not a group's: it
// is ignored.
func (db *DB) ForEachGroup(f Filter, fn func(model.Group) error) error {
	var groups []model.Group
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(groupsBucket).ForEach(func(k, v []byte) error {
			var g model.Group
			if err := json.Unmarshal(v, &g); err != nil {
				return badValue(tx, "group "+groupID(k), err)
			}
			if !g.Last.Before(f.Since) && f.claim(g.Claim) {
				groups = append(groups, g)
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("store: for each group: %w", err)
	}
	slices.SortStableFunc(groups, func(a, b model.Group) int { return a.First.Compare(b.First) })
	if f.After != "" {
		i := slices.IndexFunc(groups, func(g model.Group) bool { return g.ID == f.After })
		if i < 0 {
			return fmt.Errorf("store: for each group: after: no group %s: %w", f.After, ErrNotFound)
		}
		groups = groups[i+1:]
	}
	for _, g := range groups {
		if err := fn(g); err != nil {
			return err
		}
	}
	return nil
}

// Group returns one group with its members, or an error wrapping
// ErrNotFound.
func (db *DB) Group(id string) (model.Group, error) {
	var g model.Group
	err := db.view(func(tx *bolt.Tx) error {
		k, ok := parseGroupID(id)
		if !ok {
			return ErrNotFound
		}
		var found bool
		var err error
		if g, found, err = getGroup(tx, k); err == nil && !found {
			err = ErrNotFound
		}
		if err == nil {
			g.Members, err = membersOf(tx, k)
		}
		return err
	})
	if err != nil {
		return g, fmt.Errorf("store: group %s: %w", id, err)
	}
	return g, nil
}

package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/claimwire/claimwire/model"
)

// A group's members are kept apart from it, one entry each, so that a
// claim joins or leaves a story at a cost that does not grow with the
// story: groupMembersBucket holds, under the group's 8-byte key,
//
//	key 0x00 claim ID   → the member (memberValue)
//	key 0x01 article ID → how many of its claims the article has there
//	key 0x02 outlet     → how many of its claims the outlet has there
//
// and the group's own value keeps the summary those make (first and last
// article, the counts of claims, articles and outlets).
var groupMembersBucket = []byte("group_members")

const (
	memberTag  = 0x00
	articleTag = 0x01
	outletTag  = 0x02
)

func memberKey(k []byte, tag byte, name string) []byte {
	return append(append(append(make([]byte, 0, len(k)+1+len(name)), k...), tag), name...)
}

// memberValue lays a member out as its time (Unix nanoseconds, 8 bytes),
// the length of its article ID (1 byte), the article ID and the outlet.
func memberValue(m model.GroupMember) []byte {
	b := binary.BigEndian.AppendUint64(make([]byte, 0, 9+len(m.ArticleID)+len(m.Outlet)), uint64(m.Time.UnixNano()))
	b = append(b, byte(len(m.ArticleID)))
	return append(append(b, m.ArticleID...), m.Outlet...)
}

func decodeMember(claim string, v []byte) (model.GroupMember, error) {
	if len(v) < 9 || len(v) < 9+int(v[8]) {
		return model.GroupMember{}, fmt.Errorf("member %s of %d bytes", claim, len(v))
	}
	n := int(v[8])
	return model.GroupMember{
		Claim:     claim,
		Time:      time.Unix(0, int64(binary.BigEndian.Uint64(v))).UTC(),
		ArticleID: string(v[9 : 9+n]),
		Outlet:    string(v[9+n:]),
	}, nil
}

// addMember adds claim m to group g, whose key is k, and updates g's
// summary; the caller stores g.
func addMember(tx *bolt.Tx, k []byte, g *model.Group, m model.GroupMember) error {
	b := tx.Bucket(groupMembersBucket)
	if err := b.Put(memberKey(k, memberTag, m.Claim), memberValue(m)); err != nil {
		return fmt.Errorf("group %s: add %s: %w", g.ID, m.Claim, err)
	}
	if g.Claims == 0 || m.Time.Before(g.First) {
		g.First, g.FirstArticle = m.Time, m.ArticleID
	}
	if g.Claims == 0 || !m.Time.Before(g.Last) {
		g.Last, g.LastArticle = m.Time, m.ArticleID
	}
	g.Claims++
	n, err := bump(b, memberKey(k, articleTag, m.ArticleID), 1)
	if n == 1 {
		g.Articles++
	}
	if err == nil && m.Outlet != "" {
		if n, err = bump(b, memberKey(k, outletTag, m.Outlet), 1); n == 1 {
			g.Outlets++
		}
	}
	return err
}

// removeArticle takes every claim of an article out of group g, whose key
// is k, and updates g's summary; the caller stores g. claims are the IDs
// of the article's claims that name the group: the members are found by
// them, and by a look through the group only when the article has more
// there (a claim rewritten by a repair).
func removeArticle(tx *bolt.Tx, k []byte, g *model.Group, articleID string, claims []string) error {
	b := tx.Bucket(groupMembersBucket)
	var gone []model.GroupMember
	var keys [][]byte
	for _, id := range claims {
		key := memberKey(k, memberTag, id)
		if v := b.Get(key); v != nil {
			m, err := decodeMember(id, v)
			if err != nil {
				return badValue(tx, "group "+g.ID, err)
			}
			if m.ArticleID == articleID {
				gone, keys = append(gone, m), append(keys, key)
			}
		}
	}
	if count(b, memberKey(k, articleTag, articleID)) > len(gone) {
		gone, keys = gone[:0], keys[:0]
		err := eachMember(b, k, func(key []byte, m model.GroupMember) error {
			if m.ArticleID == articleID {
				gone, keys = append(gone, m), append(keys, slices.Clone(key))
			}
			return nil
		})
		if err != nil {
			return badValue(tx, "group "+g.ID, err)
		}
	}
	if len(gone) == 0 {
		return nil
	}
	resummarise := false
	for i, m := range gone {
		if err := b.Delete(keys[i]); err != nil {
			return fmt.Errorf("group %s: remove %s: %w", g.ID, m.Claim, err)
		}
		g.Claims--
		if n, err := bump(b, memberKey(k, articleTag, m.ArticleID), -1); err != nil {
			return err
		} else if n == 0 {
			g.Articles--
		}
		if m.Outlet != "" {
			if n, err := bump(b, memberKey(k, outletTag, m.Outlet), -1); err != nil {
				return err
			} else if n == 0 {
				g.Outlets--
			}
		}
		resummarise = resummarise || m.Time.Equal(g.First) || m.Time.Equal(g.Last)
	}
	if !resummarise || g.Claims == 0 {
		return nil
	}
	members, err := membersOf(tx, k)
	if err != nil {
		return err
	}
	first, last := members[0], members[len(members)-1]
	g.First, g.FirstArticle, g.Last, g.LastArticle = first.Time, first.ArticleID, last.Time, last.ArticleID
	return nil
}

// removeAllMembers deletes what groupMembersBucket holds for group k.
func removeAllMembers(tx *bolt.Tx, k []byte) error {
	b := tx.Bucket(groupMembersBucket)
	var keys [][]byte
	cur := b.Cursor()
	for key, _ := cur.Seek(k); key != nil && bytes.HasPrefix(key, k); key, _ = cur.Next() {
		keys = append(keys, slices.Clone(key))
	}
	for _, key := range keys {
		if err := b.Delete(key); err != nil {
			return err
		}
	}
	return nil
}

// membersOf returns the members of group k, oldest first (claims of one
// time in the order of their IDs).
func membersOf(tx *bolt.Tx, k []byte) ([]model.GroupMember, error) {
	var out []model.GroupMember
	err := eachMember(tx.Bucket(groupMembersBucket), k, func(_ []byte, m model.GroupMember) error {
		out = append(out, m)
		return nil
	})
	if err != nil {
		return nil, badValue(tx, "group "+groupID(k), err)
	}
	slices.SortStableFunc(out, func(a, b model.GroupMember) int { return a.Time.Compare(b.Time) })
	return out, nil
}

func eachMember(b *bolt.Bucket, k []byte, fn func(key []byte, m model.GroupMember) error) error {
	prefix := memberKey(k, memberTag, "")
	cur := b.Cursor()
	for key, v := cur.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, v = cur.Next() {
		m, err := decodeMember(string(key[len(prefix):]), v)
		if err != nil {
			return err
		}
		if err := fn(key, m); err != nil {
			return err
		}
	}
	return nil
}

// count returns the count at key.
func count(b *bolt.Bucket, key []byte) int {
	if v := b.Get(key); len(v) == 4 {
		return int(binary.BigEndian.Uint32(v))
	}
	return 0
}

// bump adds d to the count at key, deleting it at zero, and returns the
// new count.
func bump(b *bolt.Bucket, key []byte, d int) (int, error) {
	n := count(b, key) + d
	if n <= 0 {
		return 0, b.Delete(key)
	}
	return n, b.Put(key, binary.BigEndian.AppendUint32(nil, uint32(n)))
}

// splitGroupMembers is migration 4: the members each group held in its
// own value move to groupMembersBucket.
func splitGroupMembers(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(groupMembersBucket); err != nil {
		return fmt.Errorf("create bucket %s: %w", groupMembersBucket, err)
	}
	var keys [][]byte
	if err := tx.Bucket(groupsBucket).ForEach(func(k, _ []byte) error { keys = append(keys, slices.Clone(k)); return nil }); err != nil {
		return err
	}
	for _, k := range keys {
		old, _, err := getGroup(tx, k)
		if err != nil {
			return err
		}
		if len(old.Members) == 0 {
			continue // grouped by this build already (migration 3 of an older file)
		}
		g := old
		g.Members, g.Claims, g.Articles, g.Outlets = nil, 0, 0, 0
		for _, m := range old.Members {
			if err := addMember(tx, k, &g, m); err != nil {
				return err
			}
		}
		if err := putGroup(tx, k, g); err != nil {
			return err
		}
	}
	return nil
}

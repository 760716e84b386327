package store

import (
	"errors"
	"math"
	"slices"
	"testing"
)

func TestReplaceClaimsMany(t *testing.T) {
	db := newDB(t)
	a, b := article("a", "f", day0), article("b", "f", day0)
	commit(t, db, Entry{Article: a, Claims: claims(5)}, Entry{Article: b, Claims: claims(1)})
	if err := db.ReplaceClaimsMany([]ArticleClaims{{a.ID, claims(2)}, {b.ID, claims(3)}}); err != nil {
		t.Fatal(err)
	}
	if got := mustClaims(t, db, a.ID); len(got) != 2 || got[1].ID != claimID(a.ID, 2) {
		t.Errorf("a after replace: %+v, want 2 claims", got)
	}
	if got := mustClaims(t, db, b.ID); len(got) != 3 {
		t.Errorf("b after replace: %+v, want 3 claims", got)
	}
	mustCheck(t, db)
}

// A batch with an unknown article or a claim that cannot be encoded
// changes nothing.
func TestReplaceClaimsManyFailsWhole(t *testing.T) {
	nan := claims(4)
	nan[3].Value = math.NaN()
	for name, bad := range map[string]ArticleClaims{
		"unknown article":   {"0000000000000000", claims(1)},
		"cannot be encoded": {article("b", "f", day0).ID, nan},
	} {
		t.Run(name, func(t *testing.T) {
			db := newDB(t)
			a, b := article("a", "f", day0), article("b", "f", day0)
			commit(t, db, Entry{Article: a, Claims: claims(5)}, Entry{Article: b, Claims: claims(2)})
			beforeA, beforeB := mustClaims(t, db, a.ID), mustClaims(t, db, b.ID)
			err := db.ReplaceClaimsMany([]ArticleClaims{{a.ID, claims(1)}, bad})
			if err == nil {
				t.Fatal("no error")
			}
			if name == "unknown article" && !errors.Is(err, ErrNotFound) {
				t.Errorf("err = %v, want ErrNotFound", err)
			}
			if !slices.EqualFunc(beforeA, mustClaims(t, db, a.ID), sameClaim) || !slices.EqualFunc(beforeB, mustClaims(t, db, b.ID), sameClaim) {
				t.Error("claims changed")
			}
		})
	}
}

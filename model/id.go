package model

import (
	"crypto/sha256"
	"encoding/hex"
)

// IDLen is the length of an article ID: 16 hex digits.
const IDLen = 16

// ArticleID derives a stable article ID from a key that identifies the story
// (its canonical URL, or its text when it has no URL). The same key always
// gives the same ID, so saving a story twice is idempotent.
func ArticleID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:IDLen/2])
}

// Hash returns the hex SHA-256 of s.
func Hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

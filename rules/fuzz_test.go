package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzCheck feeds arbitrary bytes to the loader as a user's rules file:
// it must not panic, and every error must name the file.
func FuzzCheck(f *testing.F) {
	for _, seed := range []string{
		"actors:\n  - name: X\n    aliases: [Y]\n    sponsor: China\n",
		"actor_patterns:\n  - name: p\n    regex: '(?P<label>APT\\d+)'\n",
		"cues:\n  accuse:\n    - name: a\n      forms: [x]\n      frame: object\n",
		"numbers:\n  words: {one: 1}\n",
		"sites:\n  - name: s\n    hosts: [a.com]\n    drop: ['.ad']\n",
		"countries: [{name: A, aliases: [B]}]\n",
		"actors: &a [*a]\n",
		"[",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "user.yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, err := range Check(dir) {
			if !strings.Contains(err.Error(), "user.yaml") {
				t.Fatalf("error %q does not name the file", err)
			}
		}
	})
}

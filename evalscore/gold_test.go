package evalscore

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadGold(t *testing.T) {
	golds := loadTestGold(t)
	var ids []string
	for _, g := range golds {
		ids = append(ids, g.ID)
	}
	if got := strings.Join(ids, " "); got != "alpha bravo charlie" {
		t.Fatalf("ids = %s", got)
	}
	a := golds[0]
	if a.File != filepath.Join("testdata/gold", "alpha.gold.json") || a.TextPath != filepath.Join("testdata/gold", "alpha.txt") {
		t.Errorf("paths = %s, %s", a.File, a.TextPath)
	}
	if !strings.HasPrefix(a.Text, "LONDON — Washington") || len(a.Claims) != 9 || len(a.Optional) != 2 {
		t.Errorf("alpha: text %.20q, %d claims, %d optional", a.Text, len(a.Claims), len(a.Optional))
	}
	if got := strings.Join(a.Claims[2].Keys(), ","); got != "kind,label,sponsor" {
		t.Errorf("keys = %s", got)
	}
}

func TestLoadGoldErrors(t *testing.T) {
	for _, tc := range []struct {
		name, gold, want string
	}{
		{"syntax", "{\n  \"id\": \"x\",\n  \"text\": \"x.txt\"\n  \"claims\": []\n}", `x.gold.json: line 4 col 3: invalid character '"' after object key:value pair`},
		{"type", `{"id": 3, "text": "x.txt"}`, `x.gold.json: line 1 col 8: json: cannot unmarshal number into Go struct field goldFile.id of type string`},
		{"no text", `{"id": "x"}`, `x.gold.json: want "id" and "text"`},
		{"no article", `{"id": "x", "text": "missing.txt"}`, `x.gold.json: article text: open `},
		{"claim not an object", `{"id": "x", "text": "x.txt", "claims": [[]]}`, `x.gold.json: want a JSON object, got []`},
		{"null claim", `{"id": "x", "text": "x.txt", "optional": [null]}`, `x.gold.json: optional[0]: null`},
		{"no kind", `{"id": "x", "text": "x.txt", "claims": [{"label": "APT31"}]}`, `x.gold.json: claims[0]: want a string "kind"`},
		{"no field", `{"id": "x", "text": "x.txt", "claims": [{"kind": "number", "value": 3}]}`, `x.gold.json: claims[0] (number): no "unit"`},
		{"not UTF-8", "{\"id\": \"x\xff\", \"text\": \"x.txt\"}", `x.gold.json: not UTF-8`},
	} {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "x.txt"), "text")
		write(t, filepath.Join(dir, "x.gold.json"), tc.gold)
		_, err := LoadGold(dir)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestLoadGoldFolder(t *testing.T) {
	if _, err := LoadGold(filepath.Join(t.TempDir(), "none")); err == nil || !strings.Contains(err.Error(), "none") {
		t.Errorf("missing folder: err = %v", err)
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "x.json"), "{}")
	if _, err := LoadGold(dir); err == nil || !strings.Contains(err.Error(), "no *.gold.json in "+dir) {
		t.Errorf("empty folder: err = %v", err)
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

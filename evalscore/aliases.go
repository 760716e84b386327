package evalscore

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

// aliasesJSON is score.py's ALIASES table as data: each canonical name with
// the other names that fold into it.
//
//go:embed aliases.json
var aliasesJSON []byte

// Alias is one canonical entity and its other names.
type Alias struct {
	Canonical string   `json:"canonical"`
	Names     []string `json:"names"`
}

type aliasFile struct {
	Source  string  `json:"source"`
	Aliases []Alias `json:"aliases"`
}

// Aliases returns the alias table in file order.
func Aliases() []Alias {
	return aliasTable().list
}

type aliases struct {
	list  []Alias
	canon map[string]string // every name, canonical ones included, to its canonical name
}

// aliasTable parses the embedded table once. The file ships in the binary
// and is checked by the tests, so a parse failure is a build defect.
var aliasTable = sync.OnceValue(func() aliases {
	a, err := parseAliases(aliasesJSON)
	if err != nil {
		panic(fmt.Sprintf("evalscore: aliases.json: %v", err))
	}
	return a
})

func parseAliases(b []byte) (aliases, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f aliasFile
	if err := dec.Decode(&f); err != nil {
		return aliases{}, err
	}
	// Built in file order like score.py's CANON: a later entry wins.
	canon := map[string]string{}
	for _, a := range f.Aliases {
		canon[a.Canonical] = a.Canonical
		for _, n := range a.Names {
			canon[n] = a.Canonical
		}
	}
	return aliases{list: f.Aliases, canon: canon}, nil
}

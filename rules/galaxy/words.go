package galaxy

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"strings"

	"github.com/jdkato/prose/v2"
)

// CommonWords returns the vocabulary of the part-of-speech tagger's model
// (lower-case words of its English training text) as a CommonWord test.
func CommonWords() (func(string) bool, error) {
	data, err := prose.Asset("model/AveragedPerceptron/weights.gob")
	if err != nil {
		return nil, fmt.Errorf("galaxy: word list: %w", err)
	}
	var weights map[string]map[string]float64
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&weights); err != nil {
		return nil, fmt.Errorf("galaxy: word list: %w", err)
	}
	words := map[string]bool{}
	for f := range weights {
		if w, ok := strings.CutPrefix(f, "i word "); ok {
			words[w] = true
		}
	}
	return func(w string) bool { return words[w] }, nil
}

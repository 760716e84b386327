package extract

import "github.com/claimwire/claimwire/rules"

// gender is a person's sex as far as the article tells it: by a style
// ("Mrs."), a given name or a pronoun that refers to them.
type gender int8

const (
	genderUnknown gender = iota
	genderMale
	genderFemale
)

// genders maps folded given names and styles to the sex they tell.
func genders(c *rules.Cues) map[string]gender {
	g := map[string]gender{}
	for _, l := range []struct {
		words []string
		sex   gender
	}{{c.MaleNames, genderMale}, {c.FemaleNames, genderFemale}, {c.MaleStyles, genderMale}, {c.FemaleStyles, genderFemale}} {
		for _, w := range l.words {
			g[fold(w)] = l.sex
		}
	}
	return g
}

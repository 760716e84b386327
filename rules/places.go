package rules

import "errors"

// Country is a state and the other names that stand for it in the news:
// abbreviations, its capital and its demonyms. All of them are folded to
// Name, so that one party has one name in the output.
type Country struct {
	Name     string   `yaml:"name"`
	Aliases  []string `yaml:"aliases"`
	Capitals []string `yaml:"capitals"`
	Demonyms []string `yaml:"demonyms"`
}

func (c *Country) validate() error {
	if c.Name == "" {
		return errors.New("country: name is empty")
	}
	return nil
}

// Party is an organisation, agency or alliance that makes or receives
// claims (the Justice Department, the FBI, Five Eyes), with its other names.
type Party struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Country string   `yaml:"country"` // the state it belongs to, if any
}

func (p *Party) validate() error {
	if p.Name == "" {
		return errors.New("party: name is empty")
	}
	return nil
}

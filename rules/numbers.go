package rules

import "maps"

// Numbers is the vocabulary of the number parser.
type Numbers struct {
	Words      map[string]float64 `yaml:"words"`      // number words: one, eleven, twenty, dozen
	Scales     map[string]float64 `yaml:"scales"`     // multipliers: hundred, thousand, million, bn, m, k
	Qualifiers map[string]string  `yaml:"qualifiers"` // phrase → canonical qualifier: "over" → "more than"
	Currencies map[string]string  `yaml:"currencies"` // symbol or word → ISO 4217 code: "$" → USD
	Units      map[string]string  `yaml:"units"`      // written unit → canonical unit: "terabytes" → TB, "%" → percent
}

func (n *Numbers) merge(o *Numbers) {
	n.Words = mergeMap(n.Words, o.Words)
	n.Scales = mergeMap(n.Scales, o.Scales)
	n.Qualifiers = mergeMap(n.Qualifiers, o.Qualifiers)
	n.Currencies = mergeMap(n.Currencies, o.Currencies)
	n.Units = mergeMap(n.Units, o.Units)
}

func (n Numbers) clone() Numbers {
	return Numbers{
		Words:      maps.Clone(n.Words),
		Scales:     maps.Clone(n.Scales),
		Qualifiers: maps.Clone(n.Qualifiers),
		Currencies: maps.Clone(n.Currencies),
		Units:      maps.Clone(n.Units),
	}
}

func mergeMap[V any](base, add map[string]V) map[string]V {
	if base == nil && len(add) > 0 {
		base = make(map[string]V, len(add))
	}
	maps.Copy(base, add)
	return base
}

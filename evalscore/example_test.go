package evalscore_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/claimwire/claimwire/evalscore"
	"github.com/claimwire/claimwire/model"
)

func Example() {
	golds, err := evalscore.LoadGold("testdata/gold")
	if err != nil {
		fmt.Println(err)
		return
	}
	// A stand-in for (*extract.Extractor).Extract.
	predict := func(_ context.Context, text string) ([]model.Claim, error) {
		if !strings.Contains(text, "APT31") {
			return nil, nil
		}
		return []model.Claim{
			{Kind: model.Actor, Label: "APT 31"},
			{Kind: model.Actor, Label: "Zirconium"}, // another name of APT31: not an error
			{Kind: model.Number, Value: 10000, Unit: "emails"},
			{Kind: model.Number, Value: 2019, Unit: "year"},
		}, nil
	}
	r, err := evalscore.Score(context.Background(), golds, predict)
	if err != nil {
		fmt.Println(err)
		return
	}
	r.WriteTable(os.Stdout)
	// Output:
	// kind            tp    fp    fn      P      R     F1
	// accusation       0     0     4  0.000  0.000  0.000
	// actor            1     0     2  1.000  0.333  0.500
	// quote            0     0     4  0.000  0.000  0.000
	// number           1     1     3  0.500  0.250  0.333
	// quote_span       0     0     4  0.000  0.000  0.000
	// micro            2     1    13  0.667  0.133  0.222
	// macro F1 0.208 over 3 articles, 0 failed
}

# claimwire: build, test, lint, demo and benchmarks. Needs only Go (and a C
# compiler for the race detector, which Go's Debian images have).

GO          ?= go
BIN         := bin/claimwire
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCH_RUNS  ?= 5
AEB         := ../shared/aeb/score_text.py

.PHONY: all build test lint demo bench bench-extract bench-text clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/claimwire

test:
	$(GO) test -race -count=1 -timeout 20m ./...

lint:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(find . -name '*.go' -not -path './.git/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) run $(STATICCHECK) ./...

# The daemon once over built-in sample news, then the claims as CSV.
demo:
	$(GO) run ./cmd/claimwire demo

# Every package's Go benchmarks, then the end-to-end ingest benchmark
# (1,000 articles from a loopback wire through the real binary) run
# $(BENCH_RUNS) times, with the median of its figures.
bench:
	@mkdir -p bin
	$(GO) test -run '^$$' -bench . $$($(GO) list ./... | grep -v /cmd/)
	$(GO) test -run '^$$' -bench Ingest -benchtime=1x -count=$(BENCH_RUNS) ./cmd/claimwire | tee bin/bench-ingest.txt
	@for unit in articles/s peak_rss_MB; do \
		grep '^BenchmarkIngest' bin/bench-ingest.txt | \
		awk -v u="$$unit" '{for (i = 2; i < NF; i++) if ($$(i+1) == u) print $$i}' | sort -n | \
		awk -v u="$$unit" '{v[NR] = $$1} END {if (NR) printf "median %s over %d runs: %s\n", u, NR, v[int((NR+1)/2)]}'; \
	done

# Claim extraction of each article of testdata/articles on one core, then
# the median time per article.
bench-extract:
	@mkdir -p bin
	$(GO) test -run '^$$' -bench Extract -cpu 1 ./extract | tee bin/bench-extract.txt
	@grep '^BenchmarkExtract/' bin/bench-extract.txt | awk '{print $$3}' | sort -n | \
		awk '{v[NR] = $$1} END {if (NR) printf "median over %d articles: %.2f ms per article\n", NR, v[int((NR+1)/2)] / 1e6}'

# Main-text extraction scored on the AEB benchmark pages, and the text
# package's benchmarks.
bench-text: build
	python3 $(AEB) --cmd '$(BIN) text {file}'
	$(GO) test -run '^$$' -bench . ./text

clean:
	rm -rf bin

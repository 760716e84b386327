# claimwire: build, test, lint, demo and benchmarks. Needs only Go (and a C
# compiler for the race detector, which Go's Debian images have).

GO          ?= go
BIN         := bin/claimwire
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCH_RUNS  ?= 5
PG_BENCH_RUNS ?= 3
AEB         := ../shared/aeb/score_text.py

.PHONY: all build test lint demo bench bench-extract bench-text clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/claimwire

# The timeout is a hang guard: cmd/claimwire runs real daemons (several
# against PostgreSQL in CI), which on a loaded machine with the race
# detector takes longer than go test's default of 10 minutes.
test:
	$(GO) test -race -count=1 -timeout 30m ./...

lint:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(find . -name '*.go' -not -path './.git/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) run $(STATICCHECK) ./...

# The daemon once over built-in sample news, then the claims as CSV.
demo:
	$(GO) run ./cmd/claimwire demo

# Every package's Go benchmarks, then the end-to-end ingest benchmark
# (1,000 articles from a loopback wire through the real binary into a bbolt
# file) run $(BENCH_RUNS) times, with the median of its figures; then, when
# CLAIMWIRE_TEST_PG names a PostgreSQL server, ingest of 2,000 articles into
# it by 1, 2 and 3 daemons, $(PG_BENCH_RUNS) runs each, with their medians.
bench:
	@mkdir -p bin
	$(GO) test -run '^$$' -bench . $$($(GO) list ./... | grep -v /cmd/)
	$(GO) test -run '^$$' -bench 'Ingest$$' -benchtime=1x -count=$(BENCH_RUNS) ./cmd/claimwire | tee bin/bench-ingest.txt
	@if [ -n "$$CLAIMWIRE_TEST_PG" ]; then \
		$(GO) test -run '^$$' -bench 'IngestPG' -benchtime=1x -count=$(PG_BENCH_RUNS) ./cmd/claimwire | tee -a bin/bench-ingest.txt; \
	else echo "CLAIMWIRE_TEST_PG unset: no PostgreSQL ingest figures (see README, Team setup)"; fi
	@for unit in articles/s cpu_ms/article peak_rss_MB; do \
		grep '^BenchmarkIngest' bin/bench-ingest.txt | \
		awk -v u="$$unit" '{for (i = 2; i < NF; i++) if ($$(i+1) == u) print $$1, $$i}' | sort -k1,1 -k2n | \
		awk -v u="$$unit" '{n[$$1]++; v[$$1, n[$$1]] = $$2} END {for (b in n) printf "%s: median %s over %d runs: %s\n", b, u, n[b], v[b, int((n[b]+1)/2)]}' | sort; \
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

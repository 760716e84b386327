# claimwire: build, test, lint, demo and benchmarks. Needs only Go (and a C
# compiler for the race detector, which Go's Debian images have).

GO          ?= go
BIN         := bin/claimwire
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCH_RUNS  ?= 5
PG_BENCH_RUNS ?= 3
AEB         := ../shared/aeb/score_text.py

.PHONY: all build test lint demo bench bench-extract bench-speed bench-text bench-web screenshots clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/claimwire

# The timeout is a hang guard: cmd/claimwire runs real daemons (several
# against PostgreSQL in CI), which on a loaded machine with the race
# detector takes longer than go test's default of 10 minutes.
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

# Extraction speed, each figure the median of $(BENCH_RUNS) runs: the
# corpus benchmark on one core (every article of testdata/articles and,
# when ../shared is there, of polnear/train: words/s per core and per CPU
# second, allocations per article), `claimwire eval` of polnear/dev (wall
# seconds), and reprocess --all of 10,000 stored articles with 1 and 2
# workers (articles/s).
POLNEAR_DEV := ../shared/eval/polnear/dev
bench-speed: build
	@mkdir -p bin
	$(GO) test -run '^$$' -bench 'ExtractCorpus' -cpu 1 -count=$(BENCH_RUNS) ./extract | tee bin/bench-speed.txt
	@if [ -d $(POLNEAR_DEV) ]; then for i in $$(seq $(BENCH_RUNS)); do \
		s=$$(date +%s.%N); $(BIN) eval $(POLNEAR_DEV) --kinds quote >/dev/null || exit 1; e=$$(date +%s.%N); \
		echo "BenchmarkEvalPolnearDev 1 $$(awk -v s=$$s -v e=$$e 'BEGIN {printf "%.2f", e - s}') s"; \
	done | tee -a bin/bench-speed.txt; fi
	$(GO) test -run '^$$' -bench 'Reprocess' -benchtime=1x -count=$(BENCH_RUNS) -timeout 60m ./cmd/claimwire | tee -a bin/bench-speed.txt
	@grep '^Benchmark' bin/bench-speed.txt | \
		awk '{for (i = 3; i < NF; i += 2) if ($$(i+1) != "ns/op") print $$1, $$(i+1), $$i}' | sort -k1,1 -k2,2 -k3,3g | \
		awk '{k = $$1 " " $$2; if (k != last && last != "") {printf "median %-45s %12s over %d runs\n", last, v[int((n+1)/2)], n; n = 0} last = k; v[++n] = $$3} \
		END {if (last != "") printf "median %-45s %12s over %d runs\n", last, v[int((n+1)/2)], n}'

# Main-text extraction scored on the AEB benchmark pages, and the text
# package's benchmarks.
bench-text: build
	python3 $(AEB) --cmd '$(BIN) text {file}'
	$(GO) test -run '^$$' -bench . ./text

# The claims page and GET /api/claims over one million generated claims,
# with each filter alone, $(BENCH_RUNS) times; then the median per filter.
bench-web:
	@mkdir -p bin
	$(GO) test -run '^$$' -bench MillionClaims -benchtime 20x -count $(BENCH_RUNS) -timeout 60m ./web | tee bin/bench-web.txt
	@grep '^BenchmarkMillionClaims/' bin/bench-web.txt | awk '{sub(/-[0-9]+$$/, "", $$1); print $$1, $$3}' | sort -k1,1 -k2,2n | \
		awk '{v[$$1] = v[$$1] " " $$2; n[$$1]++} END {for (k in v) {split(substr(v[k], 2), a, " "); printf "median %-45s %8.2f ms over %d runs\n", k, a[int((n[k]+1)/2)] / 1e6, n[k]}}' | sort

# One PNG per page of the web interface, from the browser test, for the
# README: docs/screenshots/*.png. Needs chromium.
screenshots:
	$(GO) test -count=1 -run TestBrowser ./web -screenshots $(CURDIR)/docs/screenshots

clean:
	rm -rf bin

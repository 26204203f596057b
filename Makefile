# flashcart — build, check and measure.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GO_FILES     = $(shell git ls-files '*.go' 2>/dev/null || find . -name '*.go')
# ./... skips testdata folders; the sample integrator client is checked too.
PACKAGES     = ./... ./sandbox/sandboxtest/testdata/sampleclient/

.PHONY: build test lint unit scenarios bench load soak fuzz

build:
	go build -o bin/flashcart .

# test is what CI runs: formatting, vet, staticcheck, every test with the
# race detector, then the bundled scenario suites through flashcart run.
test: lint unit scenarios

lint:
	@out=$$(gofmt -l $(GO_FILES)); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	@go mod tidy -diff >/dev/null || { echo "go.mod/go.sum are not tidy: run 'go mod tidy'"; go mod tidy -diff; exit 1; }
	go vet $(PACKAGES)
	go run $(STATICCHECK) $(PACKAGES)

unit:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
		echo "*** chromium is not installed: the browser tests of the customer pages SKIP (apt-get install chromium); with CI set they fail ***"
	@command -v php >/dev/null 2>&1 || \
		echo "*** php is not installed: the 2Checkout seed's PHP sample SKIPS (apt-get install php-cli php-curl); with CI set it fails ***"
	go test -race -count=1 $(PACKAGES)

# scenarios runs the bundled scenario suites in-process, as CI does.
scenarios:
	go run . run scenarios/suites

bench:
	go test -run '^$$' -bench . -benchmem ./...

load: build
	go run ./internal/loadtest -bin bin/flashcart

# soak drives mixed traffic at a real flashcart serve on loopback (SOAK_FLAGS="--duration 5m" to change);
# it fails on any 5xx, unanswered request, unexpected answer or live-heap growth.
soak: build
	go run ./internal/soak --binary bin/flashcart $(SOAK_FLAGS)

# fuzz runs each fuzz target for FUZZTIME (default 60s).
FUZZTIME ?= 60s
fuzz:
	go test -run '^$$' -fuzz '^FuzzValidate$$' -fuzztime $(FUZZTIME) ./sandbox/noventiq/
	go test -run '^$$' -fuzz '^FuzzCreate$$' -fuzztime $(FUZZTIME) ./sandbox/solifyn/
	go test -run '^$$' -fuzz '^FuzzEnvelope$$' -fuzztime $(FUZZTIME) ./sandbox/twocheckout/
	go test -run '^$$' -fuzz '^FuzzPlaceOrder$$' -fuzztime $(FUZZTIME) ./sandbox/twocheckout/
	go test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./fixtures/
	go test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./scenarios/

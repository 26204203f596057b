# flashcart — build, check and measure.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GO_FILES     = $(shell git ls-files '*.go' 2>/dev/null || find . -name '*.go')

.PHONY: build test lint unit bench load scenarios
build:
	go build -o bin/flashcart .

# test is what CI runs: formatting, vet, staticcheck, then every test with the race detector.
test: lint unit

lint:
	@out=$$(gofmt -l $(GO_FILES)); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	go vet ./...
	go run $(STATICCHECK) ./...

unit:
	go test -race -count=1 ./...

bench:
	go test -run '^$$' -bench . -benchmem ./...

load: build
	go run ./sandbox/loadtest

# scenarios runs the bundled scenario suites in-process, as CI does.
scenarios:
	go run . run scenarios/suites

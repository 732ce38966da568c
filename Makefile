# Passcheck. The two commands a newcomer needs: `make run` and `make test`.
GO      ?= go
ADDR    ?= :8080
DATA    ?= ./data
BIN     := bin/passcheck
WASM    := web/app.wasm
# The trust-bundle public key(s) pinned into the app at build time (base64
# SPKI, comma separated). `make run` takes it from the data folder.
PINNED  ?=

.PHONY: build run test bench wasm vet clean fuzz

build: $(BIN)

$(BIN): FORCE
	$(GO) build -o $(BIN) ./server/cmd/passcheck

FORCE:

# The app, compiled to WebAssembly with the bundle key pinned; the build flags
# live in internal/wasmbuild (the browser tests build with it too).
wasm:
	@if [ -d wasm/app ]; then \
	  echo "Building the scanner app (web/app.wasm, Go → WebAssembly): about 30 s the first time..."; \
	  $(GO) run ./internal/wasmbuild -o $(WASM) -pinned "$(PINNED)"; \
	fi

# run: make (once) a demo data folder, pin its bundle key into the app, serve.
run: build
	$(BIN) init --data $(DATA)
	$(MAKE) wasm PINNED=$$($(BIN) trust pubkey --data $(DATA))
	$(BIN) serve --addr $(ADDR) --data $(DATA)

# gofmt over our own code; third_party/ stays byte-for-byte upstream.
vet:
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './third_party/*' -not -path './.git/*')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./verify/... ./app/... ./wasm/...

# -timeout: the browser tests (three engines) run past go test's default 10
# minutes on a loaded 2-core machine; it is a hang guard, not a limit.
test: vet
	GOOS=js GOARCH=wasm $(GO) build -o /dev/null ./verify/...
	GOOS=js GOARCH=wasm $(GO) build -o /dev/null ./wasm/...
	$(GO) test -count=1 -timeout 30m ./...
	$(GO) test -count=1 github.com/makiuchi-d/gozxing/...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./verify/...

# Each fuzz target for FUZZTIME (CI runs the seeds only, through `make test`).
FUZZTIME ?= 60s
fuzz:
	@for pkg in $$($(GO) list ./verify/...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

clean:
	rm -rf bin $(WASM)

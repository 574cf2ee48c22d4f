# Bình Yên: the two commands are `make run` and `make test` (README.md).
# Every target installs missing Debian packages first (scripts/install-deps is quick when all
# are present).

SHELL := /bin/bash
CMAKE ?= cmake
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_RUNS ?= 20000
# The fuzz build compiles only what the fuzzers link, not the whole tree.
FUZZ_TARGETS := $(patsubst fuzz/%.cc,%,$(wildcard fuzz/*_fuzzer.cc))

.PHONY: run test deps build build-debug test-release test-debug fuzz fuzz-smoke bench lint format clean help

help:
	@echo "make run    - install, build, start Bình Yên on http://127.0.0.1:8080 (demo data in ./var)"
	@echo "make test   - install, build (ASan + UBSan) and run every test"
	@echo "make bench  - build and run the benchmarks (docs/PERFORMANCE.md)"
	@echo "make fuzz   - build the libFuzzer targets with clang and run each FUZZ_SECONDS"
	@echo "make lint   - clang-format check and clang-tidy"

deps:
	@scripts/install-deps

build: deps
	@$(CMAKE) --preset release >/dev/null
	@$(CMAKE) --build --preset release -j $(JOBS)

build-debug: deps
	@$(CMAKE) --preset debug >/dev/null
	@$(CMAKE) --build --preset debug -j $(JOBS)

# The first run fills ./var with the demo data set (`binhyen demo`); later runs keep ./var as it
# is. DATA=dir and LISTEN=host:port override the defaults.
DATA ?= ./var
LISTEN ?= 127.0.0.1:8080
run: build
	@if [ ! -e "$(DATA)/binhyen.db" ]; then build/release/apps/binhyen/binhyen demo --data "$(DATA)"; fi
	@exec build/release/apps/binhyen/binhyen serve --data "$(DATA)" --listen "$(LISTEN)"

# Without a PostgreSQL cluster (BINHYEN_TEST_POSTGRES_URL unset) these run the SQLite half only.
test-release: build
	@ctest --preset release

test-debug: build-debug
	@ctest --preset debug

# `make test` builds one tree, the AddressSanitizer + UndefinedBehaviorSanitizer build (preset
# debug: clang 14, -O0), and runs every test in it, the real-browser suite, the crash-safety
# harness and the benchmarks' smoke runs included, with a throwaway PostgreSQL cluster on
# loopback (scripts/pg-test-cluster), so that the store conformance suite and the CLI tests cover
# both backends; the cluster is stopped on exit. The release build is what `make run` and
# `make bench` build; `make test-release` runs the tests in it. (Building both trees and the fuzz
# tree made CI take over 90 minutes on 2 cores: docs/adr/0006-one-sanitizer-build-in-make-test.md.)
# Each phase prints the time it starts, so that a CI log shows where the time goes.
test: deps
	@echo "make test: $$(date -u +%T) format check"; scripts/check-format
	@echo "make test: $$(date -u +%T) ASan + UBSan build"; $(MAKE) --no-print-directory build-debug
	@eval "$$(scripts/pg-test-cluster start)" && trap 'scripts/pg-test-cluster stop' EXIT && \
	  echo "make test: $$(date -u +%T) tests" && ctest --preset debug
	@echo "make test: $$(date -u +%T) done"

# The real libFuzzer binaries (clang, fully instrumented), each run for a fixed number of inputs
# with a fixed seed, so that the fuzz build stays healthy and the run is reproducible. New inputs
# go to the first corpus directory, a scratch one under build/: the committed corpus is read only.
# Not part of `make test` (which replays every corpus under the sanitizers): run it after changing
# a fuzzer or the flags of the fuzz preset.
fuzz-smoke: deps
	@$(CMAKE) --preset fuzz >/dev/null
	@$(CMAKE) --build --preset fuzz -j $(JOBS) --target $(FUZZ_TARGETS)
	@for f in build/fuzz/fuzz/*_fuzzer; do n=$$(basename $$f _fuzzer); \
	  rm -rf build/fuzz/smoke/$$n; mkdir -p build/fuzz/smoke/$$n; \
	  $$f -seed=1 -runs=$(FUZZ_SMOKE_RUNS) build/fuzz/smoke/$$n fuzz/corpus/$$n \
	    >build/fuzz/$$n.log 2>&1 \
	    || { cat build/fuzz/$$n.log; echo "fuzz-smoke: $$n failed"; exit 1; }; \
	  echo "fuzz-smoke: $$n ok ($(FUZZ_SMOKE_RUNS) inputs)"; done

bench: build
	@for b in build/release/bench/*_bench; do echo "== $$b"; $$b --benchmark_repetitions=5 \
	  --benchmark_report_aggregates_only=true; done

fuzz: deps
	@$(CMAKE) --preset fuzz >/dev/null
	@$(CMAKE) --build --preset fuzz -j $(JOBS) --target $(FUZZ_TARGETS)
	@for f in build/fuzz/fuzz/*_fuzzer; do n=$$(basename $$f _fuzzer); mkdir -p build/fuzz/corpus/$$n; \
	  echo "== $$n ($(FUZZ_SECONDS) s)"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 build/fuzz/corpus/$$n fuzz/corpus/$$n \
	    || exit 1; done

lint: deps
	@scripts/check-format
	@$(CMAKE) --preset release >/dev/null
	@scripts/run-clang-tidy build/release

format:
	@git ls-files --cached --others --exclude-standard '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf build

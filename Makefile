# The two commands a fresh machine needs: `make run` and `make test`.
SWIFT ?= swift
# apt-get needs root; CI runs as root, a developer's shell may not.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT ?= 8080
DATA ?= data

.PHONY: run test build deps check-config clean bench bench-deps bench-smoke kill-loop kill-loop-smoke format format-check browser browser-deps

# System packages the build links against. Installed only when missing, so a machine that
# has them is not touched.
deps:
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	pkg-config --exists sqlite3 2>/dev/null || missing="$$missing libsqlite3-dev"; \
	pkg-config --exists lua5.4 2>/dev/null || missing="$$missing liblua5.4-dev"; \
	command -v openssl >/dev/null 2>&1 || missing="$$missing openssl"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@# The email tests' SMTP server (Tests/DangjianDeliveryTests/Peers/smtp_server.py).
	@python3 -c 'import aiosmtpd' >/dev/null 2>&1 || { echo "installing: aiosmtpd"; python3 -m pip install --quiet aiosmtpd; }

build: deps
	$(SWIFT) build

# Build and start the server; the first start loads the demo district, whose reminders go to
# local stand-ins for the group robots and a mailbox (scripts/demo/run.sh).
run: build
	@bash scripts/demo/run.sh "$(DATA)" "$(PORT)"

test: deps format-check
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) browser
	$(MAKE) bench-smoke
	$(MAKE) kill-loop-smoke

# The console's browser tests: Debian's Chromium (with the CJK fonts, so the screenshots show
# Chinese) and Playwright for Python, installed only when missing. Playwright cannot download its
# own browsers here; the tests pass Chromium's path (Tests/Browser/journeys.py).
browser-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@python3 -c 'import playwright' >/dev/null 2>&1 || { echo "installing: playwright"; python3 -m pip install --quiet playwright; }

# Walks the console's journeys in Chromium against a `dangjian serve` of the demo district that it
# starts on a free loopback port; screenshots go to .build/browser-shots.
browser: browser-deps
	python3 Tests/Browser/journeys.py --binary .build/debug/dangjian

# The benchmarks' peers and tools (wrk, redis-server, lua5.4, sqlite3, gcc, Python's lupa),
# installed only when missing.
bench-deps: deps
	@bash bench/peers/install.sh

# The whole benchmark harness on a tiny district, once, with the debug build: it proves the
# harness still runs (`make test` calls it); its figures mean nothing.
bench-smoke: bench-deps
	python3 bench/run.py --smoke --binary .build/debug/dangjian

# Issue 15's kill-loop: the debug build's serve sends reminders through the robots' peer and a
# real SMTP server (STARTTLS, AUTH) and is killed with SIGKILL at random moments, restarted after
# each kill; then it counts what arrived (bench/soak/outbox_kill.py: no reminder lost, every copy
# under its one key, at most one repeat per robot per kill). The full run takes a few minutes;
# the smoke (`make test` runs it, after building) a few seconds.
kill-loop: deps
	$(SWIFT) build --product dangjian
	python3 bench/soak/outbox_kill.py --binary .build/debug/dangjian --count 1000 --kills 20

kill-loop-smoke: deps
	python3 bench/soak/outbox_kill.py --binary .build/debug/dangjian --count 120 --kills 3 --branches 6 --timeout 120

# The benchmarks, in release, on the city-sized district (generated once into .bench-data/):
# prints the table and writes bench/results/latest.json. Takes about an hour the first time.
bench: bench-deps
	$(SWIFT) build -c release --product dangjian
	python3 bench/run.py

# swift-format from the toolchain, with .swift-format (line length 120, layout only: every rule
# that would rename or restructure code is off). `make format` rewrites; `make test` checks.
FORMATTED := Sources plugins Tests
format:
	$(SWIFT) format --in-place --recursive --parallel $(FORMATTED)

format-check:
	$(SWIFT) format lint --strict --recursive --parallel $(FORMATTED)

check-config: build
	$(SWIFT) run dangjian config check

clean:
	rm -rf .build

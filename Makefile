# The two quick-start commands, `make run` and `make test`, on a fresh
# Debian or Ubuntu machine. Everything else is meson's.

BUILDDIR ?= build
MESON_OPTIONS ?=
# Options for `meson test`, e.g. TESTS="--suite core" or TESTS="test-window".
TESTS ?=

XVFB = xvfb-run -a -s "-screen 0 1280x1024x24"

.PHONY: all deps configure build run test benchmark install pot clean

all: build

deps:
	@./build-aux/deps.sh

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR) $(MESON_OPTIONS)

configure: deps $(BUILDDIR)/build.ninja

build: configure
	meson compile -C $(BUILDDIR)

# Starts the app from the build tree on the user's local store, with the
# schema compiled into the build tree (nothing is installed).
run: build
	GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/data $(BUILDDIR)/src/tally

# Every test under a virtual X server and a private D-Bus session. The last
# line is "N passed, N failed", counted from meson's log.
test: build
	@rm -f $(BUILDDIR)/meson-logs/testlog.json
	@status=0; \
	$(XVFB) dbus-run-session -- meson test -C $(BUILDDIR) --print-errorlogs $(TESTS) || status=$$?; \
	python3 build-aux/summarize-tests.py $(BUILDDIR)/meson-logs/testlog.json || status=1; \
	exit $$status

benchmark: build
	$(XVFB) dbus-run-session -- meson test -C $(BUILDDIR) --benchmark --verbose

install: build
	meson install -C $(BUILDDIR)

pot: configure
	meson compile -C $(BUILDDIR) tally-pot

clean:
	rm -rf $(BUILDDIR)

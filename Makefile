# SPDX-License-Identifier: GPL-3.0-or-later
#
#   make run    install what is missing, build, launch Warta
#   make test   install what is missing, build, run every test headless
#   make bench  the benchmarks (meson test --benchmark)
#   make deps   only install the missing Debian packages

BUILDDIR      ?= build
ASAN_BUILDDIR ?= build-asan

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian 12 packages: the toolchain, the libraries, and what the tests run.
# tests/wordpress/install-deps.sh installs the missing ones (apt-get
# --no-install-recommends) without letting them start services.
DEBS := \
	appstream-util \
	dbus \
	dbus-daemon \
	desktop-file-utils \
	gcc \
	gettext \
	glib-networking \
	gnome-keyring \
	libadwaita-1-dev \
	libarchive-dev \
	libasan8 \
	libc6-dev \
	libglib2.0-bin \
	libglib2.0-dev \
	libgtk-4-dev \
	libgtksourceview-5-dev \
	libcairo2-dev \
	libcmark-dev \
	libgit2-dev \
	libgl1-mesa-dri \
	libjson-glib-dev \
	libpoppler-glib-dev \
	libpq-dev \
	libqrencode-dev \
	libsecret-1-dev \
	libsoup-3.0-dev \
	libsodium-dev \
	libsqlite3-dev \
	libssl-dev \
	libubsan1 \
	libwebkitgtk-6.0-dev \
	libxtst6 \
	make \
	meson \
	ninja-build \
	openssl \
	pkg-config \
	poppler-utils \
	postgresql-15 \
	postgresql-common \
	python3 \
	qpdf \
	sqlite3 \
	webp-pixbuf-loader \
	zbar-tools \
	xauth \
	xvfb

# A real WordPress on loopback for the publishing tests (tests/wordpress/):
# Debian's WordPress 6.1 and its default theme, a MariaDB that
# wp-site.sh runs as a plain process, PHP's built-in web server, and curl.
DEBS += \
	curl \
	mariadb-server \
	php-cli \
	php-gd \
	php-intl \
	php-mbstring \
	php-mysql \
	php-xml \
	wordpress \
	wordpress-theme-twentytwentythree

# Tests run without a display of their own, on a private D-Bus session.
HEADLESS := xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session --

.PHONY: all deps build run test test-asan bench clean

all: build

deps:
	@missing=$$(for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing:" $$missing; \
	  $(SUDO) sh tests/wordpress/install-deps.sh $$missing; \
	fi

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR) -Dwerror=true

build: deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR)

# The app makes its database on first run and offers a new office or the
# sample data; WARTA_SOPDIR points it at the tree's SOP files.
run: build
	WARTA_SOPDIR=$(CURDIR)/data/sop meson devenv -C $(BUILDDIR) $(CURDIR)/$(BUILDDIR)/src/app/warta

test: build
	$(HEADLESS) meson test -C $(BUILDDIR) --print-errorlogs
	$(MAKE) test-asan
	@python3 tests/summarize.py $(BUILDDIR)/meson-logs/testlog.json $(ASAN_BUILDDIR)/meson-logs/testlog.json

# The core tests once more under AddressSanitizer and UBSan.
$(ASAN_BUILDDIR)/build.ninja:
	meson setup $(ASAN_BUILDDIR) -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

test-asan: deps $(ASAN_BUILDDIR)/build.ninja
	meson compile -C $(ASAN_BUILDDIR)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  meson test -C $(ASAN_BUILDDIR) --suite core --print-errorlogs --timeout-multiplier 4

bench: build
	$(HEADLESS) meson test -C $(BUILDDIR) --benchmark --verbose

clean:
	rm -rf $(BUILDDIR) $(ASAN_BUILDDIR)

# Two commands on a fresh Debian machine: `make run` and `make test`.
VENV   := .venv
BIN    := $(VENV)/bin
PYTHON ?= python3.11
HOST   ?= 127.0.0.1
PORT   ?= 5000

# What WeasyPrint needs to typeset Chinese quickly: Pango, HarfBuzz's subsetter, a CJK font (and a Latin serif
# for English letters), and an emoji font so pasted emoji never print as empty boxes.
RUN_PACKAGES  := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk fonts-liberation \
                 fonts-noto-color-emoji fontconfig
# The tests also read PDFs with poppler, walk the site in a real Chromium, and run the store on a throwaway
# PostgreSQL as well as SQLite.
TEST_PACKAGES := $(RUN_PACKAGES) poppler-utils chromium postgresql

CATALOGUES := $(wildcard complaint/translations/*/LC_MESSAGES/messages.po)
COMPILED   := $(CATALOGUES:.po=.mo)
# Compact copies of the CJK fonts for letters, cut from the system's Noto CJK (about 20 s, once).
LETTER_FONTS := static/letters/fonts/letter-serif.otf static/letters/fonts/letter-sans-bold.otf

.PHONY: run test fuzz bench load samples translations setup setup-test clean

# Development mode unless told otherwise: a local secret key is generated into instance/.
run: setup
	COMPLAINT_ENV=$${COMPLAINT_ENV:-development} $(BIN)/complaint init-db
	COMPLAINT_ENV=$${COMPLAINT_ENV:-development} HOST=$(HOST) PORT=$(PORT) $(BIN)/complaint serve

test: setup-test
	$(BIN)/ruff check .
	@# A whole file to a worker at a time: the browser, servers and PostgreSQL cluster are set up once per file or
	@# worker, not per test. At most four workers: each one typesets letters in its own pool of processes.
	$(BIN)/pytest -n auto --maxprocesses 4 --dist loadfile

# The long property test: one hostile value per field, FUZZ_EXAMPLES posts (default 2000); prints the count.
fuzz: setup-test
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-2000} $(BIN)/pytest tests/test_fuzz.py -q -p no:cacheprovider

# Compares with a headless Chromium too: Debian's chromium and Playwright (the test extra).
bench: setup system-test $(VENV)/.installed-test
	$(BIN)/python scripts/bench.py

# USERS people walk the journey against gunicorn (WORKERS processes) on 127.0.0.1 for SECONDS; JSON last line.
USERS   ?= 20
SECONDS ?= 60
WORKERS ?= 2
load: setup
	$(BIN)/python scripts/load.py --users $(USERS) --seconds $(SECONDS) --workers $(WORKERS)

samples: setup
	$(BIN)/python scripts/sample_pdfs.py

setup: system-run $(VENV)/.installed $(COMPILED) $(LETTER_FONTS)

setup-test: system-test $(VENV)/.installed-test $(COMPILED) $(LETTER_FONTS) tests/browser/node_modules/.package-lock.json

.PHONY: system-run system-test
system-run:
	@scripts/system-packages.sh $(RUN_PACKAGES)

system-test:
	@scripts/system-packages.sh $(TEST_PACKAGES)
	@command -v npm >/dev/null 2>&1 || scripts/system-packages.sh nodejs npm

# axe-core, injected into pages by the accessibility tests.
tests/browser/node_modules/.package-lock.json: tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(LETTER_FONTS) &: complaint/letters/fonts.py $(VENV)/.installed
	$(BIN)/complaint fonts

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

# Re-extract the interface strings and merge them into both catalogues (for developers). New strings arrive
# with an empty msgstr: translate them (en: the same text), and the i18n tests pass again.
translations: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l -k N_ --no-location --sort-output -o complaint/translations/messages.pot .
	$(BIN)/pybabel update -i complaint/translations/messages.pot -d complaint/translations --no-fuzzy-matching --ignore-obsolete
	@# pybabel marks the header fuzzy on update, and compile then skips the whole catalogue.
	$(BIN)/python -c "import sys; from babel.messages.pofile import read_po, write_po; \
	[(lambda c: (setattr(c, 'fuzzy', False), write_po(open(p, 'wb'), c, width=100, sort_output=True)))(read_po(open(p, 'rb'))) for p in sys.argv[1:]]" $(CATALOGUES)
	rm -f complaint/translations/messages.pot

clean:
	rm -rf $(VENV) $(COMPILED) $(LETTER_FONTS)

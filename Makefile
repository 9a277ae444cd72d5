# Two commands set everything up on a fresh machine: `make html` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# The virtualenv is keyed on the content of requirements.txt: unchanged requirements never reinstall.
REQ_HASH := $(shell sha256sum requirements.txt | cut -c1-16)
STAMP := $(VENV)/.installed-$(REQ_HASH)

CONTENT := content
OUTPUT := output
CONF := pelicanconf.py
PUBLISHCONF := publishconf.py
PORT ?= 8000
N ?= 1000
CORPUS ?= ../shared/corpus/articles.jsonl
PELICAN := $(BIN)/pelican
PELICANOPTS ?=
# Our plugins are importable as packages (`python -m checker`).
PYPLUGINS := PYTHONPATH=plugins $(BIN)/python
# `make new TITLE="..." SECTION="..."`, `make new-campaign NAME="..."`: passed through the environment, so titles
# with quotes need no escaping, and taken as written (`$(value ...)`: make would expand "100$ một chỉ" to "100một chỉ").
override TITLE := $(value TITLE)
override SECTION := $(value SECTION)
override NAME := $(value NAME)
export TITLE SECTION NAME

.DEFAULT_GOAL := help
.PHONY: help venv html publish serve devserver clean test lint bench bench-related lock check new new-campaign new-exemplar hooks deploy audit

help:
	@echo "make new TITLE=\"...\" SECTION=\"...\"   new article (draft) in content/articles/YYYY-MM/"
	@echo "make new-campaign NAME=\"...\" / make new-exemplar NAME=\"...\"   new campaign / exemplar (draft)"
	@echo "make check       check all content, every problem as path:line: lỗi/cảnh báo: ..."
	@echo "make deploy      rsync $(OUTPUT)/ to DEPLOY_TARGET=user@host:/path/ (after make publish)"
	@echo "make hooks       install the git pre-commit hook (checks the staged content files)"
	@echo "make html        build the demo site into $(OUTPUT)/ (creates $(VENV) if missing)"
	@echo "make test        run the whole test suite"
	@echo "make serve       serve $(OUTPUT)/ on http://127.0.0.1:$(PORT)/ (PORT=...)"
	@echo "make devserver   rebuild on every change and serve on 127.0.0.1:$(PORT)"
	@echo "make publish     production build with publishconf.py"
	@echo "make lint        ruff"
	@echo "make audit       Lighthouse (mobile) on home, an article and a section page; needs chromium + npm ci"
	@echo "make bench       benchmarks (N=$(N) articles)"
	@echo "make bench-related  related-news quality and speed on CORPUS=$(CORPUS)"
	@echo "make clean       remove $(OUTPUT)/ and caches"

$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

venv: $(STAMP)

# Both build into a fresh folder beside $(OUTPUT) and swap it in only on success (tools/build.py).
html: $(STAMP) check
	$(BIN)/python tools/build.py $(CONTENT) -o $(OUTPUT) -s $(CONF) --fatal errors $(PELICANOPTS)

publish: $(STAMP) check
	$(BIN)/python tools/build.py --precompress $(CONTENT) -o $(OUTPUT) -s $(PUBLISHCONF) --fatal errors $(PELICANOPTS)

serve: $(STAMP)
	$(PELICAN) --listen --bind 127.0.0.1 --port $(PORT) -o $(OUTPUT) -s $(CONF)

devserver: $(STAMP)
	$(PELICAN) --autoreload --listen --bind 127.0.0.1 --port $(PORT) $(CONTENT) -o $(OUTPUT) -s $(CONF) \
		-e CHECKER_REPORT_ON_BUILD=true $(PELICANOPTS)

# Every problem of the content at once, in Vietnamese; exit 1 on an error (html and publish run it first).
check: $(STAMP)
	@$(PYPLUGINS) -m checker -s $(CONF)

new: $(STAMP)
	@$(PYPLUGINS) -m checker.scaffold article "$$TITLE" --section "$$SECTION" -s $(CONF)

new-campaign: $(STAMP)
	@$(PYPLUGINS) -m checker.scaffold campaign "$$NAME" -s $(CONF)

new-exemplar: $(STAMP)
	@$(PYPLUGINS) -m checker.scaffold exemplar "$$NAME" -s $(CONF)

# Copy the production build to the web server: `make publish deploy DEPLOY_TARGET=user@host:/srv/www/site/`.
# --delay-updates puts the new files in place at the end, --delete removes pages that are gone.
DEPLOY_TARGET ?=
DEPLOY_SSH ?= ssh
# Only a `make publish` build goes live: a preview (`make html`) has the drafts (ban-nhap/) and links to
# 127.0.0.1, and no .gz/.br copies.
deploy:
	@test -n "$(DEPLOY_TARGET)" || { echo "make deploy: hãy đặt DEPLOY_TARGET=user@host:/đường/dẫn/" >&2; exit 1; }
	@test -f $(OUTPUT)/index.html || { echo "make deploy: chưa có $(OUTPUT)/index.html; hãy chạy make publish trước" >&2; exit 1; }
	@test -f $(OUTPUT)/index.html.gz && test ! -e $(OUTPUT)/ban-nhap || { echo "make deploy: $(OUTPUT) là bản xem trước \
	(make html: có bản nháp, liên kết tới 127.0.0.1); hãy chạy make publish rồi make deploy" >&2; exit 1; }
	rsync -rlptz --delete --delay-updates --chmod=D755,F644 -e "$(DEPLOY_SSH)" $(OUTPUT)/ "$(DEPLOY_TARGET)"

# A git pre-commit hook running `make check` on the staged content files only.
hooks:
	@hook="$$(git rev-parse --git-path hooks)/pre-commit"; mkdir -p "$$(dirname "$$hook")"; \
	sed "s|@PROJECT_PREFIX@|$$(git rev-parse --show-prefix)|" plugins/checker/pre-commit > "$$hook" && \
	chmod 755 "$$hook" && echo "installed $$hook"

# Two workers: the suite is mostly real builds and browsers, and CI has two cores.
TEST_WORKERS ?= 2
test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python -m bench --articles $(N)

bench-related: $(STAMP)
	$(BIN)/python -m bench.bench_related --corpus $(CORPUS)

# Lighthouse scores (Performance, Accessibility, Best Practices, SEO) of three pages of the production build.
audit: $(STAMP)
	@test -d node_modules || npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python tools/audit.py

# Refresh the pinned set after editing requirements.in.
lock:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.in
	{ echo "# Generated by 'make lock' from requirements.in: the full pinned set that .venv is built from."; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > requirements.txt

clean:
	rm -rf $(OUTPUT) output.audit output.audit-reports .cache __pycache__ .pytest_cache .ruff_cache

# party_points: set up, serve and test the addon in a real Odoo 18 + PostgreSQL.
#
#   make run    install what is missing, create the demo database, serve it
#   make test   lint, fresh database, install, upgrade, the whole test suite,
#               and the upgrade of a database of the previous version
#   make test-upgrade-prev   install the previous version (PREV=<commit> to choose),
#               upgrade it with this code, check that its data survived
#   make stop   stop the private PostgreSQL cluster
#   make lint   ruff, pylint-odoo, OCA's module and po checks
#   make shell  an Odoo shell on the demo database
#   make i18n   merge new terms into i18n/zh_CN.po (after make test-upgrade)
#   make po-format   write i18n/*.po as OCA's po check wants (rerun after a merge)
#   make bench  50,000 members: measure the targets, then run 8 concurrent clients
#
# Everything the Makefile creates lives in build/ (ignored by git). Odoo 18.0
# itself is the prerequisite: python3 must import it (or set PYTHON=...).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD := $(ROOT)/build
ADDON := party_points

PYTHON ?= python3
HTTP_HOST ?= 127.0.0.1
HTTP_PORT ?= 8069
TEST_HTTP_PORT ?= 8169
PG_PORT ?= 5439
DEMO_DB ?= party_points_demo
BENCH_DB ?= party_points_bench
BENCH_HTTP_PORT ?= 8079
TEST_DB ?= party_points_test
PREV_DB ?= party_points_prev
# the previous version: empty means the parent of the commit that set the
# manifest's current version (HEAD when that change is not committed yet)
PREV ?=
# initdb refuses root: when run as root, the PostgreSQL cluster runs as this user.
PG_USER ?= partypoints

PGDATA := $(BUILD)/pgdata
PGRUN := $(BUILD)/pgrun
LOGDIR := $(BUILD)/log
CONF := $(BUILD)/odoo.conf
TEST_CONF := $(BUILD)/odoo-test.conf
PREV_CONF := $(BUILD)/odoo-prev.conf
PREV_DIR := $(BUILD)/prev
STAMPS := $(BUILD)/stamps

IS_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo yes)
ifeq ($(IS_ROOT),yes)
AS_PG := runuser -u $(PG_USER) --
SUDO :=
else
AS_PG :=
SUDO := $(shell command -v sudo >/dev/null && echo sudo)
endif
# wkhtmltopdf (Qt) wants a private runtime directory
export XDG_RUNTIME_DIR := $(BUILD)/xdg-runtime
PG_BIN = $(shell ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
ODOO_BIN = $(PYTHON) -m odoo
PSQL = psql -h $(PGRUN) -p $(PG_PORT) -U odoo

# chromium: the browser tours (HttpCase.start_tour) run in headless Chromium;
# without it Odoo skips them, and a skipped test fails the suite.
DEBIAN_PACKAGES := postgresql postgresql-client wkhtmltopdf fonts-noto-cjk poppler-utils \
	chromium libldap2-dev libsasl2-dev libpq-dev

.PHONY: help run test stop lint shell setup check-odoo deps pg config demo-db \
	test-db test-install test-upgrade test-upgrade-prev test-pytest clean wheel i18n po-format bench bench-db

help:
	@sed -n 's/^#   //p' $(ROOT)/Makefile

# ---------------------------------------------------------------- prerequisites

check-odoo:
	@if ! $(PYTHON) -c 'import odoo.release as r, sys; sys.exit(r.version_info[0] != 18)' 2>/dev/null; then \
	  echo "ERROR: Odoo 18.0 Community is not importable by '$(PYTHON)'." >&2; \
	  echo "  Install Odoo 18.0 (https://www.odoo.com/documentation/18.0/administration/on_premise/source.html)" >&2; \
	  echo "  into that Python, or point the Makefile at one that has it: make run PYTHON=/path/to/python3" >&2; \
	  exit 2; \
	fi

# Checked again whenever the Makefile (and so this list) changes.
$(STAMPS)/debian: $(ROOT)/Makefile | $(STAMPS)
	@missing=""; \
	[ -n "$(PG_BIN)" ] || missing="$$missing postgresql"; \
	command -v psql >/dev/null || missing="$$missing postgresql-client"; \
	command -v wkhtmltopdf >/dev/null || missing="$$missing wkhtmltopdf"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEBIAN_PACKAGES) >/dev/null; \
	fi
	@touch $@

$(STAMPS)/python: $(ROOT)/requirements.txt | $(STAMPS) check-odoo
	@echo "Installing Python packages from requirements.txt"
	@$(PYTHON) -m pip install --quiet --disable-pip-version-check -r $(ROOT)/requirements.txt
	@touch $@

deps: check-odoo $(STAMPS)/debian $(STAMPS)/python

$(STAMPS):
	@mkdir -p $@

# ------------------------------------------------------------ build directories

setup: deps
	@mkdir -p $(BUILD)/addons $(BUILD)/data $(LOGDIR) $(PGRUN)
	@mkdir -p -m 700 $(XDG_RUNTIME_DIR)
	@ln -sfn $(ROOT) $(BUILD)/addons/$(ADDON)
	@if [ "$(IS_ROOT)" = yes ]; then \
	  id -u $(PG_USER) >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin $(PG_USER); \
	  touch $(LOGDIR)/postgresql.log $(LOGDIR)/initdb.log; \
	  chown $(PG_USER) $(PGRUN) $(LOGDIR)/postgresql.log $(LOGDIR)/initdb.log; \
	  [ ! -d $(PGDATA) ] || chown -R $(PG_USER) $(PGDATA); \
	fi

config: setup
	@for spec in "$(CONF):$(HTTP_PORT)" "$(TEST_CONF):$(TEST_HTTP_PORT)"; do \
	  file=$${spec%%:*}; port=$${spec##*:}; \
	  printf '%s\n' '[options]' \
	    'addons_path = $(BUILD)/addons' \
	    'data_dir = $(BUILD)/data' \
	    'db_host = $(PGRUN)' \
	    'db_port = $(PG_PORT)' \
	    'db_user = odoo' \
	    'db_password = False' \
	    'http_interface = $(HTTP_HOST)' \
	    "http_port = $$port" \
	    'gevent_port = 0' \
	    'list_db = False' \
	    'max_cron_threads = 1' \
	    'limit_time_real = 600' \
	    'limit_time_cpu = 600' \
	    'without_demo = False' > $$file; \
	done

# ------------------------------------------------------------------- PostgreSQL

pg: setup
	@if [ "$(IS_ROOT)" = yes ] && ! $(AS_PG) test -x $(BUILD); then \
	  echo "ERROR: user $(PG_USER) cannot reach $(BUILD): clone the project where other users can read it" >&2; \
	  exit 2; \
	fi
	@if [ ! -f $(PGDATA)/PG_VERSION ]; then \
	  echo "Creating a private PostgreSQL cluster in build/pgdata (port $(PG_PORT))"; \
	  mkdir -p $(PGDATA); \
	  [ "$(IS_ROOT)" != yes ] || chown $(PG_USER) $(PGDATA); \
	  $(AS_PG) $(PG_BIN)/initdb -D $(PGDATA) -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >$(LOGDIR)/initdb.log; \
	fi
	@if ! $(AS_PG) $(PG_BIN)/pg_ctl -D $(PGDATA) status >/dev/null 2>&1; then \
	  if ! $(AS_PG) $(PG_BIN)/pg_ctl -D $(PGDATA) -l $(LOGDIR)/postgresql.log -w \
	    -o "-p $(PG_PORT) -k $(PGRUN) -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
	    start >/dev/null; then \
	    tail -n 5 $(LOGDIR)/postgresql.log >&2; \
	    echo "ERROR: PostgreSQL did not start (above). If port $(PG_PORT) is taken, choose another: PG_PORT=5440" >&2; \
	    exit 2; \
	  fi; \
	  echo "PostgreSQL started on 127.0.0.1:$(PG_PORT) (socket in build/pgrun)"; \
	fi

stop:
	@if [ -f $(PGDATA)/PG_VERSION ] && $(AS_PG) $(PG_BIN)/pg_ctl -D $(PGDATA) status >/dev/null 2>&1; then \
	  $(AS_PG) $(PG_BIN)/pg_ctl -D $(PGDATA) -m fast -w stop >/dev/null && echo "PostgreSQL stopped"; \
	else echo "PostgreSQL is not running"; fi

# ------------------------------------------------------------------------- run

# The demo database is kept between runs; it is made again only if it is
# missing or its install did not finish.
demo-db: pg config
	@state=$$($(PSQL) -d $(DEMO_DB) -tAc "select state from ir_module_module where name='$(ADDON)'" 2>/dev/null || true); \
	if [ "$$state" != installed ]; then \
	  $(AS_PG) $(PG_BIN)/dropdb -h $(PGRUN) -p $(PG_PORT) -U odoo --if-exists $(DEMO_DB); \
	  echo "Creating database $(DEMO_DB) with Chinese demo data (a few minutes)..."; \
	  start=$$(date +%s); rm -f $(LOGDIR)/demo-install.log; \
	  $(ODOO_BIN) -c $(CONF) -d $(DEMO_DB) -i $(ADDON) --load-language=zh_CN \
	    --stop-after-init --logfile=$(LOGDIR)/demo-install.log; \
	  if grep -E ' (ERROR|CRITICAL) ' $(LOGDIR)/demo-install.log; then \
	    echo "Install of the demo database failed: see build/log/demo-install.log" >&2; exit 1; fi; \
	  $(PSQL) -d $(DEMO_DB) -qc "insert into ir_config_parameter (key, value) values \
	    ('report.url', 'http://$(HTTP_HOST):$(HTTP_PORT)'), ('web.base.url', 'http://$(HTTP_HOST):$(HTTP_PORT)'), \
	    ('web.base.url.freeze', 'True') on conflict (key) do update set value = excluded.value"; \
	  echo "Database $(DEMO_DB) ready in $$(( $$(date +%s) - start )) s"; \
	fi

run: demo-db
	@if $(PYTHON) -c 'import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(("$(HTTP_HOST)", $(HTTP_PORT))) != 0)'; then \
	  echo "ERROR: port $(HTTP_PORT) on $(HTTP_HOST) is already in use (another Odoo?)." >&2; \
	  echo "  Stop that server, or choose another port: make run HTTP_PORT=8070" >&2; \
	  exit 2; \
	fi
	@echo
	@echo "  Party Points (党员积分管理) on http://$(HTTP_HOST):$(HTTP_PORT)/web/login"
	@echo "  Logins (password = login):"
	@echo "    admin            administrator, every right"
	@echo "    party_manager    党工委 (Party working committee), organisation officer"
	@echo "    party_general    党总支 (general branch)"
	@echo "    party_secretary  支部书记 (branch secretary) of 恒达集团第一党支部"
	@echo "    party_recorder   积分登记员 (recorder) of 恒达集团第一党支部"
	@echo "    party_member     党员 (member) 陈静"
	@echo "    party_hr         HR officer"
	@echo "  The addon is upgraded (-u) at each start, so the database follows the code."
	@echo "  Ctrl-C stops the server; 'make stop' stops PostgreSQL."
	@echo
	@$(ODOO_BIN) -c $(CONF) -d $(DEMO_DB) --db-filter='^$(DEMO_DB)$$' -u $(ADDON)

shell: demo-db
	@$(ODOO_BIN) shell -c $(CONF) -d $(DEMO_DB) --no-http

# ------------------------------------------------------------------------ test

lint: deps
	@echo "== lint: ruff"
	@cd $(ROOT) && $(PYTHON) -m ruff check . && $(PYTHON) -m ruff format --check .
	@echo "== lint: pylint-odoo"
	@cd $(ROOT) && $(PYTHON) -m pylint --rcfile=.pylintrc --load-plugins=pylint_odoo \
	  --score=n $$(git ls-files '*.py' | grep -v -e '^docs/' -e '^tools/')
	@echo "== lint: oca-checks-odoo-module, oca-checks-po (make po-format fixes the po)"
	@cd $(ROOT) && $(PYTHON) tools/oca_checks.py

# A log line with WARNING, ERROR or CRITICAL fails the step.
define check_log
	if grep -nE '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' $(1); then \
	  echo "FAILED: the log $(notdir $(1)) has warnings or errors (above)" >&2; exit 1; fi
endef

test-db: pg config
	@$(AS_PG) $(PG_BIN)/dropdb -h $(PGRUN) -p $(PG_PORT) -U odoo --if-exists $(TEST_DB)

test-install: test-db
	@echo "== install $(ADDON) with demo data in a fresh database $(TEST_DB)"
	@start=$$(date +%s); rm -f $(LOGDIR)/test-install.log; \
	$(ODOO_BIN) -c $(TEST_CONF) -d $(TEST_DB) -i $(ADDON) --load-language=zh_CN \
	  --stop-after-init --logfile=$(LOGDIR)/test-install.log; \
	$(call check_log,$(LOGDIR)/test-install.log); \
	echo "   installed in $$(( $$(date +%s) - start )) s"

test-upgrade: test-install
	@echo "== upgrade $(ADDON) (-u) on the same database"
	@start=$$(date +%s); rm -f $(LOGDIR)/test-upgrade.log; \
	$(ODOO_BIN) -c $(TEST_CONF) -d $(TEST_DB) -u $(ADDON) \
	  --stop-after-init --logfile=$(LOGDIR)/test-upgrade.log; \
	$(call check_log,$(LOGDIR)/test-upgrade.log); \
	echo "   upgraded in $$(( $$(date +%s) - start )) s"

test-pytest: test-upgrade
	@echo "== test suite (pytest-odoo, tests/ of $(ADDON))"
	@rm -f $(LOGDIR)/test-pytest.log; cd $(BUILD)/addons/$(ADDON) && PYTHONPATH=$(ROOT)/tools $(PYTHON) -m pytest \
	  -p no:cacheprovider -p pytest_party_points --odoo-config=$(TEST_CONF) --odoo-database=$(TEST_DB) \
	  --odoo-http --odoo-log-level=warn \
	  --log-file=$(LOGDIR)/test-pytest.log tests

# A database installed (demo data, zh_CN) from the previous version's tree
# (git archive into build/prev/), upgraded with this code: the upgrade log
# must be clean and tools/upgrade_check.py must find every row, renamed
# value and group membership again. Needs the clone's history (not shallow).
# The first commit that set the version is taken with sed, not head: merged
# branches each set it, and head would end git with SIGPIPE (pipefail).
test-upgrade-prev: pg config
	@version=$$($(PYTHON) -c "import ast; print(ast.literal_eval(open('$(ROOT)/__manifest__.py').read())['version'])"); \
	prev="$(PREV)"; \
	if [ -z "$$prev" ]; then \
	  if ! git -C $(ROOT) diff --quiet HEAD -- __manifest__.py; then prev=HEAD; \
	  else \
	    if [ "$$(git -C $(ROOT) rev-parse --is-shallow-repository)" = true ]; then \
	      echo "ERROR: a shallow clone has no previous version: git fetch --unshallow, or give PREV=<commit>" >&2; exit 2; fi; \
	    bump=$$(git -C $(ROOT) log --reverse --format=%H -S"\"version\": \"$$version\"" -- __manifest__.py | sed -n 1p); \
	    if [ -z "$$bump" ]; then echo "ERROR: no commit sets version $$version: give PREV=<commit>" >&2; exit 2; fi; \
	    prev=$$bump^; \
	  fi; \
	fi; \
	commit=$$(git -C $(ROOT) rev-parse --verify --quiet "$$prev^{commit}") || { \
	  echo "ERROR: PREV=$$prev is no commit of this clone" >&2; exit 2; }; \
	prev_version=$$(git -C $(ROOT) show $$commit:__manifest__.py | $(PYTHON) -c "import ast, sys; print(ast.literal_eval(sys.stdin.read())['version'])"); \
	echo "== upgrade from the previous version: $$prev_version at $$(git -C $(ROOT) log -1 --format='%h %s' $$commit | cut -c1-70)"; \
	echo "   to $$version (this checkout), in database $(PREV_DB)"; \
	rm -rf $(PREV_DIR); mkdir -p $(PREV_DIR)/addons/$(ADDON); \
	git -C $(ROOT) archive $$commit | tar -x -C $(PREV_DIR)/addons/$(ADDON); \
	sed 's#^addons_path = .*#addons_path = $(PREV_DIR)/addons#' $(TEST_CONF) > $(PREV_CONF); \
	$(AS_PG) $(PG_BIN)/dropdb -h $(PGRUN) -p $(PG_PORT) -U odoo --if-exists $(PREV_DB); \
	start=$$(date +%s); rm -f $(LOGDIR)/prev-install.log $(LOGDIR)/prev-upgrade.log; \
	$(ODOO_BIN) -c $(PREV_CONF) -d $(PREV_DB) -i $(ADDON) --load-language=zh_CN \
	  --stop-after-init --logfile=$(LOGDIR)/prev-install.log; \
	$(call check_log,$(LOGDIR)/prev-install.log); \
	echo "   installed $$prev_version with demo data and zh_CN in $$(( $$(date +%s) - start )) s"; \
	dsn="host=$(PGRUN) port=$(PG_PORT) user=odoo dbname=$(PREV_DB)"; \
	$(PYTHON) $(ROOT)/tools/upgrade_check.py snapshot "$$dsn" $(PREV_DIR)/before.json; \
	start=$$(date +%s); \
	$(ODOO_BIN) -c $(TEST_CONF) -d $(PREV_DB) -u $(ADDON) \
	  --stop-after-init --logfile=$(LOGDIR)/prev-upgrade.log; \
	$(call check_log,$(LOGDIR)/prev-upgrade.log); \
	echo "   upgraded to $$version (-u $(ADDON)) in $$(( $$(date +%s) - start )) s, log clean"; \
	$(PYTHON) $(ROOT)/tools/upgrade_check.py compare "$$dsn" $(PREV_DIR)/before.json; \
	echo "   the data of $$prev_version survived the upgrade"

test: lint test-upgrade-prev test-pytest

# ----------------------------------------------------------------- benchmark

# The benchmark database (issue 11, docs/BENCHMARKS.md) is generated once,
# without demo data, and kept: every measurement runs in a transaction that
# is rolled back, and the concurrency run works on a copy.
bench-db: pg config
	@members=$$($(PSQL) -d $(BENCH_DB) -tAc "select count(*) from party_member" 2>/dev/null || true); \
	if [ "$${members:-0}" = 0 ]; then \
	  $(AS_PG) $(PG_BIN)/dropdb -h $(PGRUN) -p $(PG_PORT) -U odoo --if-exists $(BENCH_DB); \
	  echo "== install $(ADDON) without demo data in $(BENCH_DB)"; \
	  $(ODOO_BIN) -c $(CONF) -d $(BENCH_DB) -i $(ADDON) --without-demo=all \
	    --stop-after-init --logfile=$(LOGDIR)/bench-install.log; \
	  $(call check_log,$(LOGDIR)/bench-install.log); \
	  echo "== generate 50,000 members and ~2,000,000 lines (a few minutes)"; \
	  $(PYTHON) $(ROOT)/tools/bench/generate.py -c $(CONF) -d $(BENCH_DB) \
	    2>>$(LOGDIR)/bench-generate.log; \
	  echo "== VACUUM ANALYZE (what autovacuum does to a table in service)"; \
	  $(PSQL) -d $(BENCH_DB) -qc "VACUUM ANALYZE"; \
	fi

bench: bench-db
	@echo "== measure ($$(nproc) cores, $$(free -g | awk '/^Mem/ {print $$2}') GiB)"
	@status=0; \
	$(PYTHON) $(ROOT)/tools/bench/measure.py -c $(CONF) -d $(BENCH_DB) \
	  2>>$(LOGDIR)/bench-measure.log || status=1; \
	echo "== concurrency"; \
	$(PYTHON) $(ROOT)/tools/bench/concurrency.py -c $(CONF) -d $(BENCH_DB) \
	  --port $(BENCH_HTTP_PORT) 2>>$(LOGDIR)/bench-concurrency.log || status=1; \
	exit $$status

# whool names the wheel after the folder it builds: build from a copy of the
# committed files in a folder named after the addon, whatever the clone's name
# (outside the clone, where git would list the clone's files instead).
# Export the terms of the addon installed in the test database and merge
# them into i18n/zh_CN.po (run make test-upgrade first); lists what is new.
i18n: config
	@$(ODOO_BIN) -c $(TEST_CONF) -d $(TEST_DB) --i18n-export=$(BUILD)/party_points.po \
	  -l zh_CN --modules=$(ADDON) --stop-after-init --logfile=$(LOGDIR)/i18n.log
	@$(PYTHON) $(ROOT)/tools/update_po.py $(BUILD)/party_points.po

# Sorted by msgid, wrapped as polib wraps, no msgstr equal to its msgid:
# what oca-checks-po's po-pretty-format expects (make lint checks it).
po-format:
	@$(PYTHON) $(ROOT)/tools/po_format.py

wheel: check-odoo
	@src=$$(mktemp -d); trap 'rm -rf "$$src"' EXIT; mkdir -p $(BUILD)/dist; \
	git -C $(ROOT) archive --prefix=$(ADDON)/ HEAD | tar -x -C "$$src"; \
	$(PYTHON) -m pip wheel --quiet --no-deps --wheel-dir $(BUILD)/dist "$$src/$(ADDON)"
	@ls $(BUILD)/dist/*.whl

clean: stop
	rm -rf $(BUILD)

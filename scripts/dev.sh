#!/usr/bin/env bash
# Everything behind `make run` and `make test`, so that a fresh Debian machine
# with only python3 needs nothing else: virtual env, pinned packages, Debian's
# chromium for the browser tests (installed with apt when running as root),
# and the database (built when missing or older than its sources).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}

as_root_or_explain() {  # $1: Debian package, $2: why
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1" >/dev/null
  else
    echo "error: $2 needs the Debian package '$1': run 'sudo apt-get install $1' and try again." >&2
    exit 1
  fi
}

ensure_venv() {  # $1: run | dev
  local req=requirements.txt stamp="$VENV/.installed-$1"
  [ "$1" = dev ] && req=requirements-dev.txt
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -c 'import ensurepip, venv' 2>/dev/null || as_root_or_explain python3-venv "The virtual environment"
    python3 -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ "$req" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
    echo "Installing $req into $VENV ..." >&2
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$req"
    touch "$stamp"
  fi
}

ensure_db() {  # version 1 from data/sources when there is none; a rebuild of the current files after code changes
  local db
  db=$("$VENV/bin/python" -c 'import settings; print(settings.db_path())')
  if [ ! -f "$db" ]; then
    "$VENV/bin/python" -m loaders build
  elif [ -n "$(find data/reference loaders store -type f -name '*.py' -newer "$db" -o -type f -path 'data/reference/*' -newer "$db" | head -n 1)" ]; then
    "$VENV/bin/python" -m loaders rebuild
  fi
}

ensure_chromium() {
  [ -x "${SUNDHED_CHROMIUM:-/usr/bin/chromium}" ] || as_root_or_explain chromium "The browser tests"
}

ensure_nginx() {  # `make serve` puts the Streamlit processes behind it; its test starts one on loopback
  [ -x "${SUNDHED_NGINX:-/usr/sbin/nginx}" ] || as_root_or_explain nginx-light "Several processes behind a proxy (make serve)"
}

ensure_libreoffice() {  # the slide test renders decks to pages; the loader tests turn Word files into PDFs; Calc opens workbooks
  command -v soffice >/dev/null 2>&1 || as_root_or_explain libreoffice-impress "The slide rendering test"
  dpkg -s libreoffice-writer >/dev/null 2>&1 || as_root_or_explain libreoffice-writer "The PDF loader tests"
  dpkg -s libreoffice-calc >/dev/null 2>&1 || as_root_or_explain libreoffice-calc "The Excel download test (Calc opens the workbook)"
  command -v pdftoppm >/dev/null 2>&1 || as_root_or_explain poppler-utils "The slide rendering test"
}

case "${1:-}" in
  run)
    ensure_venv run
    if [ ! -x "${SUNDHED_CHROMIUM:-/usr/bin/chromium}" ]; then  # PNG/SVG export of charts uses it
      if [ "$(id -u)" = 0 ]; then as_root_or_explain chromium "Image export"
      else echo "note: chart images (PNG/SVG) need Debian's chromium: sudo apt-get install chromium" >&2; fi
    fi
    ensure_db
    # Streamlit's own upload limit follows the setting (SUNDHED_MAX_UPLOAD_MB), so the two never disagree.
    exec "$VENV/bin/streamlit" run dashboard.py --server.port "${PORT:-8501}" --server.headless true \
      --server.maxUploadSize "$("$VENV/bin/python" -c 'import settings; print(int(float(settings.get("max_upload_mb"))))')"
    ;;
  serve)  # several Streamlit processes (one a core) behind nginx: deploy/serve.py
    ensure_venv run
    ensure_nginx
    ensure_db
    exec "$VENV/bin/python" -m deploy.serve --port "${PORT:-8501}" --nginx "${SUNDHED_NGINX:-/usr/sbin/nginx}" "${@:2}"
    ;;
  test)
    ensure_venv dev
    ensure_chromium
    ensure_nginx
    ensure_libreoffice
    "$VENV/bin/ruff" check .
    "$VENV/bin/mypy"
    "$VENV/bin/python" -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadfile "${@:2}"
    ;;
  build)
    ensure_venv run
    "$VENV/bin/python" -m loaders build
    ;;
  *)
    echo "usage: scripts/dev.sh run|serve|test|build" >&2
    exit 2
    ;;
esac

# The commands of the README. Each sets itself up (see scripts/dev.sh).
.PHONY: run serve test build bench
run:   ## serve the dashboard on http://localhost:8501 with the default data
	@bash scripts/dev.sh run
serve: ## the same on http://localhost:8501 as one Streamlit process a core behind nginx (deploy/serve.py)
	@bash scripts/dev.sh serve
test:  ## ruff, mypy and every test (unit, AppTest, real Chromium)
	@bash scripts/dev.sh test
build: ## (re)build the database from data/
	@bash scripts/dev.sh build

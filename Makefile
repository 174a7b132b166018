# The two commands of the README. Both set themselves up (see scripts/dev.sh).
.PHONY: run test build bench
run:   ## serve the dashboard on http://localhost:8501 with the default data
	@bash scripts/dev.sh run
test:  ## ruff, mypy and every test (unit, AppTest, real Chromium)
	@bash scripts/dev.sh test
build: ## (re)build the database from data/
	@bash scripts/dev.sh build

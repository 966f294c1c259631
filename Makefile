# Shortcuts for tasks.py, which needs only python3 (>= 3.11) and sets up .venv itself.
.PHONY: console test lint eval bench clean

console test lint eval bench:
	python3 tasks.py $@

clean:
	rm -rf .venv build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis

"""The bad-input corpus (files and cases.json) and the script that writes it (generate.py)."""

"""``python -m sodoan``: the sodoan command."""

from sodoan.cli import main

if __name__ == "__main__":
    main()

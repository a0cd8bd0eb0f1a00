"""Allow ``python -m compliance``."""

from compliance.cli.app import main

if __name__ == "__main__":
    main()

"""Allow ``python -m yinwen``."""

from yinwen.cli import main

if __name__ == "__main__":
    main()

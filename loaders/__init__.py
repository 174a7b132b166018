"""Source files → validated records. ``python -m loaders parse|build``."""

from loaders.detect import KINDS, parse_file

__all__ = ["KINDS", "parse_file"]

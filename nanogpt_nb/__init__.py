__version__ = "0.0.1"

# Lessons add methods to earlier lessons' classes with fastcore's `@patch` (03's
# `GPT.from_pretrained`). Importing those modules here makes the public API the same
# whatever the user imports first.
from . import weights as _weights  # noqa: E402,F401

"""Shared test setup: analysis errors must surface in tests, not be swallowed."""

import os

os.environ.setdefault("PYLINT_HYBRIDIZE_DEBUG", "1")

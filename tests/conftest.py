"""Shared test setup: analysis errors must surface in tests, not be swallowed; the result cache is
off (every test sees a cold run: a test about the cache turns it on, tests/test_cache.py)."""

import os

os.environ.setdefault("PYLINT_HYBRIDIZE_DEBUG", "1")
os.environ.setdefault("PYLINT_HYBRIDIZE_NO_CACHE", "1")

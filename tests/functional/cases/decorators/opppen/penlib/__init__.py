"""Re-exports its helpers (LynnHo's tf2gan): a caller's ``gan.gradient_penalty`` means penlib.loss's def."""
from penlib.loss import checked_penalty, gradient_penalty  # noqa: F401

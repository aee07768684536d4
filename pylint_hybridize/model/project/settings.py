"""The user's options that change the model (pylint's and flake8's options map here)."""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass, field


class Policy(enum.Enum):
    """What a hybrid's parameter is when no call site (nor signature, nor hint) says."""

    SILENT = "silent"  # unknown: no message rests on it
    ASSUME_TENSOR = "assume-tensor"  # TF's guidance ("pass tensors"), reported at low confidence


@dataclass(frozen=True)
class Settings:
    """User options that change the model (pylint and flake8 options map here)."""

    extra_wrappers: tuple[str, ...] = ()
    cross_module: bool = True
    """Also find helpers of this module traced by hybrids of other modules of its package."""
    parameter_policy: Policy = field(default_factory=lambda: _policy_from_environment())
    """What a hybrid's parameter is when no call site, signature or hint says (see docs/precision.md);
    ``PYLINT_HYBRIDIZE_PARAMETER_POLICY=assume-tensor`` switches it, to measure the other policy."""
    keras: str = "auto"
    """``--hybridize-keras``: ``3``, ``2`` (tf_keras / TF < 2.16), or ``auto`` (the project's evidence,
    ``project.keras.keras_in_use``)."""

    def __hash__(self) -> int:
        # part of every model cache key: hashed once, not on every question (the fields never change)
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash((self.extra_wrappers, self.cross_module, self.parameter_policy, self.keras))
            object.__setattr__(self, "_hash", cached)
        return cached


def _policy_from_environment() -> Policy:
    try:
        return Policy(os.environ.get("PYLINT_HYBRIDIZE_PARAMETER_POLICY", Policy.SILENT.value))
    except ValueError:
        return Policy.SILENT

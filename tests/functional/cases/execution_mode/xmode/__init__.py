"""A package whose hybrids call eager-only helpers of a sibling module."""

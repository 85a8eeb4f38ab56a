"""Optional dependencies, imported only when used, with a message that says how to install them."""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from ntm_criteria.errors import MissingExtraError


def optional_import(module: str, extra: str, purpose: str) -> ModuleType:
    """Import an optional dependency, or explain which extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"{purpose} needs the optional package {module.split('.')[0]!r}: "
            f'python -m pip install "ntm-criteria[{extra}]" (from a checkout of the project: '
            f'python -m pip install ".[{extra}]")'
        ) from None


def installed(module: str) -> bool:
    """Whether an optional dependency can be imported, without importing it."""
    return importlib.util.find_spec(module) is not None

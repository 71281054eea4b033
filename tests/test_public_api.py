"""Every module's ``__all__`` names things that exist: the public surface is explicit."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import detente

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(detente.__path__, "detente.")
    if not m.name.startswith("detente.scale")  # needs the [dask] extra; tested in tests/scale
)


@pytest.mark.parametrize("name", MODULES)
def test_module_all_names_exist(name: str) -> None:
    module = importlib.import_module(name)
    for attr in getattr(module, "__all__", ()):
        assert hasattr(module, attr), f"{name}.__all__ lists missing {attr!r}"


def test_top_level_api() -> None:
    assert set(detente.__all__) == {"SCHEMA", "Actor", "Article", "Record", "__version__"}
    assert detente.SCHEMA == "detente.article/1"

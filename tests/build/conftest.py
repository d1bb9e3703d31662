"""Fixtures of the build tier that work on a throw-away copy of the real project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

# Never part of a source checkout, or machine-made; copying them would be slow or misleading.
NOT_SOURCES = (
    ".git", ".venv", "site", "screenshots", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache",
    "node_modules", "*.egg-info",
)  # fmt: skip


@pytest.fixture
def project_copy(repo_root: Path, tmp_path: Path) -> Path:
    """A copy of the project (sources only) in tmp_path, free to edit: the real tree is never touched."""
    dest = tmp_path / "project"
    shutil.copytree(repo_root, dest, ignore=shutil.ignore_patterns(*NOT_SOURCES), symlinks=True)
    return dest

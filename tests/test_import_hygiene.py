"""The model, store and services layers never import Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "okrtui.model",
        "okrtui.store",
        "okrtui.services",
        "okrtui.cli.main",
        "okrtui.i18n",
        # the data commands start fast and run in scripts and cron jobs
        "okrtui.cli.export_command",
        "okrtui.cli.schema_command",
        "okrtui.cli.checkin_command",
        "okrtui.cli.import_command",
        "okrtui.cli.list_command",
        "okrtui.cli.serve_command",
    ],
)
def test_core_layers_do_not_import_textual(module: str) -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module({module!r})\n"
        "for info in pkgutil.walk_packages(getattr(pkg, '__path__', []), pkg.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad[:5]\n"
        "print('clean')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "clean" in result.stdout


def test_hygiene_check_would_catch_textual() -> None:
    """Guard against a test that cannot fail: the same probe flags a Textual import."""
    code = "import sys, okrtui.tui.app\nassert any(m.startswith('textual') for m in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

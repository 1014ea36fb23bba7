"""`okrtui demo` removes its temporary copy however it ends: quit, SIGHUP (a terminal closed
over SSH) or SIGTERM. A real process in a pseudo-terminal, a real signal."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.e2e.terminal import OKRTUI, Terminal

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not OKRTUI.exists(), reason="okrtui is not installed in this venv"),
]


def _demo(tmp_path: Path) -> tuple[Terminal, Path]:
    temp = tmp_path / "tmp"
    temp.mkdir()
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Demo\n\temail = demo@example.com\n", "utf-8")
    env = {
        "TMPDIR": str(temp),  # where tempfile puts the demo's copy: this test's own folder
        "HOME": str(tmp_path),
        "GIT_CONFIG_GLOBAL": str(config),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    terminal = Terminal([str(OKRTUI), "demo"], env=env)
    terminal.wait_for("Objectives")
    terminal.wait_for("^s Save")  # the app is up and answers keys
    (copy,) = temp.glob("okrtui-demo-*")
    assert (copy / "workspace" / "okrtui.toml").is_file()
    return terminal, temp


@pytest.mark.parametrize("stop", [signal.SIGHUP, signal.SIGTERM])
def test_demo_copy_is_removed_on_a_stop_signal(tmp_path: Path, stop: signal.Signals) -> None:
    terminal, temp = _demo(tmp_path)
    try:
        terminal.process.send_signal(stop)
        code = terminal.wait_exit(timeout=30)
        assert code != 0  # stopped, not a clean quit
        assert list(temp.glob("okrtui-demo-*")) == []
    finally:
        terminal.close()


def test_demo_copy_is_removed_on_quit(tmp_path: Path) -> None:
    terminal, temp = _demo(tmp_path)
    try:
        terminal.send("q")
        assert terminal.wait_exit(timeout=30) == 0
        assert list(temp.glob("okrtui-demo-*")) == []
    finally:
        terminal.close()

"""`okrtui serve`: a real server on a free loopback port, its page over HTTP, an app per tab."""

from __future__ import annotations

import asyncio
import json
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from okrtui.cli.main import main
from okrtui.cli.serve_command import app_command, is_loopback


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _page(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                assert response.status == 200
                return str(response.read().decode("utf-8"))
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


async def _first_screen(url: str, text: bytes) -> bytes:
    """What the app started for one browser tab draws, until `text` shows."""
    received = b""
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as websocket:
        await websocket.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        while text not in received:
            message = await asyncio.wait_for(websocket.receive(), 60)
            if message.type is aiohttp.WSMsgType.BINARY:
                received += message.data
            elif message.type is aiohttp.WSMsgType.TEXT:
                received += message.data.encode()
            else:
                break
    return received


def test_serve_answers_on_loopback_and_starts_the_app_on_the_workspace(
    sample_workspace: Path,
) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "okrtui", "serve", str(sample_workspace), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        page = _page(f"http://127.0.0.1:{port}/", time.monotonic() + 60)
        assert f"ws://127.0.0.1:{port}/ws" in page
        assert "okrtui" in page
        url = f"http://127.0.0.1:{port}/ws?width=100&height=30"

        async def two_tabs() -> list[bytes]:
            return list(
                await asyncio.gather(
                    _first_screen(url, b"Marketing OKRs"), _first_screen(url, b"Marketing OKRs")
                )
            )

        # two tabs at once, each drawn by its own app on the sample workspace (its name)
        assert all(b"Marketing OKRs" in screen for screen in asyncio.run(two_tabs()))
    finally:
        server.send_signal(signal.SIGINT)
        try:
            _out, err = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            _out, err = server.communicate()
    assert b"no login" not in err  # loopback: no warning
    assert b"Traceback" not in err


def test_binding_elsewhere_warns_naming_the_risk(
    sample_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 192.0.2.1 (TEST-NET-1) is never this machine's: the bind fails, after the warning
    assert main(["serve", str(sample_workspace), "--host", "192.0.2.1", "--port", "8765"]) == 1
    err = capsys.readouterr().err
    assert "no login" in err and "192.0.2.1:8765" in err and "SSH" in err
    assert err.strip().splitlines()[-1].startswith("okrtui: 192.0.2.1:8765:")


def test_loopback_addresses() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.5", "example.com"))


def test_the_served_command_is_okrtui_on_the_workspace(tmp_path: Path) -> None:
    folder = tmp_path / "my okrs; rm -rf ~"
    assert shlex.split(app_command(folder)) == [sys.executable, "-m", "okrtui", str(folder)]


def test_serve_refuses_a_folder_that_is_not_a_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(tmp_path)]) == 1
    assert "not an okrtui workspace" in capsys.readouterr().err

"""Which language and which bidi mode okrtui picks, from the command line and the environment."""

from __future__ import annotations

import pytest

from okrtui.i18n import bidi_mode as bm
from okrtui.i18n import choose_language, request_language, workspace_locale
from okrtui.model import WorkspaceSettings


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"VTE_VERSION": "7600"}, "terminal"),  # GNOME Terminal, Tilix ...
        ({"VTE_VERSION": "5202"}, "app"),  # VTE before it learned bidi
        ({"KONSOLE_VERSION": "230804"}, "terminal"),
        ({"TERM": "mlterm"}, "terminal"),
        ({"TERM_PROGRAM": "Apple_Terminal"}, "terminal"),
        ({"TERM_PROGRAM": "vscode"}, "app"),
        ({"TERM_PROGRAM": "WezTerm"}, "app"),
        ({"WT_SESSION": "x"}, "app"),
        ({"KITTY_WINDOW_ID": "1"}, "app"),
        ({"TERM": "xterm-256color"}, "app"),
        ({"TMUX": "/tmp/tmux", "VTE_VERSION": "7600"}, "app"),  # tmux draws cell by cell
        ({}, "app"),
    ],
)
def test_auto_detects_terminals_that_do_bidi_themselves(env: dict[str, str], expected: str) -> None:
    assert bm.detect(env)[0] == expected


def test_bidi_flag_beats_the_environment_variable_which_beats_auto(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VTE_VERSION", "7600")
    bm.reset()
    assert bm.bidi_choice() == ("terminal", "auto", "VTE 7600")
    monkeypatch.setenv("OKRTUI_BIDI", "app")
    bm.reset()
    assert bm.bidi_choice()[:2] == ("app", "OKRTUI_BIDI")
    bm.request_bidi("terminal")
    assert bm.bidi_choice()[:2] == ("terminal", "--bidi")
    bm.request_bidi("auto")
    assert bm.bidi_choice()[:2] == ("app", "OKRTUI_BIDI")


def test_language_from_flag_then_workspace_then_environment() -> None:
    env = {"LANG": "fa_IR.UTF-8"}
    assert choose_language(None, env) == "fa"
    assert choose_language(None, {"LC_ALL": "en_US.UTF-8", "LANG": "fa_IR.UTF-8"}) == "en"
    assert choose_language(None, {"LANG": "C.UTF-8"}) == "en"
    assert choose_language(None, {}) == "en"
    assert choose_language("en", env) == "en"  # the workspace says so
    request_language("fa")
    assert choose_language("en", {}) == "fa"  # --lang beats everything


def test_only_a_locale_written_in_okrtui_toml_counts() -> None:
    assert workspace_locale(WorkspaceSettings()) is None
    assert workspace_locale(WorkspaceSettings.model_validate({"locale": "en"})) == "en"
    assert workspace_locale(WorkspaceSettings.model_validate({"locale": "fa"})) == "fa"

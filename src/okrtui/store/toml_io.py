"""Reading and writing TOML: fast parsing, canonical output, atomic writes."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import rtoml
import tomli_w

_RTOML_POS = re.compile(r"at line (\d+) column (\d+)")
_TOMLLIB_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


class TomlSyntaxError(ValueError):
    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def parse_toml(text: str) -> dict[str, Any]:
    """Parse TOML with rtoml (fast); on failure re-parse with tomllib for a clear message."""
    try:
        data: dict[str, Any] = rtoml.loads(text)
    except rtoml.TomlParsingError as exc:
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as strict:
            msg = str(strict)
            m = _TOMLLIB_POS.search(msg)
            line, col = (int(m[1]), int(m[2])) if m else (None, None)
            raise TomlSyntaxError(_TOMLLIB_POS.sub("", msg).strip(), line, col) from exc
        first = str(exc).strip().splitlines()[-1] if str(exc).strip() else "invalid TOML"
        m = _RTOML_POS.search(first)
        line, col = (int(m[1]), int(m[2])) if m else (None, None)
        raise TomlSyntaxError(_RTOML_POS.sub("", first).strip(), line, col) from exc
    return data


def _canonical(value: Any) -> Any:
    """Turn model data into TOML-ready data with no noise.

    None, empty strings, lists and tables are dropped; whole floats become
    integers (12000, not 12000.0); enums become their plain value.
    """
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            clean = _canonical(item)
            if clean is None or clean == "" or clean == [] or clean == {}:
                continue
            out[str(key)] = clean
        return out
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
        return value
    if isinstance(value, dt.datetime | dt.date | int | str):
        return value
    return value


def dumps_canonical(data: Mapping[str, Any]) -> str:
    """Canonical TOML text for `data`: same data, same bytes."""
    text = tomli_w.dumps(_canonical(data), multiline_strings=True)
    return text


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old or the new file, never half.

    A temporary file in the same folder is written, flushed and fsynced, then
    renamed over the target; the folder is fsynced so the rename survives a
    power cut.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

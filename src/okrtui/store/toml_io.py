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

from okrtui.i18n import _

_RTOML_POS = re.compile(r"at line (\d+) column (\d+)")
_TOMLLIB_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


MAX_FILE_BYTES = 1024 * 1024
"""Files larger than this (1 MiB) are refused unread: an objective with years of weekly
check-ins is a few dozen KiB, and a bigger file would stall the screen or fill memory."""

_KEY_AT_LINE = re.compile(r"\s*\[*\s*([A-Za-z0-9_.\"' -]+?)\s*(?:=|\])")


def key_at_line(text: str, line: int | None) -> str | None:
    """The key (or table header) that line `line` of `text` starts with, for messages."""
    if line is None:
        return None
    rows = text.split("\n", line)
    if len(rows) < line:
        return None
    m = _KEY_AT_LINE.match(rows[line - 1])
    return m[1].replace('"', "").replace("'", "") if m else None


class TomlSyntaxError(ValueError):
    """Text that is not valid TOML; `line` and `column` are 1-based, `key` that line's key."""

    def __init__(
        self, message: str, line: int | None, column: int | None, key: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.key = key


def read_limited(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path`; `TomlSyntaxError` (no line) when it holds more than `limit`."""
    # sized by the file: a read of `limit` bytes would ask for a MiB of memory per file
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        raw = os.read(fd, min(os.fstat(fd).st_size, limit) + 1)
        while len(raw) <= limit:  # a short read, or a file that grew meanwhile
            more = os.read(fd, limit + 1 - len(raw))
            if not more:
                break
            raw += more
    finally:
        os.close(fd)
    if len(raw) > limit:
        message = _("the file is larger than {limit} KiB; okrtui does not read it").format(
            limit=limit // 1024
        )
        raise TomlSyntaxError(message, None, None)
    return raw


def decode_text(raw: bytes) -> str:
    """UTF-8 text from file bytes (a UTF-8 byte order mark is dropped).

    Raises `TomlSyntaxError` naming the line, column and key of the first
    byte that is not UTF-8, or saying the file is UTF-16/UTF-32 (TOML is UTF-8).
    """
    for bom, name in (
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
    ):
        if raw.startswith(bom):
            message = _(
                "the file is {name} text (it starts with a {name} byte order mark); "
                "save it as UTF-8"
            ).format(name=name)
            raise TomlSyntaxError(message, 1, 1)
    try:
        return raw.decode("utf-8-sig")  # a BOM some editors add is not content
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        text = raw.decode("utf-8", errors="replace")
        message = _("not UTF-8 text: byte 0x{byte:02x} ({reason})").format(
            byte=raw[exc.start], reason=exc.reason
        )
        raise TomlSyntaxError(message, line, column, key_at_line(text, line)) from None


def parse_toml(text: str) -> dict[str, Any]:
    """Parse TOML with rtoml (fast). Raises `TomlSyntaxError` with a line and column.

    rtoml names the problem and its place precisely ("invalid date, expected
    month between 01 and 12"); tomllib is asked only when rtoml gives no place.
    """
    try:
        data: dict[str, Any] = rtoml.loads(text)
    except rtoml.TomlParsingError as exc:
        rows = str(exc).strip().splitlines() or ["invalid TOML"]
        for row in rows:
            m = _RTOML_POS.search(row)
            if m:
                message = _RTOML_POS.sub("", row).strip()
                at = int(m[1])
                raise TomlSyntaxError(message, at, int(m[2]), key_at_line(text, at)) from exc
        try:
            # Valid TOML that rtoml cannot hand over (a table nested thousands
            # deep passes its recursion limit) is read by the standard parser.
            strict_data: dict[str, Any] = tomllib.loads(text)
            return strict_data
        except RecursionError:
            raise TomlSyntaxError(_("tables or arrays nested too deep"), None, None) from exc
        except tomllib.TOMLDecodeError as strict:
            msg = str(strict)
            m = _TOMLLIB_POS.search(msg)
            line, col = (int(m[1]), int(m[2])) if m else (None, None)
            message = _TOMLLIB_POS.sub("", msg).strip()
            raise TomlSyntaxError(message, line, col, key_at_line(text, line)) from exc
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
        return _canonical(value.value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


# Layout follows the shape of the data, never the length of its text, so that
# changing one value changes one line:
# - a table is a `[section]`;
# - a list of tables that hold tables or lists (key results) is a `[[section]]`
#   per item;
# - a list of flat tables (check-ins, milestones, cycles) is an array with one
#   inline table a line, however long the line;
# - any other list is an array with one value a line.
_INDENT = "    "
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_UNSAFE = re.compile(r'[\x00-\x1f"\\\x7f]')  # control characters, quote, backslash
_UNSAFE_IN_MULTILINE = re.compile(r'[\x00-\x09\x0b-\x1f"\\\x7f]')  # the same but newline


def dumps_canonical(data: Mapping[str, Any]) -> str:
    """Canonical TOML text for `data`: same data, same bytes.

    Raises `TypeError` for a value TOML cannot hold.
    """
    lines: list[str] = []
    _write_table(lines, _canonical(data), (), in_array=False)
    return "".join(f"{line}\n" for line in lines)


def _is_section(value: Any) -> bool:
    return isinstance(value, Mapping)


def _is_section_array(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, Mapping) for item in value)
        and any(isinstance(v, Mapping | list) for item in value for v in item.values())
    )


def _write_table(
    lines: list[str], table: Mapping[str, Any], name: tuple[str, ...], *, in_array: bool
) -> None:
    values = [(k, v) for k, v in table.items() if not _is_section(v) and not _is_section_array(v)]
    sections = [(k, v) for k, v in table.items() if _is_section(v) or _is_section_array(v)]
    header = ".".join(_key(part) for part in name)
    if in_array or (name and (values or not sections)):
        if lines:
            lines.append("")
        lines.append(f"[[{header}]]" if in_array else f"[{header}]")
    for key, value in values:
        lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in sections:
        if _is_section(value):
            _write_table(lines, value, (*name, key), in_array=False)
        else:
            for item in value:
                _write_table(lines, item, (*name, key), in_array=True)


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key, multiline=False)


def _value(value: Any) -> str:
    """A value on its own `key = value` line."""
    if isinstance(value, str):
        return _string(value, multiline="\n" in value)
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + "".join(f"{_INDENT}{_inline(item)},\n" for item in value) + "]"
    return _inline(value)


def _inline(value: Any) -> str:
    """A value that must stay on one line: inside an array or an inline table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # shortest text that reads back as the same float
    if isinstance(value, str):
        return _string(value, multiline=False)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        pairs = ", ".join(f"{_key(str(k))} = {_inline(v)}" for k, v in value.items())
        return "{ " + pairs + " }"
    raise TypeError(f"a {type(value).__name__} cannot be written as TOML")


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _string(text: str, *, multiline: bool) -> str:
    if multiline:
        return '"""\n' + _UNSAFE_IN_MULTILINE.sub(_escape, text) + '"""'
    return '"' + _UNSAFE.sub(_escape, text) + '"'


def atomic_write(path: Path, text: str, *, durable: bool = True) -> None:
    """Write `text` to `path` so that readers see the old or the new file, never half.

    A temporary file in the same folder is written, flushed and fsynced, then
    renamed over the target; the folder is fsynced so the rename survives a
    power cut. `durable=False` (caches, which are checked when read and may be
    lost) leaves out both fsyncs: tens of milliseconds.
    """
    data = text.encode("utf-8")  # fails here, before any file is touched
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                tmp.chmod(path.stat().st_mode & 0o777)
        else:
            tmp.chmod(0o644)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    if durable:
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

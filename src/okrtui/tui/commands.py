"""The app's own commands in the command palette, named "area: action"."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from okrtui.i18n import _
from okrtui.tui.export_actions import export_commands

if TYPE_CHECKING:
    from okrtui.tui.app import OkrApp

Command = tuple[str, str, Callable[[], object]]


class OkrCommands(Provider):
    """Commands offered only when they apply to what is selected now."""

    @property
    def okr_app(self) -> OkrApp:
        return cast("OkrApp", self.app)

    def commands(self) -> list[Command]:
        app = self.okr_app
        objective, kr = app.selected()
        found: list[Command] = [
            (
                _("objective: new"),
                _("Create an objective in the selected cycle"),
                app.action_new_objective,
            ),
            (_("workspace: save"), _("Write every changed objective to disk"), app.action_save),
            (_("tree: expand all"), _("Open every cycle and objective"), app.action_expand_all),
            (_("help: keys"), _("Show every key binding"), app.action_help),
        ]
        if objective is not None:
            found.insert(
                1,
                (
                    _("key result: add"),
                    _("Add a key result to the selected objective"),
                    app.action_add_key_result,
                ),
            )
            what = _("key result: delete") if kr is not None else _("objective: delete")
            found.append((what, _("Delete what is selected (asks first)"), app.action_delete))
        if app.store.errors:
            found.append(
                (
                    _("workspace: show problems"),
                    _("List the files that did not load"),
                    app.action_show_problems,
                )
            )
        found += (
            app.okr_commands()
            + app.coach_commands()
            + app.disk_sync_commands()
            + app.git_commands()
            + export_commands(app)
            + app.undo_commands()
            + app.find_commands()
            + app.comfort_commands()
        )
        return found

    async def discover(self) -> Hits:
        for name, help_text, callback in self.commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)

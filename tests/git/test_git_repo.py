"""GitRepo against real repositories: state, commits, history, errors."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from okrtui.model import CheckIn
from okrtui.store.git import GitError, GitRepo
from tests.git.conftest import (
    Team,
    edit_objective,
    git,
    make_objective,
    objective_path,
    write_objective,
)


def test_outside_a_repository(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    assert not repo.is_repo()
    with pytest.raises(GitError, match="not a git repository"):
        repo.changed_files()


def test_status_branch_and_changed_objectives(repo_workspace: Path) -> None:
    repo = GitRepo(repo_workspace / "objectives")  # any folder inside the repository
    assert repo.is_repo()
    assert repo.top == repo_workspace.resolve()
    assert repo.branch() == "main"
    assert repo.upstream() is None
    assert repo.ahead_behind() is None
    assert repo.user_name() == "Sara"
    assert repo.changed_files() == []

    path = objective_path(repo_workspace)
    edit_objective(path, lambda o: setattr(o, "owner", "Mina"))
    new = make_objective()
    new.id = "email-ctr"
    added = write_objective(repo_workspace, new)
    (repo_workspace / "README.md").write_text("not part of the workspace")
    changes = {c.path: c for c in repo.changed_files()}
    assert changes[path.resolve()].status == " M"
    assert changes[added.resolve()].untracked
    assert {c.path for c in repo.changed_objectives(repo_workspace)} == {
        path.resolve(),
        added.resolve(),
    }

    git(repo_workspace, "checkout", "-q", "--detach")
    assert repo.branch() is None


def test_commit_exactly_the_given_paths(repo_workspace: Path) -> None:
    repo = GitRepo(repo_workspace)
    path = objective_path(repo_workspace)
    edit_objective(path, lambda o: setattr(o, "owner", "Mina"))
    settings = repo_workspace / "okrtui.toml"
    settings.write_text(settings.read_text() + "# later\n")
    before = repo.head()
    sha = repo.commit([path], "okr: edit objective education-leader: owner")
    assert sha != before and sha == repo.head()
    assert git(repo_workspace, "log", "-1", "--format=%s%n%an") == (
        "okr: edit objective education-leader: owner\nSara\n"
    )
    assert [c.path for c in repo.changed_files()] == [settings.resolve()]  # left alone

    path.unlink()  # a deletion is committed too
    repo.commit([path], "okr: remove objective")
    assert "education-leader" not in git(repo_workspace, "ls-files")


def test_commit_needs_an_identity(repo_workspace: Path) -> None:
    git(repo_workspace, "config", "--unset", "user.name")
    git(repo_workspace, "config", "--unset", "user.email")
    path = objective_path(repo_workspace)
    edit_objective(path, lambda o: setattr(o, "owner", "Mina"))
    with pytest.raises(GitError) as error:
        GitRepo(repo_workspace).commit([path], "x")
    message = str(error.value)
    assert message.startswith("commit failed: tell git who you are")
    assert "\n" not in message


def test_log_show_and_tags(repo_workspace: Path) -> None:
    repo = GitRepo(repo_workspace)
    path = objective_path(repo_workspace)
    first = repo.head()
    assert first is not None
    git(repo_workspace, "tag", "-a", "review-nov", "-m", "monthly review")
    edit_objective(path, lambda o: setattr(o, "owner", "Mina"))
    second = repo.commit([path], "okr: owner")
    git(repo_workspace, "tag", "light")

    log = repo.log_file(path)
    assert [c.sha for c in log] == [second, first]
    assert log[1].subject == "start" and log[1].author == "Sara"
    assert log[1].date == dt.datetime(2026, 11, 1, 10, tzinfo=dt.UTC)
    assert log[0].path == path.resolve()
    assert b'owner = "Sara"' in repo.show(first, path)
    assert b'owner = "Mina"' in repo.show("HEAD", path)
    with pytest.raises(GitError, match="does not exist at"):
        repo.show(first, repo_workspace / "objectives" / "nope.toml")
    assert {t.name: t.commit for t in repo.tags()} == {"review-nov": first, "light": second}


def test_log_follows_a_move_to_another_cycle(repo_workspace: Path) -> None:
    repo = GitRepo(repo_workspace)
    old = objective_path(repo_workspace)
    new = repo_workspace / "objectives" / "2027-Q1" / old.name
    new.parent.mkdir()
    git(repo_workspace, "mv", str(old), str(new))
    repo.commit([old, new], "move")
    log = repo.log_file(new)
    assert [c.path for c in log] == [new.resolve(), old.resolve()]
    assert repo.show(log[1].sha, old) == repo.show("HEAD", new)


def test_ahead_behind_push_and_pull(team: Team) -> None:
    alice, bob = GitRepo(team.alice), GitRepo(team.bob)
    assert alice.ahead_behind() == (0, 0)
    path = objective_path(team.workspace(team.alice))
    edit_objective(
        path,
        lambda o: o.key_results[0].checkins.append(
            CheckIn(date=dt.date(2026, 11, 30), value=50000)
        ),
    )
    alice.commit([path], "okr: check-in organic traffic 50,000")
    assert alice.ahead_behind() == (1, 0)
    alice.push()
    assert alice.ahead_behind() == (0, 0)
    bob.fetch()
    assert bob.ahead_behind() == (0, 1)
    bob.pull()
    assert bob.ahead_behind() == (0, 0)
    assert "50000" in objective_path(team.workspace(team.bob)).read_text()


def test_push_and_pull_without_upstream_say_what_to_do(repo_workspace: Path) -> None:
    repo = GitRepo(repo_workspace)
    with pytest.raises(
        GitError, match=r"^push failed: no upstream branch; run git push -u origin main$"
    ):
        repo.push()
    with pytest.raises(GitError, match=r"^pull failed: no upstream branch"):
        repo.pull()


def test_push_rejected_when_behind(team: Team) -> None:
    for clone, owner in ((team.alice, "Alice"), (team.bob, "Bob")):
        path = objective_path(team.workspace(clone))
        edit_objective(path, lambda o, owner=owner: setattr(o, "owner", owner))  # type: ignore[misc]
        GitRepo(clone).commit([path], f"owner {owner}")
    GitRepo(team.alice).push()
    with pytest.raises(GitError, match=r"^push failed: the remote has commits you do not have"):
        GitRepo(team.bob).push()


def _remote_running(tmp_path: Path, repo: Path, script: str) -> None:
    helper = tmp_path / "remote.sh"
    helper.write_text(f"#!/bin/sh\n{script}\n")
    helper.chmod(0o755)
    git(repo, "config", "protocol.ext.allow", "always")
    git(repo, "remote", "add", "origin", f"ext::{helper}")
    git(repo, "config", "branch.main.remote", "origin")
    git(repo, "config", "branch.main.merge", "refs/heads/main")


def test_authentication_failure_is_one_clear_line(tmp_path: Path, repo_workspace: Path) -> None:
    _remote_running(
        tmp_path, repo_workspace, 'echo "fatal: Authentication failed for https://x" >&2; exit 128'
    )
    with pytest.raises(GitError) as error:
        GitRepo(repo_workspace).fetch()
    assert str(error.value) == (
        "fetch failed: authentication required (set up an SSH key or a credential helper)"
    )


def test_a_hanging_remote_times_out(tmp_path: Path, repo_workspace: Path) -> None:
    _remote_running(tmp_path, repo_workspace, "sleep 30")
    repo = GitRepo(repo_workspace, network_timeout=1.0)
    started = time.monotonic()
    with pytest.raises(GitError, match=r"^pull timed out after 1 s$"):
        repo.pull()
    assert time.monotonic() - started < 20  # the remote's sleep was killed, not waited for


def test_an_ssh_password_prompt_cannot_reach_the_terminal(
    tmp_path: Path, repo_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Git runs without a controlling terminal: an ssh that would ask for a password on
    /dev/tty cannot open it and fails at once instead of waiting for an answer."""
    ssh = tmp_path / "ssh.sh"
    ssh.write_text(
        "#!/bin/sh\n"
        "if (exec 3</dev/tty) 2>/dev/null; then sleep 30; fi\n"  # "waiting for a password"
        'echo "git@example.invalid: Permission denied (publickey)." >&2\n'
        "exit 255\n"
    )
    ssh.chmod(0o755)
    monkeypatch.setenv("GIT_SSH_COMMAND", str(ssh))
    git(repo_workspace, "remote", "add", "origin", "ssh://git@example.invalid/okr.git")
    with pytest.raises(GitError) as error:
        GitRepo(repo_workspace, network_timeout=10).fetch()
    assert str(error.value) == (
        "fetch failed: authentication required (set up an SSH key or a credential helper)"
    )

"""The README documents every command, option and setting (datasette's habit): this fails when not."""

from __future__ import annotations

import argparse
from pathlib import Path

from mapapp import settings
from mapapp.cli import build_parser

REPO = Path(__file__).resolve().parent.parent

README = (REPO / "README.md").read_text(encoding="utf-8")


def _walk(parser: argparse.ArgumentParser, prefix: str):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _walk(sub, f"{prefix} {name}")
        elif action.option_strings and "--help" not in action.option_strings:
            yield prefix, max(action.option_strings, key=len)
    yield prefix, None


def test_every_command_and_option_is_in_the_readme():
    missing = []
    for command, option in _walk(build_parser(), "mapapp"):
        if command not in README:
            missing.append(command)
        if option and option not in README:
            missing.append(f"{command} {option}")
    assert not missing, "undocumented in README.md: " + ", ".join(sorted(set(missing)))


def test_every_setting_is_in_the_readme():
    missing = [s.name for s in settings.SETTINGS if f"`{s.name}`" not in README or s.env not in README]
    assert not missing, "settings missing from README.md: " + ", ".join(missing)


def test_settings_command_lists_every_setting(capsys):
    from mapapp.cli import main

    assert main(["settings"]) == 0
    out = capsys.readouterr().out
    for s in settings.SETTINGS:
        assert s.env in out

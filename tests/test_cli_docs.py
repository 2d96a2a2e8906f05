"""The command-line reference a user reads lists every command and option the CLI accepts."""

from __future__ import annotations

from pathlib import Path

import click

from detector.cli import main

ROOT = Path(__file__).resolve().parents[1]
GEO_OPTIONS = {"--geoip-country", "--geoip-asn", "--geoip-anonymous"}  # "[GEO OPTIONS]" in the usage


def _commands(group: click.Group, prefix: str = "detector"):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}", command


def test_every_command_and_option_is_documented():
    reference = (ROOT / "docs" / "CLI_EXTENSIONS.md").read_text()
    usage = reference.split("```")[1]
    missing = []
    for path, command in _commands(main):
        leaf = path.split()[-1]
        if not any(line.split()[:len(path.split())] == path.split() or f"| {leaf} " in line
                   for line in usage.splitlines()):
            missing.append(path)
        for param in command.params:
            if isinstance(param, click.Option) and not set(param.opts) & GEO_OPTIONS:
                if not any(f"{opt} " in usage or f"{opt}]" in usage for opt in param.opts):
                    missing.append(f"{path} {param.opts[-1]}")
    assert not missing, f"add to docs/CLI_EXTENSIONS.md: {missing}"


def test_the_contract_invocations_are_still_accepted():
    """CLI.md's four invocations and their options exist unchanged (the contract users script against)."""
    wanted = {"score": ["--output", "--model", "--rejects"], "train": ["--output"],
              "evaluate": ["--model"], "synth": ["-n", "--output", "--seed"]}
    for name, options in wanted.items():
        command = main.commands[name]
        given = {opt for p in command.params for opt in p.opts}
        assert set(options) <= given, name
        assert GEO_OPTIONS <= given or name == "synth", name

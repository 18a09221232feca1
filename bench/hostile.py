"""Hostile inputs a careless organiser (or an attacker) may feed the loaders, shared by the
bad-input bench (`bench/zoo.py`) and the fuzzed loader tests (`tests/test_fuzz_loaders.py`).
All fictional."""

from __future__ import annotations


def deep_json(depth: int = 200_000) -> bytes:
    """A pretalx-shaped file whose conference is `depth` nested lists."""
    return b'{"schedule": {"conference": ' + b"[" * depth + b"]" * depth + b"}}"


def entity_bomb_xml() -> bytes:
    """"Billion laughs": nine levels of entities, each ten of the one before."""
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10)]
    return f'<?xml version="1.0"?>\n<!DOCTYPE schedule [\n{"".join(entities)}\n]>\n<schedule>&lol9;</schedule>'.encode()


def alias_bomb_yaml() -> bytes:
    """The YAML form of the same: nine levels of aliases, each nine of the one before."""
    lines = ["congress: {name: Bombe fictive}", 'sessions: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines).encode()

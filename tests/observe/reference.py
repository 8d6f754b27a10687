"""A plain, slow reference computation of DESIGN §7's figures, written from the definitions
alone (row objects, one person at a time, networkx for routes), to compare the fast
``ladders.observe`` against."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

import networkx as nx

from ladders import Ladder


@dataclass
class Spell:
    role: str | None  # None: not a role of the ladder
    value: str
    start: date
    end: date | None  # None: still held at ``until``
    stint: int
    previous: Spell | None  # the spell before, in the same stint


def resolve(ladder: Ladder, value: str) -> str | None:
    if value in ladder.roles:
        return value
    matches = [r for r, role in ladder.roles.items() if role.title.casefold() == value.casefold()]
    return matches[0] if len(matches) == 1 else None


def spells_of(
    ladder: Ladder, rows: Sequence[tuple[str, str, str, str]], until: date
) -> dict[str, list[Spell]]:
    indexed = [
        (i, p, date.fromisoformat(d), r.strip(), e.strip().lower())
        for i, (p, d, r, e) in enumerate(rows)
    ]
    by_person: dict[str, list[tuple[int, date, str, str]]] = defaultdict(list)
    for i, person, when, role, event in indexed:
        if when <= until:
            by_person[person].append((i, when, role, event))
    out: dict[str, list[Spell]] = {}
    for person, items in by_person.items():
        items.sort(key=lambda item: (item[1], item[0]))
        spells: list[Spell] = []
        current: Spell | None = None
        stint = 0
        for _, when, cell, event in items:
            if event == "exit":
                if current is not None:
                    current.end = when
                    current = None
                    stint += 1
                continue
            resolved = resolve(ladder, cell)
            if current is not None and (
                (resolved is not None and current.role == resolved)
                or (resolved is None and current.role is None and current.value == cell)
            ):
                continue  # the same role again: the spell goes on
            if current is not None:
                current.end = when
            spell = Spell(resolved, cell, when, None, stint, current)
            spells.append(spell)
            current = spell
        out[person] = spells
    return out


def reference(
    ladder: Ladder,
    rows: Sequence[tuple[str, str, str, str]],
    since: date | None = None,
    until: date | None = None,
    min_people: int = 5,
    min_share: Fraction = Fraction(1, 10),
) -> dict[str, Any]:
    dates = [date.fromisoformat(r[1]) for r in rows]
    until = until or max(dates)
    since = since or min(dates)
    graph = ladder.graph
    everyone = spells_of(ladder, rows, until)

    def management(role: str) -> bool:
        return ladder.track_kind(role) == "management"

    def kind(a: str, b: str) -> str:  # DESIGN §1, from the two roles
        if ladder.rank(b) <= ladder.rank(a):
            return "lateral"
        return "management" if management(b) else "technical"

    def held_in_window(spell: Spell) -> bool:
        return spell.end is None or spell.end >= since

    people = 0
    moves: list[tuple[str, str, str]] = []  # (person, from, to)
    held: dict[str, set[str]] = defaultdict(set)
    now: dict[str, set[str]] = defaultdict(set)
    up: dict[str, set[str]] = defaultdict(set)
    up_free: dict[str, set[str]] = defaultdict(set)
    for person, spells in everyone.items():
        if any(held_in_window(s) for s in spells):
            people += 1
        for spell in spells:
            if spell.previous is not None and spell.start >= since:
                a, b = spell.previous.role, spell.role
                if a is not None and b is not None:
                    moves.append((person, a, b))
            if spell.role is not None and held_in_window(spell):
                held[spell.role].add(person)
                if spell.end is None:
                    now[spell.role].add(person)
        firsts: dict[str, int] = {}
        for n, spell in enumerate(spells):
            if spell.role is not None and held_in_window(spell):
                firsts.setdefault(spell.role, n)
        for role, n in firsts.items():
            later = [s for s in spells[n + 1 :] if s.stint == spells[n].stint]
            through = False
            for spell in later:
                if spell.role is None:
                    continue
                through = through or management(spell.role)
                if ladder.rank(spell.role) > ladder.rank(role):
                    up[role].add(person)
                    if not through:
                        up_free[role].add(person)
                    break

    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for person, a, b in moves:
        pairs[a, b].add(person)
    declared = sum(1 for _, a, b in moves if graph.has_edge(a, b))
    undeclared = sorted(
        ((a, b, kind(a, b), len(who)) for (a, b), who in pairs.items() if not graph.has_edge(a, b)),
        key=lambda m: (-m[3], m[0], m[1]),
    )
    unused = sorted((a, b) for a, b in graph.edges if (a, b) not in pairs)

    findings: set[tuple[str, str]] = set()
    technical_graph = graph.subgraph([r for r in ladder.roles if not management(r)])
    for role in ladder.roles:
        if management(role) or len(up[role]) < min_people:
            continue
        if Fraction(len(up_free[role]), len(up[role])) >= min_share:
            continue
        if any(ladder.rank(x) > ladder.rank(role) for x in nx.descendants(technical_graph, role)):
            findings.add(("LAD401", role))
    for (a, b), who in pairs.items():
        if not graph.has_edge(a, b) and len(who) >= min_people:
            findings.add(("LAD402", a))
    families = {role.family for role in ladder.roles.values()}
    for family in families:
        members = [r for r in ladder.roles if ladder.roles[r].family == family]
        back = [
            (a, b)
            for a, b in graph.edges
            if a in members and b in members and management(a) and not management(b)
        ]
        if not back:
            continue
        managers = set().union(*(held[r] for r in members if management(r)))
        returned = {
            p
            for p, a, b in moves
            if a in members and b in members and management(a) and not management(b)
        }
        if len(managers) >= min_people and not returned:
            findings.update(("LAD403", a) for a, _ in back)
    findings = {
        (code, role) for code, role in findings if code not in (ladder.roles[role].ignore or {})
    }
    return {
        "people": people,
        "moves": len(moves),
        "declared": declared,
        "undeclared": undeclared,
        "unused": unused,
        "roles": {
            r: (len(held[r]), len(now[r]), len(up[r]), len(up_free[r])) for r in ladder.roles
        },
        "findings": findings,
    }

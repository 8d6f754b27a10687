"""The ladder as normalised file data, and that data as YAML or JSON text.

:func:`ladder_data` gives the file format's plain data (includes merged, long forms for
levels and tracks, what was not written left out), which loads back to an equal ladder.
Moves written as bare ids stay bare ids and implied moves stay implied, unless
``explicit=True``, which writes every implied move out and drops ``progression``.

>>> import ladders
>>> ladder = ladders.loads('''
... progression: {promote: true}
... levels: [L1, L2]
... tracks: {ic: technical}
... roles:
...   dev: {title: Developer, track: ic, level: L1}
...   senior: {title: Senior Developer, track: ic, level: L2}
... ''')
>>> ladder_data(ladder)["progression"], "moves" in ladder_data(ladder)["roles"]["dev"]
({'promote': True}, False)
>>> ladder_data(ladder, explicit=True)["roles"]["dev"]["moves"]
['senior']
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ladders.model import Band, LadderData, Move, ProgressionSettings

__all__ = ["ladder_data", "ladder_text"]


def _drop_none(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}


def _band(band: Band | None) -> dict[str, Any] | None:
    return None if band is None else {"min": band.min, "max": band.max, "currency": band.currency}


def _settings(settings: ProgressionSettings | None) -> dict[str, bool] | None:
    if settings is None:
        return None
    return _drop_none({"promote": settings.promote, "switch": settings.switch})


def _move(move: str | Move) -> str | dict[str, Any]:
    if isinstance(move, str):
        return move
    return _drop_none(
        {
            "to": move.to,
            "kind": move.kind,
            "criteria": list(move.criteria) if move.criteria else None,
            "ignore": dict(move.ignore) if move.ignore is not None else None,
            "metadata": move.metadata,
        }
    )


def ladder_data(ladder: LadderData, *, explicit: bool = False) -> dict[str, Any]:
    """The ladder as normalised file data: long forms, nothing unwritten, includes merged.

    Loading this data (as JSON or YAML) gives back an equal ladder. With ``explicit``,
    implied moves are written out (after each role's own) and ``progression`` dropped.
    """
    implied: dict[str, list[str]] = {}
    if explicit:
        for move in ladder.implied_moves:
            implied.setdefault(move.source, []).append(move.target)
    roles: dict[str, Any] = {}
    for role_id, role in ladder.roles.items():
        moves = [_move(m) for m in role.move_specs] + implied.get(role_id, [])
        roles[role_id] = _drop_none(
            {
                "title": role.title,
                "track": role.track,
                "level": role.level,
                "family": role.family,
                "entry": role.entry,
                "description": role.description,
                "band": _band(role.band),
                "progression": None if explicit else _settings(role.progression),
                "moves": moves or None,
                "ignore": dict(role.ignore) if role.ignore is not None else None,
                "metadata": role.metadata,
            }
        )
    return _drop_none(
        {
            "version": 1,
            "name": ladder.name,
            "description": ladder.description,
            "progression": None if explicit else _settings(ladder.progression_settings),
            "levels": [
                _drop_none(
                    {
                        "id": lv.id,
                        "name": lv.name,
                        "description": lv.description,
                        "entry": lv.entry,
                        "band": _band(lv.band),
                    }
                )
                for lv in ladder.levels
            ],
            "tracks": {
                tid: _drop_none(
                    {
                        "kind": t.kind,
                        "name": t.name,
                        "description": t.description,
                        "bands": {lv: _band(b) for lv, b in t.bands.items()}
                        if t.bands is not None
                        else None,
                    }
                )
                for tid, t in ladder.tracks.items()
            },
            "roles": roles,
        }
    )


def ladder_text(data: Mapping[str, Any], format: str = "yaml") -> str:
    """Ladder file text (``yaml`` or ``json``) for file data, read back exactly by ladders.

    YAML quotes every string a YAML reader could take for something else (``no``,
    ``007``), so other tools read the file as ladders does.
    """
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    from ladders.exchange.yaml_text import yaml_text

    try:
        return yaml_text(data)
    except TypeError:  # not plain data (a non-finite float in metadata): PyYAML writes it
        import yaml

        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        text = yaml.dump(dict(data), Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        return str(text)

"""The ladder as normalised file data, and that data as YAML or JSON text."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ladders.model import Ladder

__all__ = ["ladder_data", "ladder_text"]


def _drop_none(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}


def ladder_data(ladder: Ladder) -> dict[str, Any]:
    """The ladder as normalised file data: long forms, no defaults, includes merged.

    Loading this data (as JSON or YAML) gives back the same ladder.
    """
    roles: dict[str, Any] = {}
    for role_id, role in ladder.roles.items():
        data: dict[str, Any] = {"title": role.title, "track": role.track, "level": role.level}
        if role.family is not None:
            data["family"] = role.family
        if role.entry:
            data["entry"] = True
        if role.description is not None:
            data["description"] = role.description
        if role.moves:
            data["moves"] = [
                _drop_none(
                    {
                        "to": m.to,
                        "kind": m.kind,
                        "criteria": list(m.criteria) if m.criteria else None,
                        "metadata": m.metadata,
                    }
                )
                for m in role.moves
            ]
        if role.ignore is not None:
            data["ignore"] = dict(role.ignore)
        if role.metadata is not None:
            data["metadata"] = role.metadata
        roles[role_id] = data
    return _drop_none(
        {
            "version": 1,
            "name": ladder.name,
            "description": ladder.description,
            "levels": [
                _drop_none({"id": lv.id, "name": lv.name, "description": lv.description})
                for lv in ladder.levels
            ],
            "tracks": {
                tid: _drop_none({"kind": t.kind, "name": t.name, "description": t.description})
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
    import yaml

    return str(yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True, width=100))

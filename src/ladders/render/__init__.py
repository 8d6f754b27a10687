"""Draw a ladder: an SVG chart, a self-contained HTML report, Mermaid or DOT text.

``import ladders`` does not import this package; import it explicitly::

    from ladders.render import FORMATS, render

>>> import ladders
>>> from ladders.render import FORMATS, render
>>> FORMATS
('svg', 'html', 'mermaid', 'dot')
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical}
... roles:
...   dev: {title: Developer, track: ic, level: L1, moves: [senior]}
...   senior: {title: Senior Developer, track: ic, level: L2}
... ''')
>>> print(render(ladder, "mermaid", findings=()).splitlines()[3])
flowchart BT
"""

from __future__ import annotations

import gc
from collections.abc import Sequence

from ladders.errors import UsageError
from ladders.findings import Finding
from ladders.ladder import Ladder

__all__ = ["FORMATS", "render"]

#: the format names ``render`` accepts, in the order ``--help`` lists them
FORMATS: tuple[str, ...] = ("svg", "html", "mermaid", "dot")


def render(
    ladder: Ladder,
    format: str,
    *,
    findings: Sequence[Finding] | None = None,
    title: str | None = None,
    family: str | None = None,
    focus: str | None = None,
) -> str:
    """Draw ``ladder`` in one of :data:`FORMATS` and return the text.

    ``findings`` mark the roles they are about (and fill the HTML report's findings
    table); ``None`` runs :func:`ladders.check` with the default configuration, ``()``
    draws no findings. ``title`` defaults to the ladder's name (and what the view is).
    ``family`` draws only that family's roles and the moves among them, with a stub for
    each move leaving it ('(no family)' names the roles without one); ``focus`` draws
    only that role, every role it can reach and every role that can reach it (see
    :mod:`ladders.render.scene`).

    Raises :class:`ladders.UsageError` for a format not in :data:`FORMATS`, and, with a
    did-you-mean, for an unknown family or role.
    """
    if format not in FORMATS:
        raise UsageError(f"unknown render format {format!r}; choose one of {', '.join(FORMATS)}")
    if findings is None:
        from ladders.ladder import check

        findings = check(ladder)
    # Drawing makes many small tuples and no reference cycles: the cycle collector would
    # only walk them again and again (a third of the time for a 1k-role chart).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _draw(ladder, format, findings, title, family, focus)
    finally:
        if collecting:
            gc.enable()


def _draw(
    ladder: Ladder,
    format: str,
    findings: Sequence[Finding],
    title: str | None,
    family: str | None,
    focus: str | None,
) -> str:
    from ladders.render.scene import build_scene

    scene = build_scene(ladder, family=family, focus=focus)
    if format == "svg":
        from ladders.render.svg import render_svg

        return render_svg(ladder, findings=findings, title=title, scene=scene)
    if format == "html":
        from ladders.render.html import render_html

        return render_html(ladder, findings=findings, title=title, scene=scene)
    if format == "mermaid":
        from ladders.render.mermaid import render_mermaid

        return render_mermaid(ladder, findings=findings, title=title, scene=scene)
    from ladders.render.dot import render_dot

    return render_dot(ladder, findings=findings, title=title, scene=scene)

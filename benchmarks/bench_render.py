"""Benchmark: drawing a ladder against checking it.

Target (issue: render): rendering a 1k-role ladder to SVG or HTML takes under 2x the
time of ``ladders check`` on it. Both are timed in one process, interleaved, best of
several repeats, two ways:

- file: what the commands do: ``load + check`` (``ladders check``) against
  ``load + check + render`` (``ladders render``, which marks the findings);
- ladder: the library calls alone on a loaded ladder: ``check(ladder)`` against
  ``render(ladder, fmt, findings=...)`` with the findings already known.

    python benchmarks/bench_render.py [--repeat N] [--sizes 1k,10k]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import ladders
from ladders.render import render

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_load import best  # noqa: E402
from generate import generate_ladder, write_yaml  # noqa: E402

DATA = HERE / "data"
SIZES = {"1k": 1_000, "10k": 10_000}
TARGET = 2.0


def ensure(size: str) -> Path:
    """The generated ladder file (with defects, so there are findings to draw)."""
    path = DATA / f"render-{size}.yaml"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        write_yaml(generate_ladder(SIZES[size], healthy=False), path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="1k,10k")
    args = parser.parse_args(argv)
    print(
        f"{'ladder':<16} {'roles':>7} {'what':<7} {'format':<8} {'check':>9} {'render':>9}"
        f" {'ratio':>6} {'target':>9} {'output':>10}"
    )
    failed = False
    for size in args.sizes.split(","):
        path = ensure(size)
        ladder = ladders.load(path)
        findings = ladders.check(ladder)
        for fmt in ("svg", "html", "mermaid", "dot"):
            text = render(ladder, fmt, findings=findings)
            rows = [
                (
                    "file",
                    lambda p=path: ladders.check(ladders.load(p)),
                    lambda f=fmt, p=path: render(ladders.load(p), f),
                ),
                (
                    "ladder",
                    lambda lad=ladder: ladders.check(lad),
                    lambda f=fmt, lad=ladder, found=findings: render(lad, f, findings=found),
                ),
            ]
            for what, check, draw in rows:
                checking = best(check, args.repeat)
                drawing = best(draw, args.repeat)
                ratio = drawing / checking
                # the target is the command's: file, SVG or HTML, at 1k roles
                targeted = what == "file" and fmt in ("svg", "html") and size == "1k"
                verdict = f"<{TARGET:g}x " + ("ok" if ratio < TARGET else "MISS")
                failed = failed or (targeted and ratio >= TARGET)
                print(
                    f"{path.name:<16} {SIZES[size]:>7} {what:<7} {fmt:<8} {checking * 1e3:>7.1f}ms"
                    f" {drawing * 1e3:>7.1f}ms {ratio:>5.2f}x {verdict if targeted else '':>9}"
                    f" {len(text) / 1024:>8.0f}kB"
                )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

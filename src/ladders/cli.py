"""The command line: ``ladders check``, ``ladders schema``, ... (``main(argv) -> int``)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    from ladders.check import check_paths

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] != "check":
        print("usage: ladders check FILE...", file=sys.stderr)
        return 2
    result = check_paths(args[1:])
    for f in result.findings:
        print(f"{f.file}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}")
    return 1 if any(f.severity == "error" for f in result.findings) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

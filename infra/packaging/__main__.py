"""`python -m infra.packaging [--dist DIR] [--host]`: build every package and print the manifest."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from infra.packaging.build import build
from infra.packaging.dependencies import LAMBDA, host
from infra.packaging.functions import ROOT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "lambda")
    parser.add_argument("--cache", type=Path, default=ROOT / "build" / "lambda")
    parser.add_argument(
        "--host",
        action="store_true",
        help="for this machine's Python and CPU (tests), not Lambda's",
    )
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    manifest = build(args.dist, host() if args.host else LAMBDA, args.cache)
    print(json.dumps(manifest, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()

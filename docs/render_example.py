"""Regenerate docs/classify.svg, the terminal picture in the README.

Run from the repository root after installing: python docs/render_example.py
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

import pushpull
from pushpull.views.classify import ClassifyView


def main() -> None:
    console = Console(record=True, width=104, force_terminal=True)
    result = pushpull.classify("paid social ad")
    ClassifyView([result]).draw(console)
    out = Path(__file__).with_name("classify.svg")
    console.save_svg(str(out), title='pushpull classify "paid social ad"')
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

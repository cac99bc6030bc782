"""``python -m pushpull`` runs the command line."""

from .entry import main

main()

"""``python -m pushpull`` runs the command line."""

from .cli import main

main()

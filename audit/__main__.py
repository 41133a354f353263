"""``python -m audit`` runs the command line."""

from audit.cli import main

main()

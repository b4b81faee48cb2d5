"""Pieces every part of the window uses: background tasks, messages, tables, problem marks, the theme."""

"""The window around everything: start-up, menus, files, settings, autosave, offscreen commands."""

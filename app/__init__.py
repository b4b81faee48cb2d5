"""RCS Campaign Desk core: campaign model, validation, WWT.world client, demo server.

Nothing in this package imports Qt; the window lives in ``ui``.
"""

APP_NAME = "RCS Campaign Desk"
APP_ID = "rcs-desk"
__version__ = "0.1.0"

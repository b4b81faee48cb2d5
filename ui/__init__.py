"""RCS Campaign Desk window: Qt widgets over the Qt-free core in ``app``."""

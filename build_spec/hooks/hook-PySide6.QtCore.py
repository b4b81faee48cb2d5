"""PySide6.QtCore, as PyInstaller's own hook collects it, less the Qt plugins and translations that
build_spec/spec_support.py leaves out (dropped here, before their libraries are analysed)."""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

from spec_support import keep_collected

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = keep_collected(binaries)
datas = keep_collected(datas)

"""The program's shipped files (icon.svg, icons/), installed as the package ``rcs_desk.resources``.

The folder stays at the top level of the source tree; pyproject.toml maps it into the ``rcs_desk``
package (``[tool.setuptools.package-dir]``), so ``importlib.resources.files("rcs_desk.resources")``
finds the icons in a wheel and in an editable install. This file makes it a regular package, which
setuptools' editable installs need to import a mapped folder. Read through app/platform/resources.py.
"""

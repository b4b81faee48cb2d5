"""Which of the program's folders nothing can be saved in, and what that means, in the user's words."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from app.platform.atomic import folder_problem
from app.platform.config import AppPaths


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


@dataclass
class StorageReport:
    """``notices`` to say once; ``data_folder_unusable``: the history cannot be kept either."""

    notices: list[str] = field(default_factory=list)
    data_folder_unusable: bool = False


def check_storage(paths: AppPaths, recovery_problem: str | None) -> StorageReport:
    """The data folder (recovery copies, history) and the settings folder; ``recovery_problem`` is
    what the recovery store found when the data folder itself is usable."""
    report = StorageReport()
    data_problem = folder_problem(paths.data_dir)
    if data_problem is not None:
        report.data_folder_unusable = True
        report.notices.append(
            _tr(
                "Nothing can be saved in the program's data folder %1 (%2). Until that changes, "
                "automatic copies of the open campaign (kept for recovery after a crash) and the "
                "history of sent campaigns are not saved. Save your campaign to a file in another "
                "folder to keep it."
            )
            .replace("%1", str(paths.data_dir))
            .replace("%2", data_problem)
        )
    elif recovery_problem:
        report.notices.append(recovery_problem + " " + _tr("Save your campaign to a file to keep it."))
    config_problem = folder_problem(paths.config_dir)
    if config_problem is not None:
        report.notices.append(
            _tr("Settings cannot be saved: nothing can be written to the settings folder %1 (%2).")
            .replace("%1", str(paths.config_dir))
            .replace("%2", config_problem)
        )
    return report

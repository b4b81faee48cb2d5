"""Which of the program's folders nothing can be saved in, and what that means, in the user's words."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.language import tr
from app.platform.atomic import folder_problem
from app.platform.config import AppPaths


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
            tr(
                "Nothing can be saved in the program's data folder {folder} ({reason}). Until that changes, "
                "automatic copies of the open campaign (kept for recovery after a crash) and the "
                "history of sent campaigns are not saved. Save your campaign to a file in another "
                "folder to keep it."
            ).format(folder=paths.data_dir, reason=data_problem)
        )
    elif recovery_problem:
        # Translators: {problem} is a sentence (or more) saying why the recovery copies cannot be saved.
        report.notices.append(tr("{problem} Save your campaign to a file to keep it.").format(problem=recovery_problem))
    config_problem = folder_problem(paths.config_dir)
    if config_problem is not None:
        report.notices.append(
            tr("Settings cannot be saved: nothing can be written to the settings folder {folder} ({reason}).").format(
                folder=paths.config_dir, reason=config_problem
            )
        )
    return report

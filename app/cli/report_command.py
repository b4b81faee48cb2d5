"""``rcs-desk report ID --out FILE.csv``: every message of a campaign to a CSV file Excel opens as it should.

The file appears whole at the end (``export_campaign_report`` writes through ``atomic_writer``): Ctrl+C
or a failure leaves no half file. ``--out`` is checked before anything is read: a folder is refused, and
files already there are replaced only with ``--overwrite`` or a yes at the terminal. The separator
follows this computer's decimal point (its locale), as the window's export does with Qt's: a decimal
comma means semicolons, so Excel splits the columns.
"""

from __future__ import annotations

import argparse
import locale
import sys
from pathlib import Path

from app.cli import EXIT_INPUT, EXIT_OK, output
from app.cli.common import with_client
from app.cli.files import say
from app.cli.questions import NOT_REPLACED, can_ask, confirmed
from app.language import tr, tr_c, tr_n
from app.language.formats import format_count
from app.platform.atomic import describe_os_error
from app.platform.config import local_time_zone_name
from app.reports import excel_style_for, export_campaign_report, suggested_report_name, summary_path_for
from app.tasks.connection import Connection

# Below this many messages the report is quick: no progress lines.
PROGRESS_FROM = 1000


def report(args: argparse.Namespace) -> int:
    if args.json and args.out:
        say(tr("Choose one: --out writes the messages to a CSV file, --json prints them. Nothing was written."))
        return EXIT_INPUT
    if not args.json and not args.out:
        # Translators: {file} is the placeholder of --out in the help ("FILE.csv"), as translated there.
        said = tr("Say where to write the report with --out {file}, or print it with --json.")
        say(said.format(file=tr_c("command-line placeholder", "FILE.csv")))
        return EXIT_INPUT
    if args.out:  # before anything is read from the server: a wrong target costs no wait
        refused = target_refused(args.out, args.id, overwrite=args.overwrite)
        if refused is not None:
            return refused

    def work(connection: Connection) -> int:
        if args.json:
            connection.client.get_campaign_detail(args.id)  # a campaign that does not exist is said, not []
            messages = connection.client.list_messages({"campaign_id": args.id}, on_progress=_progress)
            output.print_json([message.raw for message in messages])
            return EXIT_OK
        try:
            result = export_campaign_report(
                connection.client,
                args.id,
                args.out,
                account_time_zone=connection.account_time_zone,
                local_time_zone=local_time_zone_name(),
                style=excel_style_for(decimal_point()),
                on_progress=_progress,
            )
        except OSError as exc:
            reason = describe_os_error(exc) if exc.errno is not None else str(exc)
            # Translators: {reason} is why, such as "the disk is full".
            say(tr("The report could not be written to {file}: {reason}.").format(file=args.out, reason=reason))
            return EXIT_INPUT
        written = tr_n(
            "{count} message of campaign {number} written to {file}.",
            "{count} messages of campaign {number} written to {file}.",
            result.messages,
        )
        print(written.format(count=format_count(result.messages), number=args.id, file=result.path))
        print(tr("The summary is in {file}.").format(file=result.summary_path))
        return EXIT_OK

    return with_client(args, work)


def target_refused(out: str, campaign_id: int, *, overwrite: bool) -> int | None:
    """None when the report may be written to ``out`` (and its summary beside it); else the exit code,
    with why said: ``out`` or the summary's name is a folder, or a file there would be replaced without
    ``overwrite`` and without a yes at the terminal."""
    target, summary = Path(out), summary_path_for(out)
    if target.is_dir():
        # Translators: {example} is a file name to give instead, such as "reports/campaign-5-messages.csv".
        said = tr("{folder} is a folder. Give the report a file name, like {example}. Nothing was written.")
        say(said.format(folder=target, example=target / suggested_report_name(campaign_id)))
        return EXIT_INPUT
    if summary.is_dir():
        said = tr(
            "The summary is written beside the report, as {summary}, but that is a folder. Give the report "
            "another name. Nothing was written."
        )
        say(said.format(summary=summary))
        return EXIT_INPUT
    existing = [path for path in (target, summary) if path.exists()]
    if not existing or overwrite:
        return None
    if not can_ask():
        if len(existing) == 2:
            said = tr("{file} and {summary} already exist: nothing was written. Add --overwrite to replace them.")
        else:
            said = tr("{file} already exists: nothing was written. Add --overwrite to replace it.")
        say(said.format(file=existing[0], summary=existing[-1]))
        return EXIT_INPUT
    if len(existing) == 2:
        question = tr("{file} and {summary} already exist. Replace them?")
    else:
        question = tr("{file} already exists. Replace it?")
    return confirmed(question.format(file=existing[0], summary=existing[-1]), NOT_REPLACED)


def decimal_point() -> str:
    """This computer's decimal point, from its locale (LC_NUMERIC, as set in the environment)."""
    previous = locale.setlocale(locale.LC_NUMERIC)
    try:
        locale.setlocale(locale.LC_NUMERIC, "")
        return str(locale.localeconv()["decimal_point"]) or "."
    except locale.Error:  # a locale named in the environment but not installed
        return "."
    finally:
        locale.setlocale(locale.LC_NUMERIC, previous)


def _progress(written: int, total: int) -> None:
    if total >= PROGRESS_FROM:
        said = tr("Reading messages: {written} of {total}").format(
            written=format_count(written), total=format_count(total)
        )
        print(said, file=sys.stderr)

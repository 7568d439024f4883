"""Command-line options shared by the commands that encode records (encode, entities, build,
review): one definition each, so every command spells and explains them alike."""

from __future__ import annotations

from pathlib import Path

import click

from .config import DEFAULT_FORMAT, format_summaries

ENCODE_OPTIONS = {
    "authority": click.option(
        "--authority",
        "authority",
        multiple=True,
        type=click.Path(file_okay=False),
        help="Folder of authority files (listPerson/listPlace/listOrg). Repeatable; later folders override. "
        "Default: authority/ beside the records, else the base authority shipped with tei-encoder.",
    ),
    "date": click.option(
        "--date",
        "date",
        metavar="YYYY-MM-DD",
        help="Date of the encoding, for revisionDesc. Default: SOURCE_DATE_EPOCH, else none.",
    ),
    "encoding": click.option(
        "--encoding",
        metavar="CODEC",
        help="Read records in this encoding instead of UTF-8/UTF-16 (for example cp1252).",
    ),
    "no_gazetteer": click.option(
        "--no-gazetteer", is_flag=True, help="Tag only places the authority files list (no GeoNames lookup)."
    ),
    "record_format": click.option(
        "--record-format",
        "record_format",
        default=DEFAULT_FORMAT,
        show_default=True,
        metavar="NAME",
        help="Layout of the records: a description in tei_encoder/formats/ ("
        + "; ".join(f"{name}: {summary}" for name, summary in format_summaries().items())
        + ").",
    ),
    "max_record_size": click.option(
        "--max-record-size",
        "max_record_size",
        type=click.FloatRange(0, min_open=True),
        metavar="MB",
        help="Refuse a record file larger than this, before reading it (default 64).",
    ),
    "follow_symlinks": click.option(
        "--follow-symlinks",
        "follow_symlinks",
        is_flag=True,
        help="Read symbolic links found in folders (default: refuse them, so nothing outside is read by accident).",
    ),
    "quiet": click.option("-q", "--quiet", is_flag=True, help="Print errors only."),
    "verbose": click.option("-v", "--verbose", is_flag=True, help="Print a line for every record."),
}
# the options of encode, entities and build, in the order --help lists them
common_encode_options = list(ENCODE_OPTIONS.values())

# the site's options, shared by publish and build
site_options = [
    click.option(
        "--css",
        "css",
        type=click.Path(dir_okay=False, path_type=Path),
        help="The edition's stylesheet: copied to assets/custom.css and linked after the shipped one.",
    ),
    click.option(
        "--xslt",
        "xslt",
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder of the edition's *.xsl, imported after the shipped modules (hooks: see xslt/shell.xsl), "
        "and strings.json for the site's words.",
    ),
    click.option("--no-search", is_flag=True, help="Do not build the full-text search index (Pagefind)."),
]


def with_options(options):
    """Apply a list of click options to a command, in order."""

    def decorate(func):
        """The command with the options applied."""
        for option in reversed(options):
            func = option(func)
        return func

    return decorate

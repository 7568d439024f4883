"""Command-line options shared by the commands that encode records (encode, entities, build,
review): one definition each, so every command spells and explains them alike."""

from __future__ import annotations

import math
import os
from pathlib import Path

import click

from .config import DEFAULT_FORMAT, format_summaries


class OneLineType(click.ParamType):
    """A parameter type whose refusals the command group prints as one usage line, exit 2
    (cli._Guarded), like every other problem with a path or value given on the command line."""


class NonEmptyPath(click.Path, OneLineType):
    """click.Path that refuses an empty value: click would take '' for the working folder, so an
    unset variable (`-o "$OUT"`) would write a site into it or read it as the corpus. Every path
    option and argument of every command is of this type."""

    def convert(self, value, param, ctx):
        """The path, as click.Path converts it; BadParameter (a usage error) for an empty one."""
        if isinstance(value, (str, bytes, os.PathLike)) and os.fspath(value) in ("", b""):
            self.fail("an empty path names no file or folder (an unset variable?)", param, ctx)
        return super().convert(value, param, ctx)


class NonEmptyText(OneLineType):
    """A text option (a title, a date, a codec name) that must say something: an empty or blank
    value is a usage error, never taken as the option's default or as nothing."""

    name = "text"

    def convert(self, value, param, ctx):
        """The text as given; BadParameter (a usage error) for an empty or blank one."""
        if isinstance(value, str) and not value.strip():
            self.fail("an empty value (an unset variable?)", param, ctx)
        return value


MAX_MEGABYTES = 1024 * 1024  # a terabyte: larger "limits" are no limit, and limits are what keep memory bounded
MIN_MEGABYTES = 1 / (1024 * 1024)  # a byte: below it the limit in bytes rounds to nothing and refuses every file


class Megabytes(OneLineType):
    """A size limit in megabytes (--max-size, --max-record-size): a finite number from MIN_MEGABYTES
    (one byte) to MAX_MEGABYTES. 'inf', 'nan' and numbers like 1e308 are usage errors: there is no
    "no limit" (the limit is what bounds memory on hostile input), only a higher one."""

    name = "megabytes"

    def convert(self, value, param, ctx):
        """The limit as a float; BadParameter (a usage error) for anything else."""
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of megabytes", param, ctx)
        if not (math.isfinite(number) and MIN_MEGABYTES <= number <= MAX_MEGABYTES):
            self.fail(
                f"{value!r} is not a size limit: give megabytes above 0 (a byte at least) and at most {MAX_MEGABYTES}",
                param,
                ctx,
            )
        return number


class Count(click.IntRange, OneLineType):
    """A whole number in a closed range (-j/--jobs): click's IntRange, refused in one line."""

    name = "integer"


JOBS = Count(0, 256)  # -j/--jobs of validate and build: 0 is one worker per core

ENCODE_OPTIONS = {
    "authority": click.option(
        "--authority",
        "authority",
        multiple=True,
        type=NonEmptyPath(file_okay=False),
        help="Folder of authority files (listPerson/listPlace/listOrg). Repeatable; later folders override. "
        "Default: authority/ beside the records, else the base authority shipped with tei-encoder.",
    ),
    "date": click.option(
        "--date",
        "date",
        type=NonEmptyText(),
        metavar="YYYY-MM-DD",
        help="Date of the encoding, for revisionDesc. Default: SOURCE_DATE_EPOCH, else none.",
    ),
    "encoding": click.option(
        "--encoding",
        type=NonEmptyText(),
        metavar="CODEC",
        help="Read records in this encoding instead of UTF-8/UTF-16 (for example cp1252).",
    ),
    "no_gazetteer": click.option(
        "--no-gazetteer", is_flag=True, help="Tag only places the authority files list (no GeoNames lookup)."
    ),
    "record_format": click.option(
        "--record-format",
        "record_format",
        type=NonEmptyText(),
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
        type=Megabytes(),
        metavar="MB",
        help="Refuse a record file larger than this, before reading it (default 64; at most 1048576).",
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
        type=NonEmptyPath(dir_okay=False, path_type=Path),
        help="The edition's stylesheet: copied to assets/custom.css and linked after the shipped one.",
    ),
    click.option(
        "--xslt",
        "xslt",
        type=NonEmptyPath(file_okay=False, path_type=Path),
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

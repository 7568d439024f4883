"""The commands of an editor's workflow: `init`, `review`, `authority check`, `authority apply`.

Kept apart from cli.py (encode, validate, publish, entities, build), which registers them on the
`tei-encoder` group through register_edition_commands.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from .errors import UsageError, lines_of
from .fsutil import not_there, shown
from .options import ENCODE_OPTIONS, NonEmptyPath, NonEmptyText, with_options
from .plurals import counted

# the stages (lxml, the recogniser) are imported inside the commands, so --help answers at once

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _fail_usage(message: str) -> None:
    from .cli import _in_cli_terms  # a core message's advice worded as the option (--follow-symlinks)

    click.echo(f"tei-encoder: error: {_in_cli_terms(message)}", err=True)
    sys.exit(EXIT_USAGE)


def _default_corpus() -> Path:
    return Path("corpus") if Path("corpus").is_dir() else Path(".")


@click.command()
@click.argument("folder", type=NonEmptyPath(file_okay=False, path_type=Path))
@click.option(
    "--requirement",
    type=NonEmptyText(),
    metavar="SPEC",
    help="What CI installs (requirements.txt), for example a git URL of your tei-encoder. "
    "Default: where this tei-encoder was installed from when that is a git or web URL, "
    "else tei-encoder==<this version> (with a warning: it installs only if published on PyPI).",
)
def init(folder, requirement):
    """Make a new edition in FOLDER: corpus/ (with an example record), authority/ (the base
    entries shipped with tei-encoder), a README saying how to work in it, requirements.txt, a
    GitHub Actions workflow and a .pre-commit-config.yaml that build and validate it.

    Exit status: 0 made, 2 FOLDER is not new or empty.
    """
    from .cli import _in_cli_terms
    from .edition import EDITION_BUILD, default_requirement, init_edition

    try:
        written = init_edition(folder, requirement)
    except UsageError as exc:
        _fail_usage(str(exc))
    except OSError as exc:
        _fail_usage(f"{folder}: cannot write the edition: {exc.strerror or exc}")
    warning = None if requirement else default_requirement()[1]
    if warning:
        click.echo(f"init: warning: {_in_cli_terms(warning)}", err=True)
    # the next step is a command to paste: the folder quoted for a POSIX shell (spaces, quotes, $)
    click.echo(
        f"init: a new edition in {folder} ({counted(len(written), 'file')}); "
        f"next: cd {shlex.quote(str(folder))} && {EDITION_BUILD}",
        err=True,
    )


@click.command()
@click.argument("corpus", required=False, type=NonEmptyPath(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=NonEmptyPath(dir_okay=False, path_type=Path),
    help="Review file to write (CSV). Default: review.csv beside the corpus folder.",
)
@with_options(
    [
        ENCODE_OPTIONS[name]
        for name in ("authority", "encoding", "no_gazetteer", "record_format", "follow_symlinks", "quiet")
    ]
)
def review(corpus, output, authority, encoding, no_gazetteer, record_format, follow_symlinks, quiet):
    """Write the names the encoder was unsure of to a review file for an editor.

    One row per name found by rule (no authority entry) or linked only to the GeoNames
    gazetteer, with its forms, records and a context. Fill in the decision column (accept,
    merge, reject), then run `tei-encoder authority apply REVIEW`. Decisions of an earlier review
    file at the same place are kept. CORPUS: a corpus folder (default: corpus/), records (*.txt,
    encoded in memory) and TEI masters (*.xml) both read.
    Exit status: 0 written, 1 some record could not be read (the others are reviewed), 2 usage error.
    """
    from lxml import etree

    from .authority import load_authority
    from .authority_edit import authority_forms, review_rows, write_review
    from .cli import Reporter, _settings
    from .edition import corpus_sources
    from .inputs import corpus_not_read
    from .pipeline import encode_record
    from .xmlsafe import UnsafeXML, describe_xml_error, parse_xml

    report = Reporter(quiet)
    corpus = corpus or _default_corpus()
    try:
        if not corpus.is_dir():
            raise UsageError(f"{shown(corpus)}: corpus {not_there(corpus, 'a folder of records')}")
        sources = corpus_sources(corpus)
        # the one rule of every command (README): what is named like a record but not read is named
        unread = corpus_not_read(corpus)
        for path, reason in unread:
            report.error(path, reason)
        if not sources and not unread:
            raise UsageError(f"{corpus}: the corpus is empty (no records *.txt, no TEI files *.xml)")
        if not sources:  # as `build`: the files not read are failures (exit 1), not a usage error
            report.error(corpus, f"the corpus is empty: the {counted(len(unread), 'file named above not read')}")
            sys.exit(EXIT_FAILED)
        settings = _settings(
            authority, [corpus], None, encoding, not no_gazetteer, record_format, follow_symlinks=follow_symlinks
        )
    except UsageError as exc:
        _fail_usage(str(exc))
    documents, failed = [], len(unread)
    for source in sources:
        try:
            if source.is_master:
                documents.append((source.name, parse_xml(source.path)))
                continue
            result = encode_record(source.path, settings)
            if not result.ok:
                raise ValueError(result.error)
            documents.append((source.name, etree.ElementTree(result.tree)))
        except (etree.XMLSyntaxError, UnsafeXML) as exc:
            report.error(source.path, describe_xml_error(exc))
            failed += 1
        except (ValueError, OSError) as exc:
            report.error(source.path, lines_of(str(exc))[0] if str(exc) else type(exc).__name__)
            failed += 1
    loaded = load_authority(settings.authority, settings.follow_symlinks)
    forms = authority_forms(loaded)
    rows = review_rows(documents, loaded.entries, loaded.rejected, forms)
    target = output or corpus.resolve().parent / "review.csv"
    try:
        kept, missing = write_review(target, rows, forms, loaded.rejected)
    except (OSError, ValueError) as exc:
        _fail_usage(f"{target}: cannot write the review file: {exc}")
    unlinked = sum(r.found == "unlinked" for r in rows)
    report.info(
        f"review: {counted(len(rows), 'name to review')} ({unlinked} unlinked, {len(rows) - unlinked} gazetteer-only) "
        f"from {counted(len(documents), 'document')} -> {target}"
        + (f"; {counted(kept, 'earlier decision')} kept" if kept else "")
        + (f"; {counted(missing, 'decided name')} not found this time (kept, status column)" if missing else "")
        + f"; authority: {settings.authority_label}"
    )
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@click.group()
def authority():
    """Check the authority files, and write an editor's review decisions into them."""


@authority.command("check")
@click.argument("corpus", required=False, type=NonEmptyPath(path_type=Path))
@click.option(
    "--authority",
    "folders",
    multiple=True,
    type=NonEmptyPath(file_okay=False, path_type=Path),
    help="Folder to check. Default: authority/ beside CORPUS (default corpus/), else the base shipped with tei-encoder.",
)
@with_options([ENCODE_OPTIONS["follow_symlinks"]])
def check(corpus, folders, follow_symlinks):
    """Check the authority files: well-formed, unique and valid ids, every entry named, no name
    form claimed by two entries, identifiers well-formed (wikidata Q…, numeric GeoNames and VIAF),
    no rejected form that an entry lists. One `file:line: error: message` line per problem.

    Exit status: 0 sound, 1 problems found in usable files, 2 usage error — also when an
    authority file cannot be used at all (a folder or device, not well-formed or binary, a DOCTYPE,
    no listing), as `build` and `encode` refuse it.
    """
    from .authority import authority_files, choose_authority
    from .authority_edit import check_authority
    from .cli import authority_label

    try:
        choice = choose_authority(tuple(folders), [corpus or _default_corpus()])
    except FileNotFoundError as exc:
        _fail_usage(str(exc))
    try:
        problems = check_authority(choice.folders, follow_symlinks)
    except UsageError as exc:  # an authority file that is a symbolic link, without --follow-symlinks
        _fail_usage(str(exc))
    for problem in problems:
        click.echo(problem.text())
    files = sum(len(authority_files(Path(f), follow_symlinks)) for f in choice.folders if Path(f).is_dir())
    click.echo(
        f"authority check: {counted(files, 'file')}, {counted(len(problems), 'problem')}; authority: {authority_label(choice)}",
        err=True,
    )
    sys.exit(EXIT_USAGE if any(p.unusable for p in problems) else EXIT_FAILED if problems else EXIT_OK)


@authority.command("apply")
@click.argument("review_file", metavar="REVIEW", type=NonEmptyPath(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--authority",
    "folder",
    type=NonEmptyPath(file_okay=False, path_type=Path),
    help="The edition's authority folder to write. Default: authority/ beside REVIEW or the current folder.",
)
@with_options([ENCODE_OPTIONS["follow_symlinks"]])
def apply(review_file, folder, follow_symlinks):
    """Write the decisions of a review file (from `tei-encoder review`) into the authority files:
    accept (a new entry), merge (more forms of an existing entry), reject (to rejected.txt).
    Existing entries are never renamed, removed or reordered; the files keep their layout. The
    base authority shipped with tei-encoder is never written: run this in an edition.

    A row applied before (the same file applied twice) is said to be already applied.

    Exit status: 0 every decision applied (or already), 1 some row could not be (the others are), 2 usage error.
    """
    from lxml import etree

    from .authority import is_shipped_authority, local_authority_folders
    from .authority_edit import apply_review, check_authority

    if folder is None:
        found = local_authority_folders([review_file.resolve().parent, Path.cwd()])
        if not found:
            _fail_usage(
                "no authority/ folder beside the review file or here: run this in an edition "
                "(tei-encoder init) or pass --authority DIR"
            )
        folder = found[0]
    if is_shipped_authority(folder):
        _fail_usage(
            f"{folder}: the base authority shipped with tei-encoder is never written; "
            "run this in an edition (tei-encoder init) or pass --authority DIR of your own"
        )
    try:
        problems = check_authority([folder], follow_symlinks)
    except UsageError as exc:  # an authority file that is a symbolic link, without --follow-symlinks
        _fail_usage(str(exc))
    if problems:
        _fail_usage(f"{problems[0].where}: {problems[0].message} (fix the authority files first)")
    try:
        result = apply_review(review_file, folder, follow_symlinks)
    except (ValueError, UnicodeDecodeError) as exc:
        _fail_usage(str(exc))
    except (OSError, etree.XMLSyntaxError) as exc:
        _fail_usage(f"{folder}: {exc}")
    for line in result.applied:
        click.echo(f"{review_file}: {line}", err=True)
    for line in result.already:
        click.echo(line, err=True)
    for problem in result.problems:
        click.echo(problem.text(), err=True)
    for problem in check_authority([folder], follow_symlinks):  # what apply wrote must check out; say so if not
        click.echo(problem.text(), err=True)
        result.problems.append(problem)
    click.echo(
        f"authority apply: {counted(len(result.applied), 'decision')} applied, "
        + (f"{len(result.already)} already applied, " if result.already else "")
        + f"{len(result.problems)} not, "
        f"{counted(result.undecided, 'row')} without a decision; {counted(len(result.written), 'file')} written in {folder}",
        err=True,
    )
    sys.exit(EXIT_FAILED if result.problems else EXIT_OK)


def register_edition_commands(group: click.Group) -> None:
    """Add init, review and authority to the tei-encoder command group."""
    for command in (init, review, authority):
        group.add_command(command)

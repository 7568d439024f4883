"""The `tei-encoder` command line: encode, validate, publish, entities, build."""

from __future__ import annotations

import datetime as _dt
import json
import os
import signal
import sys
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from . import __version__
from .config import DEFAULT_FORMAT
from .errors import (
    ENCODING_AS_HINT,
    ENCODING_HINT,
    FOLLOW_SYMLINKS_HINT,
    INCLUDE_ROOT_HINT,
    MAX_SIZE_HINT,
    REQUIREMENT_HINT,
    RNG_HINT,
    SIZE_HINT,
    TEI_ALL_PROFILE_HINT,
    MissingSiteInput,
    UsageError,
    lines_of,
)
from .fsutil import OutputError, not_a_folder, not_there, output_clash, shown
from .options import (
    JOBS,
    Megabytes,
    NonEmptyPath,
    NonEmptyText,
    OneLineType,
    common_encode_options,
    site_options,
    with_options,
)
from .plurals import counted
from .signals import Stopped, restore, stop_on_signals

if TYPE_CHECKING:
    from .settings import EncodeSettings

# The stages (lxml, the recogniser's patterns, Saxon) are imported inside the commands that use
# them, so `tei-encoder --help` and usage errors answer at once.

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class Reporter:
    """One line per problem on stderr: `file: severity: message` (grep- and editor-friendly).

    File names are shown escaped (fsutil.shown) and messages kept to one line, so a name with a
    newline, a control character or bytes that are not UTF-8 can neither split nor break a line.
    """

    def __init__(self, quiet: bool = False, verbose: bool = False):
        self.quiet, self.verbose = quiet, verbose

    def warning(self, path, message: str) -> None:
        """Print a warning about path (not with --quiet)."""
        if not self.quiet:
            click.echo(f"{shown(path)}: warning: {_one_line(message)}", err=True)

    def error(self, path, message: str) -> None:
        """Print an error about path, its advice worded as this command line's options."""
        click.echo(f"{shown(path)}: error: {_one_line(_in_cli_terms(message))}", err=True)

    def info(self, message: str) -> None:
        """Print a progress or summary line (not with --quiet)."""
        if not self.quiet:
            click.echo(_one_line(message), err=True)


def _in_cli_terms(message: str) -> str:
    """A core message's advice, worded as this command line's option."""
    return (
        message.replace(ENCODING_HINT, "pass --encoding (for example cp1252 or latin-1)")
        .replace(ENCODING_AS_HINT, "pass --encoding")
        .replace(SIZE_HINT, "pass --max-record-size MB to raise the limit")
        .replace(MAX_SIZE_HINT, "raise it with --max-size")
        .replace(RNG_HINT, "pass --rng FILE")
        .replace(TEI_ALL_PROFILE_HINT, "check it as TEI with `tei-encoder validate --profile tei-all`")
        .replace(FOLLOW_SYMLINKS_HINT, "pass --follow-symlinks to read what it points to")
        .replace(REQUIREMENT_HINT, "pass --requirement SPEC to init")
        .replace(INCLUDE_ROOT_HINT, "pass --include-root DIR to let includes reach a trusted folder")
    )


def _worded(exc: Exception) -> str:
    """A core error in this command line's terms: a typed error's facts worded with its option."""
    if isinstance(exc, MissingSiteInput):
        what, needs = ("stylesheet", "a file") if exc.kind == "css" else ("folder", "a folder")
        return f"{exc.path}: the --{exc.kind} {what} {not_there(exc.path, needs)}"
    return _in_cli_terms(str(exc))


def authority_label(choice) -> str:
    """Which authority a run uses (authority.AuthorityChoice), in a line naming the option that chose it."""
    return f"--authority {choice.label}" if choice.origin == "option" else choice.label


def _one_line(message: str) -> str:
    """A message as one printable line (a file name inside it may hold a newline or bytes that are not UTF-8)."""
    return shown(message)


def _fail_usage(message: str) -> NoReturn:
    # a core message's advice worded as this command line's option (--follow-symlinks, --encoding)
    click.echo(f"tei-encoder: error: {_one_line(_in_cli_terms(message))}", err=True)
    sys.exit(EXIT_USAGE)


def _fail(message: str) -> NoReturn:
    """A fault that stops the whole command (output cannot be written, a worker died): one line, exit 1."""
    click.echo(f"tei-encoder: error: {_one_line(message)}", err=True)
    sys.exit(EXIT_FAILED)


def _report_skipped(report: Reporter, skipped: list) -> int:
    """Report each input left out (a symbolic link not followed); returns how many."""
    for path, reason in skipped:
        report.error(path, reason)
    return len(skipped)


def _kept_apart(
    summaries: list,
    sources: dict[str, Path],
    output: Path,
    publisher,
    report: Reporter,
    max_mb: float,
    include_roots: tuple,
) -> list:
    """The summaries with entities kept apart where documents give one xml:id to different
    entities (clashes.entry_clashes): each clash reported on one line, and the pages of the
    documents holding one written again, linking their own entity. Only those documents are read
    again (none in most editions); one that cannot be is reported and left out (its page removed)."""
    from lxml import etree

    from .clashes import clash_message, entry_clashes
    from .publish import PublishError, read_tei_source, remove_document, write_document
    from .xmlsafe import UnsafeXML

    scopes, clashes = entry_clashes(summaries)
    failed: list[str] = []
    if not clashes:
        return summaries
    files = {name: str(path) for name, path in sources.items()}
    for clash in clashes:
        first = clash.groups[0][2][0]
        report.warning(sources[first], clash_message(clash, files))
    for name, scope in sorted(scopes.items()):
        try:
            _tree, _warnings, tei = read_tei_source(
                sources[name], int(max_mb * 1024 * 1024), tuple(str(r) for r in include_roots)
            )
            write_document(output, publisher, name, tei, scope)  # its warnings were reported the first time
        except (
            etree.XMLSyntaxError,
            UnsafeXML,
            PublishError,
            OutputError,
            ValueError,
            OSError,
        ) as exc:  # the file changed or went: its page would link merged entities, so it goes
            report.error(
                sources[name],
                f"not published: its page could not be written again to keep entities of one id apart: {lines_of(str(exc))[0] if str(exc) else type(exc).__name__}",
            )
            remove_document(output, name)
            failed.append(name)
    return [s.rekeyed(scopes[s.name]) if s.name in scopes else s for s in summaries if s.name not in failed]


def change_date(option: str | None) -> str | None:
    """The revisionDesc date: --date, else SOURCE_DATE_EPOCH, else none (output stays reproducible).

    Raises UsageError for a value that is not an ISO 8601 date or a Unix timestamp.
    """
    if option:
        try:
            return _dt.date.fromisoformat(option).isoformat()
        except ValueError:
            raise UsageError(f"--date {option!r} is not a date in the form YYYY-MM-DD") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).date().isoformat()
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp") from None
    return None


def _settings(
    authority: tuple[str, ...],
    inputs: list[Path],
    date: str | None,
    encoding: str | None,
    gazetteer: bool,
    record_format: str = DEFAULT_FORMAT,
    max_record_size: float | None = None,
    follow_symlinks: bool = False,
) -> EncodeSettings:
    from .config import record_format as format_description
    from .read import text_encoding_problem
    from .settings import EncodeSettings

    choice = _checked_authority(authority, inputs, follow_symlinks)
    format_description(record_format)  # an unknown name is a usage error now, not one per record
    if encoding and (problem := text_encoding_problem(encoding)):
        raise UsageError(f"--encoding {encoding}: {problem}")
    limit = {} if max_record_size is None else {"max_record_bytes": int(max_record_size * 1024 * 1024)}
    return EncodeSettings(
        authority=choice.folders,
        authority_label=authority_label(choice),
        change_date=change_date(date),
        encoding=encoding,
        gazetteer=gazetteer,
        record_format=record_format,
        follow_symlinks=follow_symlinks,
        **limit,
    )


def _checked_authority(authority: tuple[str, ...], inputs: list[Path], follow_symlinks: bool = False):
    """The authority a run uses (--authority, else authority/ beside the records, else the base
    shipped with tei-encoder), checked once: a broken file is one usage error, not one per record.
    """
    from .authority import choose_authority, load_authority
    from .authority_edit import check_authority

    try:
        choice = choose_authority(tuple(Path(a) for a in authority), inputs)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    load_authority(
        choice.folders, follow_symlinks
    )  # a link without the opt-in, unreadable, malformed, a DOCTYPE, a folder: one usage error (file:line)
    problems = check_authority(choice.folders, follow_symlinks)
    broken = [p for p in problems if p.broken]
    if broken:
        first = broken[0]
        more = f" (and {len(broken) - 1} more: run `tei-encoder authority check`)" if len(broken) > 1 else ""
        raise UsageError(f"{first.where}: {first.message}{more}")
    if problems:  # readable, but not as it should be: said once, and the run goes on
        first = problems[0]
        more = f" ({len(problems) - 1} more: run `tei-encoder authority check`)" if len(problems) > 1 else ""
        click.echo(f"{first.path}:{first.line}: warning: {first.message}{more}", err=True)
    return choice


def output_overlap(inputs: list[Path], output: Path, written: tuple[str, ...], reads_below: bool) -> str:
    """Why OUTPUT cannot take a command's output made from INPUTS, in one line ('' when it can).

    The one rule of build and publish (encode reads *.txt and writes *.xml, so never reads its own
    output): an output folder that is an input folder (or, for a command that reads sub-folders
    too, lies inside one) would have the next run read the command's own files as input (`build c
    -o c` counted c/tei/*.xml as corpus files in a sub-folder and failed from its second run on);
    an input inside one of the folders the command writes into OUTPUT (WRITTEN: build's tei/, a
    site's tei/ copies) would be overwritten by its own output. Paths are compared after links are
    resolved (fsutil.inside)."""
    from .fsutil import inside

    for given in inputs:
        for folder in written:
            if inside(output / folder, given):
                which = "which is" if given.resolve() == (output / folder).resolve() else "which holds"
                return f"-o {output} writes into {output / folder}, {which} the input {given}: it would be overwritten; choose another -o"
        if given.is_dir() and (
            inside(given, output) if reads_below else inside(output, given) and inside(given, output)
        ):
            return (
                f"-o {output} {'is' if output.resolve() == given.resolve() else 'lies inside'} the input folder {given}: the next run would read this "
                "run's output as input; choose an output folder outside it"
            )
    return ""


def _folders_only(_ctx, param, values: tuple[Path, ...]) -> tuple[Path, ...]:
    """click's Path(file_okay=False) lets a named pipe or device through: only folders pass."""
    for value in values:
        if not value.is_dir():
            raise click.BadParameter(f"{shown(value)} {not_there(value, 'a folder')}", param=param)
    return values


# validate's and publish's: the folders XIncludes may reach besides each TEI file's own
include_root_option = click.option(
    "--include-root",
    "include_roots",
    multiple=True,
    type=NonEmptyPath(exists=True, file_okay=False, path_type=Path),
    callback=_folders_only,
    metavar="DIR",
    help="A folder XIncludes may also reach (default: only the TEI file's own folder); repeatable. "
    "Links out of it and absolute paths or file: URLs elsewhere stay refused.",
)


def _path_parameter_problem(exc: click.BadParameter) -> str:
    """A path parameter's error in one line: "-o/--output: Directory 'out' is a file."."""
    param = exc.param
    names = "/".join(param.opts) if isinstance(param, click.Option) else (param.human_readable_name if param else "")
    return f"{names}: {exc.message}" if names else exc.message


class _Guarded(click.Group):
    """The command group, with a last line of defence: whatever escapes a command (an output
    fault nobody caught, a bug) ends as one line on stderr and a non-zero exit, never a
    traceback. TEI_ENCODER_DEBUG=1 shows the traceback for a bug report.
    """

    def invoke(self, ctx: click.Context):
        previous = stop_on_signals()
        try:
            return super().invoke(ctx)
        except click.BadParameter as exc:
            if not isinstance(getattr(exc.param, "type", None), (click.Path, OneLineType)):
                raise
            # a path option or argument naming the wrong kind of thing (a file for a folder, nothing, an
            # empty path) or a value out of its range: one line like every other usage problem (#13)
            _fail_usage(_path_parameter_problem(exc))
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Stopped as exc:
            click.echo(f"tei-encoder: stopped by {signal.Signals(exc.signum).name}", err=True)
            sys.exit(128 + exc.signum)
        except KeyboardInterrupt:
            click.echo("tei-encoder: interrupted", err=True)
            sys.exit(130)
        except UsageError as exc:
            _fail_usage(_worded(exc))
        except OutputError as exc:
            _fail(str(exc))
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (`| head`): nothing more to say
            sys.exit(EXIT_FAILED)
        except Exception as exc:
            from .publish import PublishError  # imported here: the stages stay out of --help

            pools = sys.modules.get("concurrent.futures.process")  # loaded only by a command that ran a pool
            if pools is not None and isinstance(exc, pools.BrokenProcessPool):
                _fail("a worker process died (killed, or out of memory); nothing more was done, run the command again")

            if isinstance(exc, PublishError):  # a stylesheet (an edition's own, say) failed: not a bug of ours
                _fail(f"publishing stopped: {exc}")  # the message names the stylesheet's file and line
            if os.environ.get("TEI_ENCODER_DEBUG"):
                raise
            cause = (
                f"{exc.strerror or exc} ({shown(exc.filename)})" if isinstance(exc, OSError) and exc.filename else exc
            )
            if isinstance(exc, (OSError, MemoryError)):  # a fault of the machine: _fail says "error:" itself
                _fail(f"{type(exc).__name__}: {cause}")
            _fail(f"internal error: {type(exc).__name__}: {cause} (please report it)")
        finally:
            restore(previous)


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei-encoder")
def main() -> None:
    """Turn plain-text archival records into TEI P5, validate them, and publish an HTML edition.

    Start with `tei-encoder build`, which encodes, validates and publishes corpus/ into build/.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=NonEmptyPath(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=NonEmptyPath(path_type=Path),
    help="FILE.xml for one record, or a folder (written as FOLDER/<record name>.xml). Default for one record: standard output.",
)
@click.option(
    "--keep",
    is_flag=True,
    help="Write each record's TEI beside it (X.txt -> X.xml) as a TEI master to correct by hand: "
    "build then publishes it as it is and never overwrites it. An existing X.xml is never replaced.",
)
@with_options(common_encode_options)
def encode(
    paths,
    output,
    keep,
    authority,
    date,
    encoding,
    no_gazetteer,
    record_format,
    max_record_size,
    follow_symlinks,
    quiet,
    verbose,
):
    """Encode plain-text records (files, or folders of *.txt) as TEI P5.

    Exit status: 0 every record encoded, 1 some failed (the others are still written), 2 usage error.
    """
    from .edition import is_master
    from .fsutil import atomic_write, is_regular, name_key, safe_stem
    from .pipeline import record_files

    report = Reporter(quiet, verbose)
    skipped: list = []
    try:
        files = record_files(list(paths), follow_symlinks, skipped)
        # a device or a named pipe (/dev/stdout, /dev/null) takes one record's TEI as a file would
        stream = output is not None and output.exists() and not output.is_dir() and not is_regular(output)
        if (
            output is not None
            and output.exists()
            and not output.is_dir()
            and (len(files) > 1 or (output.suffix.lower() != ".xml" and not stream))
        ):
            raise UsageError(not_a_folder(output, "-o needs a folder for these records"))
        if output is not None and not output.exists() and len(files) > 1 and output.suffix.lower() == ".xml":
            # `-o one.xml` for several records: a folder of that name would surprise; say what is needed
            raise UsageError(f"{output}: names one .xml file, but {counted(len(files), 'record')} need -o FOLDER")
        settings = _settings(
            authority, list(paths), date, encoding, not no_gazetteer, record_format, max_record_size, follow_symlinks
        )
        if keep and output is not None:
            raise UsageError("--keep writes each TEI master beside its record: it takes no -o")
    except UsageError as exc:
        _fail_usage(str(exc))
    failed = _report_skipped(report, skipped)
    if not files:
        if failed:
            sys.exit(EXIT_FAILED)
        _fail_usage("no records found (folders are searched for *.txt files)")
    if keep:
        sys.exit(_encode_masters(files, settings, report))
    to_folder = (
        output is not None and not stream and (output.is_dir() or len(files) > 1 or output.suffix.lower() != ".xml")
    )
    if output is None and len(files) > 1:
        _fail_usage("several records need -o FOLDER")
    written: dict[Path, Path] = {}
    written_keys: dict[tuple[Path, str], Path] = {}  # (folder, name_key of the file name) -> the target
    for path in files:
        result = _encode_checked(path, settings, report)
        if result is None:
            failed += 1
            continue
        if output is None:
            try:
                sys.stdout.buffer.write(result.tei)
                sys.stdout.buffer.flush()
            except BrokenPipeError:
                raise  # the reader went away (`| head`): _Guarded ends quietly
            except OSError as exc:  # a full disk behind a redirection: said once, naming standard output
                _fail(f"cannot write to standard output: {exc.strerror or exc}")
            continue
        target = output / f"{safe_stem(path.stem)}.xml" if to_folder else output
        if target in written:
            report.error(path, f"would overwrite {target}, already written from {written[target]}")
            failed += 1
            continue
        # `X.xml` beside `x.xml`: one file where names ignore letter case (macOS, Windows)
        same = written_keys.get((target.parent, name_key(target.name)))
        if same is not None:
            report.error(
                path,
                f"would be one file with {same} on macOS and Windows (the names differ only in letter case or "
                f"Unicode form), already written from {written[same]}; rename one of them",
            )
            failed += 1
            continue
        if is_master(target):  # never lose an edit: a TEI master is only replaced by hand
            report.error(path, f"would overwrite {target}, a TEI master (hand-corrected TEI); not written")
            failed += 1
            continue
        try:
            atomic_write(target, result.tei)
        except OutputError as exc:
            if exc.fatal:
                _fail(f"{exc}; stopped after {len(written)} of {counted(len(files), 'record')}")
            report.error(path, str(exc))
            failed += 1
            continue
        written[target] = path
        written_keys[(target.parent, name_key(target.name))] = target
        if verbose:
            report.info(f"{path} -> {target}")
    total = len(files) + len(skipped)
    if total > 1:
        report.info(
            f"encoded {total - failed} of {counted(total, 'record')}"
            + (f"; {failed} failed" if failed else "")
            + f"; authority: {settings.authority_label}"
        )
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


def _encode_checked(path, settings, report):
    """Encode one record (checked against the project schema by encode_record); report its warnings
    and any error (one line each). Returns the EncodeResult, or None when nothing may be written."""
    from .pipeline import encode_record

    result = encode_record(path, settings)
    for warning in result.warnings:
        report.warning(path, warning)
    if result.error is not None or result.tei is None:
        report.error(path, result.error or "no TEI was produced")
        return None
    return result


def _encode_masters(files: list[Path], settings: EncodeSettings, report: Reporter) -> int:
    """`encode --keep`: X.txt -> X.xml beside it, a TEI master; an existing X.xml is kept as it is."""
    from .edition import master_bytes
    from .fsutil import atomic_write, is_regular

    made = kept = failed = 0
    for path in files:
        target = path.with_suffix(".xml")
        if target.exists() and not is_regular(target):  # a named pipe, a device: neither kept nor written
            report.error(path, f"{shown(target)} {not_there(target)}; no TEI master written")
            failed += 1
            continue
        if target.exists():
            report.warning(target, "already a TEI master: kept as it is (delete it to encode the record again)")
            kept += 1
            continue
        result = _encode_checked(path, settings, report)
        if result is None:
            failed += 1
            continue
        try:
            atomic_write(target, master_bytes(result.tei, path))
        except OutputError as exc:
            if exc.fatal:
                _fail(f"{exc}; stopped after {counted(made, 'TEI master')}")
            report.error(path, str(exc))
            failed += 1
            continue
        made += 1
        if report.verbose:
            report.info(f"{path} -> {target}")
    report.info(
        f"encode --keep: {counted(made, 'TEI master')} written, {kept} existing kept, {failed} failed; "
        f"authority: {settings.authority_label}"
    )
    return EXIT_FAILED if failed else EXIT_OK


@main.command()
@click.argument("paths", nargs=-1, required=True, type=NonEmptyPath(path_type=Path))
@click.option(
    "--profile",
    type=click.Choice(["auto", "tei-encoder", "tei-all"]),
    default="auto",
    show_default=True,
    help="What to check against. tei-encoder: the project schema and rules. tei-all: the official tei_all "
    "RELAX NG (jing when installed). auto: tei-encoder for files tei-encoder wrote, tei-all for any other TEI.",
)
@click.option(
    "--schema",
    "xsd",
    type=NonEmptyPath(dir_okay=False, path_type=Path),
    help="XSD to validate against. Default: the project schema (schema/tei-encoder.xsd).",
)
@click.option(
    "--no-schema",
    is_flag=True,
    help="Skip the XSD (for TEI that is not tei-encoder's: combine with --no-rules --rng FILE).",
)
@click.option(
    "--rules/--no-rules",
    default=True,
    show_default=True,
    help="Also check the project's Schematron rules (schema/rules.sch).",
)
@click.option(
    "--rng",
    type=NonEmptyPath(dir_okay=False, path_type=Path),
    help="A RELAX NG schema: tei_all.rng for --profile tei-all (default: found or fetched, see README), "
    "else validated against too; uses jing when installed.",
)
@click.option(
    "--tei-constraints",
    type=click.Choice(["warning", "error", "off"]),
    default="warning",
    show_default=True,
    help="How tei_all's embedded Schematron constraints are reported (tei-all profile). jing ignores them: "
    "as warnings the verdict is the RELAX NG one.",
)
@click.option(
    "--max-size",
    "max_mb",
    type=Megabytes(),
    default=200,
    show_default=True,
    metavar="MB",
    help="Refuse files larger than this many megabytes, above 0 and at most 1048576 (smaller ones may hold text nodes of any size).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "junit", "github"]), default="text", show_default=True
)
@click.option(
    "--report",
    "report_file",
    type=NonEmptyPath(dir_okay=False, path_type=Path),
    help="Write the report to this file (for example junit.xml) instead of standard output.",
)
@click.option(
    "-j",
    "--jobs",
    type=JOBS,
    default=0,
    help="Worker processes for large batches (default: one per core).",
)
@click.option(
    "--follow-symlinks",
    "follow_symlinks",
    is_flag=True,
    help="Read symbolic links found in folders (default: report them as refused, unread).",
)
@include_root_option
def validate(
    paths,
    profile,
    xsd,
    no_schema,
    rules,
    rng,
    tei_constraints,
    max_mb,
    fmt,
    report_file,
    jobs,
    follow_symlinks,
    include_roots,
):
    """Validate TEI files (or folders of *.xml) against the project schema and rules, or tei_all.

    Every problem is reported as FILE:LINE:COLUMN: SEVERITY: MESSAGE [ELEMENT PATH]; every file gets
    one status: valid, invalid, not well-formed, refused (DOCTYPE, failed XInclude, over --max-size)
    or not checked. Exit status: 0 all valid, 1 any other status, 2 usage error.
    """
    from lxml import etree

    from .fsutil import atomic_write
    from .inputs import collect_files
    from .reports import failed, render
    from .validate import FILE_LEVEL, Diagnostic, Validator, unique_files

    skipped: list = []
    try:
        files, repeated = unique_files(
            collect_files(list(paths), (".xml",), recursive=True, follow_symlinks=follow_symlinks, skipped=skipped)
        )
        if report_file is not None and report_file.is_dir():
            raise UsageError(f"{report_file}: is a folder; --report needs a file name")
        if report_file is not None:  # never written over a file being validated or a schema (#13)
            named = [Path(p) for p in paths]
            inputs = [*files, *(p for p in (xsd, rng) if p is not None)]
            clash = output_clash(report_file, inputs, (), read=[p for p in named if p.is_dir()])
            if clash:
                raise UsageError(f"--report {shown(report_file)}: {clash}; not written")
        if not files and not skipped:
            raise UsageError("no TEI files found (folders are searched for *.xml)")
        if repeated:  # on standard error: the report itself stays one record per file
            more = f" and {len(repeated) - 1} more" if len(repeated) > 1 else ""
            click.echo(f"note: {repeated[0]}{more} named more than once: each file is checked once", err=True)
        for given in (xsd, rng):
            if given is not None and not given.is_file():
                raise UsageError(f"{given}: schema file {not_there(given)}")
        custom = xsd is not None or no_schema or not rules
        if custom and profile == "tei-all":
            raise UsageError("--profile tei-all checks tei_all only: drop --schema/--no-schema/--no-rules")
        if no_schema and not rules and rng is None:
            raise UsageError("nothing to validate against: --no-schema --no-rules needs --rng FILE")
        validator = Validator(
            xsd=False if no_schema else xsd,
            rules=None if rules else False,
            rng=rng,
            profile="custom" if custom else profile,
            max_bytes=int(max_mb * 1024 * 1024),
            tei_constraints=tei_constraints,
            include_roots=tuple(str(r) for r in include_roots),
        )
        diagnostics = validator.check_files(files, jobs or os.cpu_count() or 1)
    except UsageError as exc:
        _fail_usage(str(exc))
    except (OSError, etree.XMLSchemaParseError, etree.RelaxNGParseError, etree.XMLSyntaxError) as exc:
        _fail_usage(lines_of(str(exc))[0])
    diagnostics = [
        Diagnostic(str(p), FILE_LEVEL, FILE_LEVEL, "error", reason, source="refused") for p, reason in skipped
    ] + diagnostics
    # every format gets printable one-line names: bytes that are not UTF-8 and control characters escaped
    diagnostics = [replace(d, file=shown(d.file), message=shown(_in_cli_terms(d.message))) for d in diagnostics]
    names = [shown(p) for p, _ in skipped] + [shown(f) for f in files]
    output = render(diagnostics, names, fmt)
    if report_file:
        try:
            atomic_write(report_file, output.encode("utf-8"))
        except OutputError as exc:
            _fail(f"cannot write the report: {exc}")
        if fmt != "text":
            click.echo(render(diagnostics, names, "text"), nl=False, err=True)
    else:
        click.echo(output, nl=False)
    sys.exit(EXIT_FAILED if failed(diagnostics, names) else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=NonEmptyPath(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@with_options(common_encode_options)
def entities(
    paths, fmt, authority, date, encoding, no_gazetteer, record_format, max_record_size, follow_symlinks, quiet, verbose
):
    """Report the persons, places, organisations and dates each record mentions.

    PATHS are records (*.txt, encoded in memory) or TEI files (*.xml); folders are searched for
    both. The report ends with the unlinked candidates: names found by rules that no authority
    file lists, for an editor to review.
    """
    from lxml import etree

    from .entity_report import entity_rows, render
    from .inputs import collect_files
    from .pipeline import encode_record
    from .publish import PublishError, read_tei

    report = Reporter(quiet, verbose)
    skipped: list = []
    try:
        files = collect_files(list(paths), (".txt", ".xml"), follow_symlinks=follow_symlinks, skipped=skipped)
        settings = _settings(
            authority, list(paths), date, encoding, not no_gazetteer, record_format, max_record_size, follow_symlinks
        )
    except UsageError as exc:
        _fail_usage(str(exc))
    rows, failed = [], _report_skipped(report, skipped)
    for path in files:
        try:
            if path.suffix == ".xml":
                tree, _ = read_tei(path)  # as validate and publish read it: a failed XInclude is refused
            else:
                result = encode_record(path, settings)
                if not result.ok:
                    raise ValueError(result.error)
                tree = etree.ElementTree(result.tree)  # the tree the TEI was written from
        except (ValueError, OSError, etree.XMLSyntaxError, PublishError) as exc:
            report.error(path, lines_of(str(exc))[0] if str(exc) else type(exc).__name__)
            failed += 1
            continue
        rows.extend(entity_rows(shown(path.stem), tree))
    click.echo(render(rows, fmt), nl=False)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=NonEmptyPath(path_type=Path))
@click.option(
    "-o", "--output", type=NonEmptyPath(file_okay=False, path_type=Path), required=True, help="Site folder to write."
)
@click.option("--title", type=NonEmptyText(), default=None, help="Title of the edition, shown on every page.")
@with_options(site_options)
@click.option(
    "--follow-symlinks",
    "follow_symlinks",
    is_flag=True,
    help="Read symbolic links found in folders (default: refuse them, so nothing outside is published by accident).",
)
@click.option(
    "--max-size",
    "max_mb",
    type=Megabytes(),
    default=200,
    show_default=True,
    metavar="MB",
    help="Refuse files larger than this many megabytes, above 0 and at most 1048576 (smaller ones may hold text nodes of any size), as validate.",
)
@include_root_option
def publish(paths, output, title, css, xslt, no_search, follow_symlinks, max_mb, include_roots):
    """Publish TEI files (or folders of *.xml) as a static HTML edition in OUTPUT.

    Writes OUTPUT/index.html, the registers (persons.html, places.html, orgs.html), one page per
    document under OUTPUT/docs/, a copy of each TEI file under OUTPUT/tei/, the CSS, and the
    full-text search (search.html and OUTPUT/pagefind/) when Pagefind is installed. What an
    earlier publish into OUTPUT wrote and this one does not (documents no longer among PATHS or
    failing now, and their entities' pages) is removed and counted, as listed in
    OUTPUT/.tei-encoder-published.json; files you put there yourself are never removed.
    Exit status: 0 published, 1 some file could not be published, 2 usage error.
    """
    with ExitStack() as held:  # the site's lock (buildlock.site_lock), let go however the command ends
        _publish(held, paths, output, title, css, xslt, no_search, follow_symlinks, max_mb, include_roots)


def _publish(held: ExitStack, paths, output, title, css, xslt, no_search, follow_symlinks, max_mb, include_roots):
    """The publish command's work; `held` takes the site folder's lock once the folder is there."""
    from lxml import etree

    from .buildlock import site_lock
    from .fsutil import name_key, safe_stem, writable_folder
    from .inputs import collect_files
    from .publish import (
        Published,
        Publisher,
        PublishError,
        copy_assets,
        edition_title,
        entry_pages,
        read_published,
        read_tei_source,
        record_published,
        remove_document,
        remove_unpublished,
        ui_string_warnings,
        ui_strings,
        write_document,
        write_edition_pages,
        write_overviews,
    )
    from .search import build_search_index, remove_search, search_available
    from .teidoc import summarize
    from .xmlsafe import UnsafeXML, describe_xml_error

    report = Reporter()
    skipped: list = []
    try:
        files = collect_files(list(paths), (".xml",), recursive=True, follow_symlinks=follow_symlinks, skipped=skipped)
        if not files and not skipped:
            raise UsageError("no TEI files found (folders are searched for *.xml)")
        if not files:  # only inputs that cannot be read: each is reported, and no empty site is made
            report.info(f"published 0 of {counted(_report_skipped(report, skipped), 'document')}")
            sys.exit(EXIT_FAILED)
        if output.exists() and not output.is_dir():
            raise UsageError(not_a_folder(output, "-o needs a folder for the site"))
        if overlap := output_overlap(list(paths), output, ("tei",), reads_below=True):
            raise UsageError(overlap)
        if css is not None and not css.is_file():
            raise UsageError(f"{css}: the --css stylesheet {not_there(css)}")
        search = not no_search and search_available()
        shared, ours = "", True
        if title is None and not ui_strings(xslt).get("edition-title", "").strip():
            # no title given or configured: the one the documents share, else a neutral one for other projects' TEI
            shared, ours = edition_title(files, int(max_mb * 1024 * 1024))
        publisher = Publisher(
            title or shared or None,
            overrides=xslt,
            custom_css=css is not None,
            search=search,
            follow_symlinks=follow_symlinks,
            neutral_title=not ours,
            documents={safe_stem(path.stem) for path in files},
        )
        for strings_file, warning in ui_string_warnings(xslt):
            report.warning(strings_file, warning)
        if xslt is not None:
            publisher.check()  # a broken override: one usage error, not one per document
        writable_folder(output)
        held.enter_context(site_lock(output))  # one writer at a time: another publish, or a build
        for warning in copy_assets(output, publisher.xslt_dir, css):
            report.warning(css, warning)
        # what the last publish into this folder wrote; kept listed with what this one is about to
        # write until it is done, so that a publish stopped half-way leaves nothing unlisted
        earlier = read_published(output)
        record_published(output, earlier | Published(frozenset(safe_stem(path.stem) for path in files)))
    except (UsageError, PublishError) as exc:
        _fail_usage(_worded(exc))
    except OutputError as exc:
        _fail(str(exc))
    summaries, failed = [], _report_skipped(report, skipped)
    sources: dict[str, Path] = {}  # output name -> its file
    seen: dict[str, str] = {}  # name_key of each output name published -> the name
    for path in files:
        name = safe_stem(path.stem)
        try:
            # name_key: `X` and `x` are one page where names ignore letter case (macOS, Windows)
            if (taken := seen.get(name_key(name))) is not None:
                raise ValueError(
                    f"another file already published as {name}.html"
                    if taken == name
                    else f"another file already published as {taken}.html, one page with {name}.html on macOS and Windows (names differing only in letter case or Unicode form)"
                )
            # the file's own bytes (UTF-8, nothing included), else re-encoded as UTF-8, XIncludes resolved
            tree, warnings, tei = read_tei_source(path, int(max_mb * 1024 * 1024), tuple(str(r) for r in include_roots))
            for warning in warnings:
                report.warning(path, warning)
            for warning in write_document(output, publisher, name, tei):
                report.warning(path, warning)
            summaries.append(summarize(tree, name))
            seen[name_key(name)] = name
            sources[name] = path
        except (etree.XMLSyntaxError, UnsafeXML) as exc:
            report.error(path, describe_xml_error(exc))
            failed += 1
        except OutputError as exc:
            remove_document(output, name)  # its page without its download (or back): none of it is left
            if exc.fatal:
                _fail(f"{exc}; publishing stopped: {len(summaries)} of {counted(len(files), 'document')} published")
            report.error(path, str(exc))
            failed += 1
        except (PublishError, ValueError, OSError) as exc:
            report.error(path, lines_of(str(exc))[0] if str(exc) else type(exc).__name__)
            failed += 1
    kept = _kept_apart(summaries, sources, output, publisher, report, max_mb, include_roots)
    failed += len(summaries) - len(kept)
    summaries = kept
    if failed_again := set(seen.values()) - {s.name for s in summaries}:
        seen = {key: name for key, name in seen.items() if name not in failed_again}
    overviews_written, removed, removed_pages = True, 0, 0
    try:
        now = Published(frozenset(seen.values()), frozenset(entry_pages(summaries)))
        record_published(output, earlier | now)
        # what the last publish wrote and this one does not (documents gone or failing now, their
        # entities' pages) goes, as a build removes its records gone: never a file it did not write
        removed, removed_pages = remove_unpublished(output, earlier, now)
        write_overviews(output, publisher, summaries, search=search)  # all pages: publish is not incremental
        # the edition's about, introduction …: linking only the documents and entry pages written
        for page, warning in write_edition_pages(output, publisher, [s.name for s in summaries], now.pages):
            report.warning(page, warning)
        if search:
            unreadable: list = []  # pages of this run only: a page left from an earlier publish is not read
            unsplit: list = []  # text whose words the search cannot split: warnings
            build_search_index(output, pages=seen.values(), unreadable=unreadable, unsplit=unsplit)
            for page, why in sorted(unreadable):
                report.error(page, why)
            for page, why in sorted(unsplit):
                report.warning(page, why)
            failed += len(unreadable)
        else:
            remove_search(output)
        record_published(output, now)
    except OutputError as exc:
        _fail(f"{exc}; publishing stopped")
    except PublishError as exc:
        report.error(output, str(exc))
        failed += 1
        overviews_written = False
    total = len(files) + len(skipped)
    # the arrow names the index only when this run wrote every overview page
    where = f" -> {output / 'index.html'}" if overviews_written else "; the index and registers were not all written"
    gone = f"; {removed} removed" + (f" ({counted(removed_pages, 'entry page')} too)" if removed_pages else "")
    report.info(f"published {len(summaries)} of {counted(total, 'document')}{gone}{where}")
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@main.command()
@click.argument("corpus", required=False, type=NonEmptyPath(path_type=Path), default=Path("corpus"))
@click.option(
    "-o",
    "--output",
    type=NonEmptyPath(path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Build folder: TEI goes to OUTPUT/tei/, the HTML edition to OUTPUT/site/.",
)
@click.option("-j", "--jobs", type=JOBS, default=0, help="Worker processes (default: one per core).")
@click.option("--force", is_flag=True, help="Rebuild everything, ignoring what the last build left.")
@click.option("--title", type=NonEmptyText(), default=None, help="Title of the edition, shown on every page.")
@click.option(
    "--stats",
    "stats_file",
    type=NonEmptyPath(dir_okay=False, path_type=Path),
    help="Write counts and time per stage as JSON to this file.",
)
@with_options(site_options)
@with_options(common_encode_options)
def build(
    corpus,
    output,
    jobs,
    force,
    title,
    css,
    xslt,
    no_search,
    stats_file,
    authority,
    date,
    encoding,
    no_gazetteer,
    record_format,
    max_record_size,
    follow_symlinks,
    quiet,
    verbose,
):
    """Encode, validate and publish CORPUS (default: corpus/) into OUTPUT/tei/ and OUTPUT/site/.

    Incremental: only records whose input or configuration changed are processed again.
    Exit status: 0 all records built, 1 some record failed or encoded invalid TEI, 2 usage error.
    """
    from .build import BuildError, BuildOptions, run_build
    from .fsutil import atomic_write

    report = Reporter(quiet, verbose)
    try:
        if not corpus.is_dir():
            raise UsageError(f"{shown(corpus)}: corpus {not_there(corpus, 'a folder of records')}")
        if output.exists() and not output.is_dir():
            raise UsageError(not_a_folder(output, "-o needs a folder for the build"))
        if overlap := output_overlap([corpus], output, ("tei", "site", ".tei-encoder"), reads_below=False):
            raise UsageError(overlap)
        if stats_file is not None and stats_file.is_dir():
            raise UsageError(f"{stats_file}: is a folder; --stats needs a file name")
        settings = _settings(
            authority, [corpus], date, encoding, not no_gazetteer, record_format, max_record_size, follow_symlinks
        )
        if stats_file is not None:  # never written over an input or a file the build owns (#13)
            from .build import STATE

            owned = [output / "tei", output / "site", output / STATE]
            inputs = [corpus, *settings.authority, *(p for p in (css, xslt) if p is not None)]
            clash = output_clash(stats_file, inputs, owned, read=[corpus])
            if clash:
                raise UsageError(f"--stats {shown(stats_file)}: {clash}; not written")
        progress = _progress_bar if not quiet and sys.stderr.isatty() else None
        options = BuildOptions(
            jobs=jobs,
            force=force,
            title=title,
            progress=progress,
            css=css,
            xslt=xslt,
            search=not no_search,
            follow_symlinks=follow_symlinks,
        )
        summary = run_build(corpus, output, settings, report, options)
    except UsageError as exc:
        _fail_usage(str(exc))
    except (BuildError, OutputError) as exc:
        _fail(str(exc))
    if stats_file:
        from dataclasses import asdict

        try:
            atomic_write(stats_file, json.dumps(asdict(summary), indent=2, default=str).encode())
        except OutputError as exc:
            _fail(f"cannot write the statistics: {exc}")
    sys.exit(EXIT_FAILED if summary.failed else EXIT_OK)


def eta_seconds(
    done: int, total: int, since: tuple[float, int] | None, measured: tuple[float, int] | None
) -> float | None:
    """Seconds left: the records still to do at the rate between `since` and `measured`, each a
    (time, records done then); None until that rate spans at least half a second.

    Why two points and not the time since the start: the first results include starting the
    workers (a second or more), and results arrive in bursts (a chunk of records at once), so
    the rate is measured from the end of the first burst to the last result before the current
    one — at the start of a burst, that is the end of the previous, complete one.
    """
    if total <= done:
        return 0.0
    if since is None or measured is None:
        return None
    elapsed, progressed = measured[0] - since[0], measured[1] - since[1]
    if elapsed < 0.5 or progressed <= 0:
        return None
    return (total - done) * elapsed / progressed


class _ProgressBar:
    """A progress line with counts and an ETA measured from the first finished records, for an
    interactive terminal (redrawn at most ten times a second).
    """

    def __init__(self, total: int):
        import time

        self._clock = time.monotonic
        self.total, self.done = total, 0
        self._first: float | None = None  # when the first result came
        self._since: tuple[float, int] | None = None  # the end of the first burst of results
        self._measured: tuple[float, int] | None = None  # the result before the latest one
        self._last: tuple[float, int] | None = None
        self._drawn = 0.0

    def update(self, n: int) -> None:
        """Advance by n records."""
        now = self._clock()
        self._measured = self._last
        self.done += n
        self._last = (now, self.done)
        if self._first is None:
            self._first = now
        if now - self._first < 0.05:
            self._since = (now, self.done)  # still the first burst of results: measure from its end
        if now - self._drawn >= 0.1 or self.done >= self.total:
            self._drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        width = 30
        filled = width * self.done // max(1, self.total)
        eta = eta_seconds(self.done, self.total, self._since, self._measured)
        shown = "--:--" if eta is None else f"{int(eta) // 60:02d}:{int(eta) % 60:02d}"
        click.echo(
            f"\rbuilding [{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total}  eta {shown} ",
            nl=False,
            err=True,
        )

    def finish(self) -> None:
        """End the progress line."""
        self._draw(self._clock())
        click.echo("", err=True)


def _progress_bar(total: int) -> _ProgressBar:
    return _ProgressBar(total)


from .edition_cli import register_edition_commands  # noqa: E402  (commands of an edition's workflow)

register_edition_commands(main)

if __name__ == "__main__":
    main()

"""Every option's value is checked by one parameter type per kind (issue 13): a number out of its
range (inf, nan, 1e308, 0) and an empty path or text are one usage line, exit 2, in every command."""

import click
import pytest
from click.testing import CliRunner

from tei_encoder.cli import main
from tei_encoder.options import Count, Megabytes, NonEmptyPath, NonEmptyText


def _parameters(command: click.Command, path: tuple[str, ...] = ()):
    """(command path, parameter) for every parameter of every command of the group."""
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _parameters(sub, (*path, name))
    else:
        for param in command.params:
            yield path, param


PARAMETERS = list(_parameters(main))


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _one_usage_line(result, option: str) -> None:
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2, result.output
    assert len(lines) == 1 and lines[0].startswith("tei-encoder: error:") and option in lines[0], result.output
    assert "internal error" not in result.output and "Traceback" not in result.output


def test_every_path_text_and_number_option_has_a_checking_type():
    """No command takes a path, a text or a number through click's unchecked types."""
    loose = []
    for path, param in PARAMETERS:
        kind = param.type
        if isinstance(kind, (click.types.BoolParamType, click.Choice)):
            continue
        if not isinstance(kind, (NonEmptyPath, NonEmptyText, Megabytes, Count)):
            loose.append(f"{' '.join(path)} {param.name}: {type(kind).__name__}")
    assert loose == []


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e308", "0", "1e-9", "-1", "many"])
@pytest.mark.parametrize(
    "command",
    [
        ("validate", "x.xml", "--max-size"),
        ("publish", "x.xml", "-o", "site", "--max-size"),
        ("build", "corpus", "--max-record-size"),
        ("encode", "x.txt", "--max-record-size"),
        ("entities", "x.txt", "--max-record-size"),
    ],
)
def test_a_size_limit_that_is_not_a_finite_positive_number_is_a_usage_error(command, value):
    _one_usage_line(_run(*command, value), command[-1])


def test_a_size_limit_within_range_is_taken():
    kind = Megabytes()
    assert kind.convert("0.5", None, None) == 0.5 and kind.convert(1024 * 1024, None, None) == 1024 * 1024


def test_jobs_that_are_not_a_whole_number_are_one_usage_line():
    _one_usage_line(_run("build", "corpus", "-j", "inf"), "--jobs")
    _one_usage_line(_run("validate", "x.xml", "-j", "300"), "--jobs")


def test_every_path_and_text_parameter_refuses_the_empty_string():
    for _path, param in PARAMETERS:
        if isinstance(param.type, (NonEmptyPath, NonEmptyText)):
            with pytest.raises(click.BadParameter):
                param.type.convert("", param, None)


@pytest.mark.parametrize(
    "args,option",
    [
        (("build", "corpus", "-o", ""), "--output"),
        (("build", ""), "CORPUS"),
        (("publish", "x.xml", "-o", ""), "--output"),
        (("encode", "x.txt", "--encoding", ""), "--encoding"),
        (("encode", "x.txt", "--authority", ""), "--authority"),
        (("validate", ""), "PATHS"),
        (("build", "--title", " "), "--title"),
        (("review", "corpus", "-o", ""), "--output"),
        (("authority", "check", "--authority", ""), "--authority"),
    ],
)
def test_an_empty_path_or_value_is_one_usage_line_and_nothing_is_written(tmp_path, monkeypatch, args, option):
    monkeypatch.chdir(tmp_path)
    _one_usage_line(_run(*args), option)
    assert list(tmp_path.iterdir()) == []  # the working folder is not taken for the empty path

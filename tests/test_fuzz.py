"""Property-based fuzzing: random and mutated records give valid TEI or one clean error line.

Bounded in CI; a long run on demand (EXAMPLES inputs per generator, three generators):
    TEI_FUZZ_EXAMPLES=34000 pytest tests/test_fuzz.py -p no:cacheprovider -s
The long run does not stop at the first problem: it counts every input by outcome (valid TEI,
clean error, traceback, invalid against the project schema, invalid against tei_all,
nondeterministic), checks tei_all too (lxml's RELAX NG, compiled once), prints the figures,
writes the failing inputs to tests/artifacts/fuzz-failures/ and then fails if any count is not 0.
"""

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from conftest import CORPUS, FIXTURES, ROOT, SETTINGS, _tei_all_path, record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_encoder.enrich import enrich
from tei_encoder.errors import RecordError
from tei_encoder.parse import parse_record
from tei_encoder.pipeline import recognizer
from tei_encoder.read import decode_record
from tei_encoder.validate import Validator
from tei_encoder.write import write_tei

EXAMPLES = int(os.environ.get("TEI_FUZZ_EXAMPLES", "120"))
LONG = "TEI_FUZZ_EXAMPLES" in os.environ
VALIDATOR = Validator()
FAILURES = ROOT / "tests" / "artifacts" / "fuzz-failures"
SEEDS = [
    p.read_text(encoding="utf-8")
    for p in sorted([*CORPUS.glob("*.txt"), *FIXTURES.glob("*.txt"), *(ROOT / "tests/fixtures/heldout").glob("*.txt")])
]
TOKENS = [
    "[",
    "]",
    "[SIC]",
    "[sic]",
    "[...]",
    "[1]",
    "(p. 2)",
    "[Page 3]",
    "<",
    "&",
    "]]>",
    "&amp;",
    "<b>",
    "**",
    "\n",
    "\n\n",
    "Citation:",
    "Summary:",
    "Contents:",
    "1. ",
    "2. ",
    "A.I. MIKOYAN. ",
    "KIM IL SUNG: ",
    "Fidel Castro",
    "27 April",
    "31 February 1961",
    "\u202e",
    "\U0001f642",
    "\x00",
    "\x1b[31m",
    "\ufeff",
    "\r\n",
    "\t",
    "Copy N° 2",
    "Top Secret.",
]

# "guarded": the writer refused a structure tei_all would reject (a clean error, counted apart: a
# parser bug made visible, never invalid TEI written)
KINDS = ("valid", "error", "guarded", "traceback", "invalid-project", "invalid-tei_all", "nondeterministic")
stats = dict.fromkeys(KINDS, 0)


class Traceback(Exception):
    """Encoding raised something other than RecordError: a crash the user would see."""


def encode_bytes(raw: bytes) -> tuple[bytes | None, str | None]:
    try:
        doc = parse_record(decode_record(Path("fuzz.txt"), raw))
        doc = enrich(doc, recognizer(SETTINGS.authority, SETTINGS.gazetteer))
        return write_tei(doc, "2026-01-01"), None
    except RecordError as exc:
        return None, str(exc)
    except Exception as exc:
        raise Traceback(f"{type(exc).__name__}: {exc}") from exc


@lru_cache(maxsize=1)
def tei_all_schema():
    """tei_all as lxml RELAX NG (10 s to compile: only in the long run), or None when absent."""
    path = _tei_all_path()
    return etree.RelaxNG(etree.parse(str(path))) if path else None


@st.composite
def mutated_records(draw):
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "swap-lines", "truncate"]))
        pos = draw(st.integers(0, len(text)))
        if kind == "insert":
            piece = draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)))
            text = text[:pos] + piece + text[pos:]
        elif kind == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 200)) :]
        elif kind == "duplicate":
            text = text[:pos] + text[pos : pos + draw(st.integers(1, 300))] * 2 + text[pos + 1 :]
        elif kind == "swap-lines":
            lines = text.split("\n")
            a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        else:
            text = text[:pos]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    return text.encode(encoding, errors="surrogatepass")


random_bodies = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400).map(
    lambda t: record(t).encode("utf-8")
)
random_bytes = st.binary(max_size=600)


def outcome(raw: bytes) -> tuple[str, str]:
    """(kind, detail) for one input: kind is one of the keys of `stats`."""
    try:
        tei, error = encode_bytes(raw)
        again, error_again = encode_bytes(raw)
    except Traceback as exc:
        return "traceback", str(exc)
    if (tei, error) != (again, error_again):
        return "nondeterministic", ""
    if tei is None:
        if not error or "\n" in error:
            return "traceback", f"error message is not one line: {error!r}"
        return ("guarded" if "would not be valid TEI" in error else "error"), error
    tree = etree.ElementTree(etree.fromstring(tei))
    problems = [d.text() for d in VALIDATOR.check_tree(tree, "fuzz.xml", tei) if d.severity == "error"]
    if problems:
        return "invalid-project", problems[0]
    schema = tei_all_schema() if LONG else None
    if schema is not None and not schema.validate(tree):
        return "invalid-tei_all", str(schema.error_log.last_error)
    return "valid", ""


def check(raw: bytes) -> None:
    kind, detail = outcome(raw)
    stats[kind] += 1
    if kind in ("valid", "error", "guarded"):
        return
    if LONG:  # count and keep the input; the report fails the run at the end
        FAILURES.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256(raw).hexdigest()[:16]
        (FAILURES / f"{kind}-{name}.txt").write_bytes(raw)
        (FAILURES / f"{kind}-{name}.why").write_text(detail + "\n", encoding="utf-8")
        return
    raise AssertionError((kind, detail, raw[:300]))


# A bounded run in CI is derandomized (the same inputs every time, so CI never flakes); a long run
# (TEI_FUZZ_EXAMPLES set) explores new inputs each time.
fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize="TEI_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@fuzz_settings
@given(mutated_records())
def test_mutated_records(raw):
    check(raw)


@fuzz_settings
@given(random_bodies)
def test_random_bodies(raw):
    check(raw)


@fuzz_settings
@given(random_bytes)
def test_random_bytes(raw):
    check(raw)


def test_report_counts():
    """Prints the figures of the run (see the module docstring for the long run); fails if any
    input crashed, encoded invalid TEI or encoded differently twice."""
    if sum(stats.values()) < 3:  # run alone or first (any test order): check a few inputs of its own
        for text in SEEDS[:3]:
            check(text.encode("utf-8"))
    total = sum(stats.values())
    figures = ", ".join(f"{count} {kind}" for kind, count in stats.items())
    print(f"\nfuzz: {total} inputs: {figures}" + (" (tei_all checked)" if LONG and tei_all_schema() else ""))
    assert total >= 3
    bad = {k: v for k, v in stats.items() if k not in ("valid", "error", "guarded") and v}
    assert not bad, f"{bad}; inputs in {FAILURES}"

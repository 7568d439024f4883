"""Parsing XML we did not write: no network, no external entities, no DTD expansion, and one set
of structural limits (depth, attributes per element, name length) that every stage keeps."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes, urljoin, urlsplit

from lxml import etree

from .errors import (  # noqa: F401  (human_size re-exported)
    INCLUDE_ROOT_HINT,
    MAX_SIZE_HINT,
    UsageError,
    human_size,
    lines_of,
)
from .fsutil import shown
from .plurals import counted
from .tei import NSMAP, TEI_NS, XML_NS  # noqa: F401  (re-exported: callers parse and look up TEI)

# The structural limits of every XML file a command reads, checked once the file is parsed (and again
# once its XIncludes are expanded), before jing or Saxon see it. They are the only limits: Saxon's own
# (the JDK's jdk.xml.* limits, 100 levels, 200 attributes, 1000-character names in saxonche) are
# lifted (saxon_parser_settings), so a file within these is read by every stage alike, and a file
# beyond them is refused in one line naming the line and the limit, never half-checked.
MAX_DEPTH = 256  # elements nested in each other (libxml2's own limit without XML_PARSE_HUGE)
MAX_ATTRIBUTES = 256  # attributes of one element (none is near it in TEI; jing took 73 s for 100,000)
MAX_NAME_LENGTH = 1000  # characters of an element or attribute name, prefix included
DEFAULT_MAX_MB = 200  # validate's and publish's --max-size: larger files are refused unread
XI = "{http://www.w3.org/2001/XInclude}"
# the namespace of a 2003 draft of XInclude: libxml2 still acts on it (jing does not), so a file that
# uses it would be read differently by the two; it is refused wherever it appears
XI_DRAFT = "{http://www.w3.org/2003/XInclude}"
DRAFT_REFUSAL = (
    "uses the 2003 draft XInclude namespace (http://www.w3.org/2003/XInclude), which is not accepted: "
    "use http://www.w3.org/2001/XInclude"
)


def has_xinclude(tree: etree._ElementTree) -> bool:
    """Whether the tree holds an XInclude element of the 2001 namespace or of the 2003 draft's
    (both make libxml2 include files, so both must pass resolve_xinclude's checks)."""
    return next(tree.iter(f"{XI}include", f"{XI_DRAFT}*"), None) is not None


def _draft_element(tree: etree._ElementTree) -> etree._Element | None:
    """The first element of the 2003 draft XInclude namespace (None when there is none)."""
    return next(tree.iter(f"{XI_DRAFT}*"), None)


MAX_XML_BYTES = 512 * 1024 * 1024  # checked before reading: a huge or sparse file costs no memory


@lru_cache(maxsize=8)
def safe_parser(huge: bool = False, collect_ids: bool = True, recover: bool = False) -> etree.XMLParser:
    # huge_tree=False keeps libxml2's own limits on text size (10 MB per node) and nesting; a
    # caller that bounds the file's size itself may lift them (huge=True), as jing has none.
    # resolve_entities=False + load_dtd=False stop XXE and entity-expansion bombs.
    """The parser for XML we did not write: no DTD loading, no entity expansion, no network,
    libxml2's size limits kept unless huge (one per process). collect_ids=False reads a file
    whose xml:id values repeat (well-formed, but invalid), which libxml2's ID table refuses.
    recover: go on after an error (only used where every error is one parse_xml knows to be no
    fault of well-formedness, see there).
    """
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        dtd_validation=False,
        huge_tree=huge,
        remove_blank_text=False,
        collect_ids=collect_ids,
        recover=recover,
    )


# XML 1.0 (fifth edition) NameStartChar and NameChar without the colon: a Namespaces in XML NCName,
# as xml:id must be (xml:id 1.0, section 4). libxml2 checks xml:id by the older (fourth edition)
# letter tables and calls names such as "Ａ" (U+FF21) or "ǅ" not NCNames, as a parse error.
_NAME_START = (
    "A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
# an ASCII value needs only the ASCII part of the classes: the full pattern (about 9 ms to compile: its
# classes span most of Unicode) is made at the first value outside ASCII (issue 16: start-up)
_ASCII_NCNAME = re.compile(r"[A-Z_a-z][A-Z_a-z\-.0-9]*")


@lru_cache(maxsize=1)
def _ncname() -> re.Pattern:
    return re.compile(f"[{_NAME_START}][{_NAME_START}\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040]*")


# libxml2's error for an xml:id it does not take for an NCName: a validity matter, not well-formedness
_XML_ID_VALUE = "DTD_XMLID_VALUE"


def is_ncname(value: str) -> bool:
    """True when value is an XML name without a colon (XML 1.0 fifth edition, Namespaces in XML)."""
    pattern = _ASCII_NCNAME if value.isascii() else _ncname()
    return pattern.fullmatch(value) is not None


def bad_xml_ids(tree: etree._ElementTree) -> list[tuple[etree._Element, str, bool]]:
    """Each element whose xml:id is not an NCName, with one line saying so and True (an error), or
    whose xml:id is an NCName only by XML 1.0's fifth edition, which XML Schema 1.0's ID type (tei_all's
    and the project schema's, in jing and libxml2) refuses, with one line saying that and False;
    in document order. validate and publish say these in the same words (publish as warnings)."""
    found = []
    # the values alone, by XPath in C: a walk over every element in Python cost ~0.8 ms a document
    for value in tree.xpath("//@xml:id", namespaces={"xml": XML_NS}):
        el = value.getparent()
        if not is_ncname(value):
            found.append((el, f"xml:id {value!r} is not an XML name (NCName): {NCNAME_RULE}", True))
        elif not value.isascii() and _older_rules_refuse(value):
            found.append((el, f"xml:id {value!r} is {OLDER_RULES}", False))
    return found


def xml_id_refusal(value: str) -> str | None:
    """Why value cannot be an xml:id in the TEI we write, as the rest of a sentence starting with the
    value ('is not an XML name ...'), or None when it can. The one check of xml:id values for the
    authority files, `authority check` and the review sheet: an NCName by XML 1.0 (fifth edition)
    NameStartChar/NameChar without the colon (xml:id 1.0, section 4), and one the older letter tables
    of XML Schema 1.0's ID type (the project schema's and tei_all's) take too."""
    if not is_ncname(value):
        return f"is not an XML name (NCName): {NCNAME_RULE}"
    if not value.isascii() and _older_rules_refuse(value):
        return f"is {OLDER_RULES}"
    return None


OLDER_RULES = (
    "an XML name only by XML 1.0's fifth edition: XML Schema's ID type (tei_all's and the project "
    "schema's) takes names by the older rules and refuses it; use letters those know (ASCII, say)"
)


def _older_rules_refuse(value: str) -> bool:
    """True when libxml2, which checks xml:id by XML 1.0's older letter tables (as XML Schema 1.0's
    ID type does, in jing and libxml2), refuses value (an NCName by the fifth edition)."""
    parser = safe_parser(False, True)
    probe = etree.tostring(etree.Element("x", {f"{{{XML_NS}}}id": value}), encoding="utf-8")
    try:
        etree.fromstring(probe, parser)
    except etree.XMLSyntaxError:
        return any(e.type_name == _XML_ID_VALUE for e in parser.error_log)
    return False


NCNAME_RULE = "it must start with a letter or '_' and hold only letters, digits, '.', '-' and '_' (no space, no colon)"


def over_xml_limit(size: int) -> str:
    """Why an XML file of size bytes is refused unread (over MAX_XML_BYTES), in every command's words."""
    return f"the file is {size >> 20} MB, over the {MAX_XML_BYTES >> 20} MB limit for one XML file"


class UnsafeXML(ValueError):
    """Raised for XML we refuse to read: a DOCTYPE, entity declarations, a tree beyond the
    structural limits. line, column: where the refused part starts (0 when it is the whole file:
    no line of it is at fault)."""

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.line, self.column = line, column or (1 if line else 0)  # a line's start when only the line is known


def doctype_position(data: bytes) -> tuple[int, int]:
    """The line and column (1-based, in characters) of the <!DOCTYPE in the XML file DATA; (0, 0)
    when its bytes do not spell it in ASCII (UTF-16, UTF-32) or it is not there."""
    at = data.find(b"<!DOCTYPE")
    if at < 0:
        return 0, 0
    start = data.rfind(b"\n", 0, at) + 1
    return data.count(b"\n", 0, at) + 1, len(data[start:at].decode("utf-8", "replace")) + 1


_JAXP_PROPERTY = "http://saxon.sf.net/feature/parserProperty?uri=http%3A//www.oracle.com/xml/jaxp/properties/"


def saxon_parser_settings() -> dict[str, str]:
    """Saxon configuration properties (PySaxonProcessor.set_configuration_property) that lift the
    JDK parser's limits on depth, attributes per element and name length ("0": none): files are
    checked against MAX_DEPTH, MAX_ATTRIBUTES and MAX_NAME_LENGTH before Saxon parses them, so
    Saxon never refuses (with a raw report naming no file) a file the other stages accept."""
    return {f"{_JAXP_PROPERTY}{name}": "0" for name in ("maxElementDepth", "elementAttributeLimit", "maxXMLNameLimit")}


# SaxonC's GraalVM isolate reserves 32 GiB of address space when it starts, and about 110 MB more by
# the time a stylesheet has run (measured #13: saxonche 12 on Linux x86-64, `ulimit -v` bisected; a
# publish worked from 32,928 MB). Under a smaller limit the isolate cannot start and ends the
# process with its own two lines ("graal_create_isolate error", "Fatal error: Failed to enter the
# specified IsolateThread context"), which no Python code can catch: so the limit is checked first.
SAXON_ADDRESS_SPACE = (32 << 30) + (256 << 20)  # the isolate's reservation, with a margin over the measure


class SaxonMemoryError(UsageError):
    """The process's virtual-memory limit (RLIMIT_AS, `ulimit -v`) is too low for Saxon to start."""


def saxon_memory_problem(purpose: str) -> str | None:
    """One line saying the virtual-memory limit is too low for Saxon to start (PURPOSE: what
    needs it, "publishing"), or None when there is no limit or it is high enough: the address
    space the process uses now plus SAXON_ADDRESS_SPACE."""
    try:
        import resource
    except ImportError:  # no such limit on this platform
        return None
    allowed = resource.getrlimit(resource.RLIMIT_AS)[0]
    if allowed == resource.RLIM_INFINITY:
        return None
    needed = _address_space_in_use() + SAXON_ADDRESS_SPACE
    if allowed >= needed:
        return None
    return (
        f"{purpose} needs about {needed / 2**30:.1f} GB of virtual memory; "
        f"`ulimit -v` allows {allowed / 2**30:.1f} GB: raise it"
    )


def _address_space_in_use() -> int:
    """The bytes of address space this process holds now (Linux /proc/self/statm), else 0."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def new_saxon_processor(purpose: str):
    """A new SaxonC processor (saxonche.PySaxonProcessor) with saxon_parser_settings: the one place
    Saxon is started. Raises SaxonMemoryError, before Saxon is touched, when the virtual-memory
    limit would not let it start (saxon_memory_problem)."""
    problem = saxon_memory_problem(purpose)
    if problem:
        raise SaxonMemoryError(problem)
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    for name, value in saxon_parser_settings().items():  # the structural limits are xmlsafe's alone
        processor.set_configuration_property(name, value)
    return processor


def _deeper_than(depth: int) -> str:
    return "/" + "/".join(["*"] * (depth + 1))  # the elements at depth + 1 (the root is at depth 1)


_OVER_LIMITS = (
    (
        _deeper_than(MAX_DEPTH),
        lambda el: f"elements nested deeper than {MAX_DEPTH} levels, the limit",
    ),
    (
        f"//*[count(@*) > {MAX_ATTRIBUTES}]",
        lambda el: (  # never 1: over the limit
            f"element <{_short(el)}> has {len(el.attrib):,} attributes, over the limit of {MAX_ATTRIBUTES} per element"
        ),
    ),
    (
        f"//*[string-length(name()) > {MAX_NAME_LENGTH}] | //*[@*[string-length(name()) > {MAX_NAME_LENGTH}]]",
        lambda el: f"a name in element <{_short(el)}> is longer than {MAX_NAME_LENGTH:,} characters, the limit",
    ),
)


@lru_cache(maxsize=1)
def _limit_paths() -> tuple[tuple[etree.XPath, Callable[[etree._Element], str]], ...]:
    """_OVER_LIMITS with each XPath compiled (the depth path alone cost ~20 µs to compile per file)."""
    return tuple((etree.XPath(path), say) for path, say in _OVER_LIMITS)


def _short(el: etree._Element) -> str:
    name = etree.QName(el).localname
    return name if len(name) <= 40 else name[:40] + "…"


def structure_problem(tree: etree._ElementTree, depth: bool = True, data: bytes | None = None) -> UnsafeXML | None:
    """The refusal of a tree beyond the structural limits (MAX_DEPTH, MAX_ATTRIBUTES, MAX_NAME_LENGTH),
    or None: one line naming the first place over a limit (its line, in .line and the message)
    and how many more there are. Each limit is one XPath run in C (about 0.1 s per million elements),
    compiled once per process. depth=False leaves out the depth limit, for a tree libxml2 parsed
    without XML_PARSE_HUGE: its parser refuses nesting deeper than MAX_DEPTH itself.
    DATA, when given, is the UTF-8 text the tree was parsed from (no DTD: every attribute and name
    is written in it): a limit its bytes cannot reach is not looked for in the tree (`_within_limit`)."""
    found = []
    paths = _limit_paths()
    for index in range(0 if depth else 1, len(paths)):
        path, say = paths[index]
        if data is not None and _within_limit(index, data):
            continue
        over = path(tree)
        if over:
            found.append((over[0].sourceline or 1, say(over[0]), len(over)))
    if not found:
        return None
    line, message, _ = min(found, key=lambda f: f[0])
    more = sum(count for _, _, count in found) - 1
    return UnsafeXML(
        f"line {line}: {message}"
        + (f" (and {counted(more, 'more place over the limits', grouped=True)})" if more else ""),
        line,
    )


def _within_limit(index: int, data: bytes) -> bool:
    """Whether UTF-8 DATA (the text of a document without DTD) surely keeps the limit of
    _OVER_LIMITS[INDEX], read from its bytes without looking at the tree: each attribute has its
    own "=", so no element has more than MAX_ATTRIBUTES when no start tag's stretch of text has more "="; a
    name holds no white space, and in UTF-8 a white-space byte is that character alone, so no name
    is longer than MAX_NAME_LENGTH characters when no run of bytes between white space is. Depth
    (index 0) is never decided here. False means only that the tree must be looked at."""
    if index == 1:
        # no "<" stands inside a start tag (nor in an attribute value): an element's "=" all stand
        # between its "<" and the next, so no element has more attributes when no such stretch has
        # more "=" (the bytes but "<" and "=" dropped in C, then one search)
        return data.count(b"=") <= MAX_ATTRIBUTES or _MANY_ATTRIBUTES not in data.translate(None, _NOT_TAG_MARKS)
    if index == 2:  # no run of more non-white-space bytes (as bytes.split() parts them), read in C
        return _LONG_RUN not in data.translate(_RUNS)
    return False


_NOT_TAG_MARKS = bytes(byte for byte in range(256) if byte not in b"<=")  # dropped to count "=" between "<"s
_MANY_ATTRIBUTES = b"=" * (MAX_ATTRIBUTES + 1)  # more "=" than an element may have attributes, in a row


# every byte as "x", but white space (bytes.split's: space, \t, \n, \r, \v, \f) as " ": a name
# longer than MAX_NAME_LENGTH needs a run of _LONG_RUN in the translated text
_RUNS = bytes(0x20 if byte in b" \t\n\r\x0b\x0c" else 0x78 for byte in range(256))
_LONG_RUN = b"x" * (MAX_NAME_LENGTH + 1)


def is_utf8(tree: etree._ElementTree, raw: bytes) -> bool:
    """Is RAW, parsed as TREE, UTF-8? Its declaration says so (or says nothing) and it holds no
    NUL byte (UTF-16/32 without a declaration: XML never holds U+0000)."""
    declared = (tree.docinfo.encoding or "UTF-8").upper().replace("_", "-")
    return declared in ("UTF-8", "UTF8") and b"\x00" not in raw


_DECLARED = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_BAD_BYTES = "Invalid bytes in character encoding"  # libxml2's words: no position but the declaration's


def not_text(data: bytes) -> UnsafeXML | None:
    """The refusal of bytes that are no text (an image, an archive, a word processor's file): a NUL
    byte where no UTF-16 or UTF-32 text (a byte-order mark, or "<" and NULs) begins, at its line;
    None for anything else."""
    at = data.find(b"\x00", 0, 65536)  # a text file's first 64 KiB have no NUL byte
    if at < 0 or data.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<", b"\x00\x00")):
        return None
    start = data.rfind(b"\n", 0, at) + 1
    line, column = data.count(b"\n", 0, at) + 1, len(data[start:at].decode("utf-8", "replace")) + 1
    return UnsafeXML(f"not text: NUL bytes at offset {at}", line, column)


def _at_bad_byte(exc: etree.XMLSyntaxError, data: bytes) -> etree.XMLSyntaxError:
    """EXC, or, when libxml2 could not convert the file from the encoding it declares (it then says
    where the declaration ends), an error at the line and column of the first byte that is not of
    that encoding, naming it."""
    declared = _DECLARED.match(data) if _BAD_BYTES in (exc.msg or "") else None
    if declared is None:
        return exc
    encoding = declared.group(1).decode("ascii")
    try:
        data.decode(encoding)
    except UnicodeDecodeError as bad:
        start = data.rfind(b"\n", 0, bad.start) + 1
        line, column = data.count(b"\n", 0, bad.start) + 1, len(data[start : bad.start].decode(encoding)) + 1
        message = (
            f"byte 0x{data[bad.start]:02X} is not {encoding}, the encoding the file declares "
            f"(correct the declaration or the bytes), line {line}, column {column}"
        )
        return etree.XMLSyntaxError(message, exc.code, line, column, exc.filename)
    except (LookupError, ValueError):  # an encoding Python does not know: libxml2's words
        pass
    return exc


_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


def xml_line_ends(data: bytes) -> bytes:
    """The file's bytes with XML's end-of-line handling done (XML 1.0 section 2.11): CR LF and a CR
    alone become LF, as a parser does before anything else. libxml2 counts lines by LF only, so a file
    with CR line ends would be told all on line 1; after this, lines are counted as editors and jing
    count them. UTF-8 and the 8-bit encodings that keep ASCII are changed as bytes; UTF-16 with a
    byte order mark as text; any other encoding is returned as it is. Returns data itself when it has
    no CR."""
    if b"\r" not in data:
        return data
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return data  # UTF-32, whose byte order mark begins like UTF-16's: left to the parser as it is
    codec = _UTF16_BOMS.get(data[:2])
    if codec is not None:
        try:
            text = data[2:].decode(codec)
        except UnicodeDecodeError:
            return data  # the parser says what is wrong with it
        return data[:2] + text.replace("\r\n", "\n").replace("\r", "\n").encode(codec)
    start = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if not start.lstrip(b" \t\r\n").startswith(b"<") or start[1:2] == b"\x00":
        return data  # UTF-16/32 without a byte order mark, EBCDIC, not XML: not changed as bytes
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def lines_after_lone_cr(data: bytes) -> frozenset[int]:
    """The lines (numbered from 1, as XML's end-of-line handling counts them: XML 1.0 section 2.11) that
    begin right after a CR not followed by LF. jing (Xerces) gives every column on such a line one less
    than on the same line after LF or CR LF. Encodings as xml_line_ends: UTF-8 and the 8-bit encodings
    that keep ASCII as bytes, UTF-16 with a byte order mark as text; any other: none found."""
    if b"\r" not in data or data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return frozenset()
    codec = _UTF16_BOMS.get(data[:2])
    ends: list[str] | list[bytes]
    if codec is not None:
        try:
            ends = re.findall(r"\r\n|\r|\n", data[2:].decode(codec))
        except UnicodeDecodeError:
            return frozenset()
    else:
        start = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        if not start.lstrip(b" \t\r\n").startswith(b"<") or start[1:2] == b"\x00":
            return frozenset()
        ends = re.findall(rb"\r\n|\r|\n", data)
    return frozenset(number + 2 for number, end in enumerate(ends) if end in ("\r", b"\r"))


def parse_xml(
    path: Path | None = None,
    data: bytes | None = None,
    huge: bool = False,
    collect_ids: bool = True,
    limits: bool = True,
) -> etree._ElementTree:
    """Parse untrusted XML; raise etree.XMLSyntaxError (malformed) or UnsafeXML (DTD, entities, depth).

    huge: lift libxml2's limits on text-node size and depth (only for input whose size the caller
    has bounded). collect_ids=False: no ID table, so a repeated xml:id is not a parse error.
    limits=False leaves the structural limits (structure_problem) to the caller, who must check them
    before anything else reads the tree.
    The parser is made once per process (lxml parsers are not shared between threads)."""
    parser = safe_parser(huge, collect_ids)
    if data is None:
        if path is None:
            raise ValueError("parse_xml needs a path or the data")
        size = Path(path).stat().st_size
        if size > MAX_XML_BYTES:
            raise UnsafeXML(over_xml_limit(size))
        data = Path(path).read_bytes()
    data = xml_line_ends(data)  # line numbers as the file's lines (libxml2 counts LF only)
    binary = not_text(data)
    if binary is not None:
        raise binary
    # the base URL must be text libxml2 can hold: a name with bytes that are not UTF-8 is escaped
    base_url = shown(path) if path else None
    if huge and limits and len(data) < _PLAIN_PARSE_BYTES and _plain_parse_keeps_depth():
        # most files: read first with libxml2's own limits, which refuse nesting deeper than
        # MAX_DEPTH while parsing (the depth search of structure_problem is then not needed); the
        # same tree as the huge parse gives. Any error: read again as below, which decides alone.
        try:
            tree = etree.ElementTree(etree.fromstring(data, safe_parser(False, collect_ids), base_url=base_url))
        except etree.XMLSyntaxError:
            pass
        else:
            return _checked(tree, data, depth=False)
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser, base_url=base_url))
    except etree.XMLSyntaxError as exc:
        # libxml2 stops on an xml:id value it takes for no NCName: the file is well-formed all the
        # same (xml:id 1.0 makes it an xml:id error). Read it on, exactly as if there were no such
        # error (every other error still stops it); callers check the values (bad_xml_ids).
        errors = list(parser.error_log)  # this parse's (the exception's log holds earlier ones too)
        faults = [e for e in errors if e.type_name != _XML_ID_VALUE]
        if faults and len(faults) < len(errors):  # say the real fault, not an xml:id before it
            first = faults[0]
            raise etree.XMLSyntaxError(first.message, first.type, first.line, first.column, first.filename) from None
        if faults or not errors:
            raise _at_bad_byte(exc, data) from None
        recovering = safe_parser(huge, collect_ids, recover=True)
        tree = etree.ElementTree(etree.fromstring(data, recovering, base_url=base_url))
        if any(e.type_name != _XML_ID_VALUE for e in recovering.error_log):
            raise exc from None
    return _checked(tree, data, depth=huge, limits=limits)


# a file this short has no text node over libxml2's own limit (10,000,000 bytes), which a parse
# without XML_PARSE_HUGE refuses: parse_xml reads it first so (see there)
_PLAIN_PARSE_BYTES = 9_000_000


@lru_cache(maxsize=1)
def _plain_parse_keeps_depth() -> bool:
    """Whether this libxml2, without XML_PARSE_HUGE, refuses nesting deeper than MAX_DEPTH (asked
    once: another version with a higher limit of its own leaves the depth to structure_problem)."""
    deep = b"<a>" * (MAX_DEPTH + 1) + b"</a>" * (MAX_DEPTH + 1)
    try:
        etree.fromstring(deep, safe_parser(False, False))
    except etree.XMLSyntaxError:
        return True
    return False


def _checked(tree: etree._ElementTree, data: bytes, depth: bool, limits: bool = True) -> etree._ElementTree:
    """TREE, parsed from DATA, when it declares no DOCTYPE and (LIMITS) keeps the structural limits
    (DEPTH: its depth too); else raise UnsafeXML."""
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise UnsafeXML(
            "the file declares a DOCTYPE; DTDs and entity declarations are not accepted", *doctype_position(data)
        )
    # nesting deeper than MAX_DEPTH is refused by libxml2 itself while parsing (huge_tree=False), and
    # by structure_problem with huge (libxml2's limit is then 2048)
    problem = structure_problem(tree, depth=depth, data=data if is_utf8(tree, data) else None) if limits else None
    if problem is not None:
        raise problem
    return tree


def describe_xml_error(exc: Exception) -> str:
    """One line for a file we could not accept, the same wording in every command."""
    if isinstance(exc, UnsafeXML):
        return f"refused: {exc}"
    message = getattr(exc, "msg", None) or str(exc)
    if "Excessive depth" in message:
        line = getattr(exc, "lineno", None) or 1
        return f"refused: line {line}: elements nested deeper than {MAX_DEPTH} levels, the limit"
    if "Detected an entity reference loop" in message or "amplification" in message:
        return "refused: entity expansion (a possible entity-expansion attack)"
    return f"not well-formed XML: {(lines_of(message) or [''])[0]}"


@dataclass
class IncludeRefusal:
    """Why a file's XIncludes were not resolved, and the xi:include at fault (None: not known)."""

    reason: str
    element: etree._Element | None = None

    @property
    def line(self) -> int:
        """The line of the include at fault (1 when not known)."""
        return (self.element.sourceline if self.element is not None else None) or 1


_LOCAL_HOSTS = ("", "localhost")  # a file: URL's host libxml2 opens on this machine


def _file_url(path: str) -> str:
    """path (absolute, any bytes) as a file: URL with every byte a URL treats specially escaped."""
    return "file://" + quote(os.fsencode(os.path.abspath(path)))


def include_target(include: etree._Element, name: str) -> tuple[str | None, str]:
    """The absolute local path an xi:include names, and '' ; or None and why it names no local file.

    The href is resolved as a URI (RFC 3986, as libxml2 does): against each xml:base of the include
    and its ancestors, from the root down, and the document's own file: URL under them. Any scheme
    in any case counts (`FILE:`, `file:/abs`, `file:///abs`), a file: URL's host must be this
    machine's (none or `localhost`), and percent-escapes are decoded. Anything but a local file
    (another scheme, another host, a query or fragment) is refused, never guessed at."""
    base = _file_url(name)
    chain = [include, *include.iterancestors()]
    for element in reversed(chain):
        value = element.get(f"{{{XML_NS}}}base")
        if value is not None:
            base = urljoin(base, value.strip())
    href = (include.get("href") or "").strip()
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None, f"XInclude of a network resource ({url}) is not fetched"
    if parts.netloc.lower() not in _LOCAL_HOSTS:
        return None, f"XInclude of {href!r} names the host {parts.netloc!r}: only local files are included"
    if parts.query or parts.fragment or "#" in url:
        return None, f"XInclude of {href!r} holds a query or fragment (use the xpointer attribute)"
    return os.path.normpath(os.fsdecode(unquote_to_bytes(parts.path))), ""


MAX_INCLUDES = 10_000  # XIncludes one file may expand to, counting nested ones as often as they are reached


@dataclass
class _Expansion:
    """What walking a file's XIncludes (before libxml2 expands them) knows: the folders they may reach,
    the limits, and per included file (real path) how many includes and bytes it expands to."""

    roots: tuple[str, ...]
    max_bytes: int
    expands: dict[str, tuple[int, int]]  # real path -> (includes, bytes) once fully expanded
    open: list[str]  # the files being walked, outermost first (an include of one of these is a loop)
    nesting: set[str] = field(default_factory=set)  # included files that include XML files themselves
    via: dict[str, etree._Element] = field(default_factory=dict)  # included file -> the file's own include reaching it


def resolve_xinclude(
    tree: etree._ElementTree,
    name: str,
    roots: tuple[str, ...] = (),
    max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024,
    origins: dict[etree._Element, str] | None = None,
) -> tuple[IncludeRefusal | None, tuple[str, ...]]:
    """Resolve the file's XIncludes in place, as jing (Xerces, XInclude on) does: returns (a refusal
    or None, the absolute paths of the files its includes name).

    Includes may reach the TEI file's own folder (and below) and each folder of `roots` (and below:
    `--include-root`, for an edition whose TEI files share parts kept beside them); nothing else,
    whether named by an absolute path, a file: URL in any spelling, `..`, xml:base or a symbolic
    link (include_target says how an href is read). A target that is not a regular file (a FIFO,
    a device, a folder) is refused unopened. Each include of the file is then pointed at the very
    file checked (its real path), so libxml2 cannot read the href differently.

    Expansion is bounded before libxml2 does it: an included file larger than max_bytes (the limit
    of --max-size), more than MAX_INCLUDES includes in all (nested ones counted as often as they are
    reached: a file included twice by a file included twice counts four times), more than max_bytes
    of expanded files in all, or a file that includes itself (through others) refuses the file,
    naming the included file and the limit; so does an expanded tree beyond the structural limits
    (structure_problem). origins, when given, gets each element that starts the
    content of an included file, with that file's real path (included_from finds an element's file).

    Only local files are included (never the network); an include that fails without a fallback
    refuses the file, as jing stops on it. The refusal names the failing include itself (its line),
    not the last include libxml2 reported. validate and publish share this, so a file is read the
    same way by both."""
    draft = _draft_element(tree)
    if draft is not None:
        return IncludeRefusal(DRAFT_REFUSAL, draft), ()
    includes = list(tree.iter(f"{XI}include"))
    allowed = tuple(dict.fromkeys(os.path.realpath(r) for r in (os.path.dirname(os.path.abspath(name)), *roots)))
    checked: dict[etree._Element, str] = {}
    walk = _Expansion(allowed, max_bytes, {}, [os.path.realpath(name)])
    outside = _include_outside(tree, name, walk, checked)
    if outside is not None:
        return outside, ()
    targets: list[tuple[etree._Element, str]] = []
    written: dict[str, str] = {}  # the URL given to libxml2 -> the href as the file wrote it
    for include, real in checked.items():
        url = _file_url(real)
        written[url] = include.get("href") or ""
        include.set("href", url)
        targets.append((include, real))
    try:
        tree.xinclude()
    except etree.XIncludeError as exc:
        message = " ".join(str(exc).split())
        inside, failed = _error_in_included_file(exc, name)
        if inside:  # the included file is not well-formed: say which file and where
            message = inside
        for url, href in written.items():
            message = message.replace(url, href)
        if inside and message.startswith("file:"):  # a nested include's file, named by libxml2's URL
            url, _, rest = message.partition(" line ")
            message = f"{shown(os.fsdecode(unquote_to_bytes(urlsplit(url).path)))} line {rest}"
        element = walk.via.get(failed) if failed else None  # the include through which the broken file came
        if element is None:
            element = _failing_include(exc, message, includes, targets)
        return IncludeRefusal(f"XInclude failed: {message}", element), ()
    problem = structure_problem(tree)  # each file was within the limits alone; together they may not be
    if problem is not None:
        return IncludeRefusal(f"with its XIncludes expanded, {problem}"), ()
    if origins is not None:
        origins.update(_included_starts(tree, set(walk.expands), walk.nesting))
    _restore_bases(tree, written)
    return None, tuple(dict.fromkeys(target for _, target in targets))


def _included_starts(tree: etree._ElementTree, files: set[str], nesting: set[str]) -> dict[etree._Element, str]:
    """Each element libxml2 marked (xml:base) as the start of an included file's content, with the
    file's real path; read while the marks still hold the real paths resolve_xinclude gave. libxml2
    leaves unmarked the content of a file included from a file in the same folder, so the content of
    a file that includes XML itself is named as "F or a file it includes": never a wrong file."""
    found = {}
    for element in tree.iter():
        if isinstance(element.tag, str) and element.get(f"{{{XML_NS}}}base") is not None:
            parts = urlsplit(element.base or "")
            path = os.path.normpath(os.fsdecode(unquote_to_bytes(parts.path))) if parts.scheme == "file" else ""
            if path in files:
                found[element] = f"{shown(path)} or a file it includes" if path in nesting else shown(path)
    return found


def included_from(element: etree._Element, origins: dict[etree._Element, str]) -> str | None:
    """The included file an element of an expanded tree comes from, as a message names it (its
    real path; its line, sourceline, is a line of that file), or None when it is the including
    file's own."""
    for node in (element, *element.iterancestors()):
        if node in origins:
            return origins[node]
    return None


def _restore_bases(tree: etree._ElementTree, written: dict[str, str]) -> None:
    """libxml2 marks an included element with xml:base, the URL it was given: put back the href the
    file wrote, so no absolute path of this machine reaches a published file."""
    attribute = f"{{{XML_NS}}}base"
    for element in tree.iter():
        value = element.get(attribute) if isinstance(element.tag, str) else None
        if value is not None and value in written:
            element.set(attribute, written[value])


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _include_outside(
    tree: etree._ElementTree, name: str, walk: _Expansion, checked: dict[etree._Element, str] | None = None
) -> IncludeRefusal | None:
    """The first xi:include (in this file or, nested, in a file it includes) whose target lies
    outside every folder of walk.roots (the TEI file's own first) once symlinks are followed, names
    no local file, is no regular file, or makes the expansion exceed a limit (resolve_xinclude);
    None when every include stays in and within bounds. checked (this file's includes only) gets
    each include's real target path. The expansion of the file's includes is added to walk."""
    count = size = 0
    for include in tree.iter(f"{XI}include"):
        href = include.get("href") or ""
        if not href:
            continue  # the document itself
        target, why = include_target(include, name)
        if target is None:
            return IncludeRefusal(why, include)
        real = os.path.realpath(target)
        roots = walk.roots
        if not any(_within(real, root) for root in roots):
            inside = any(_within(target, root) for root in roots)  # by its name, before symlinks are followed
            where = "through a symlink out of" if inside else "outside"
            folders = "the TEI file's folder" + (f" and {', '.join(map(shown, roots[1:]))}" if roots[1:] else "")
            return IncludeRefusal(
                f"XInclude of {href!r} reaches {where} {folders} and is not followed ({INCLUDE_ROOT_HINT})", include
            )
        try:
            info = os.stat(real)  # never opened: a FIFO would block the reader forever
        except OSError:
            info = None  # missing: libxml2 says so (or takes the fallback)
        if info is not None and not stat.S_ISREG(info.st_mode):
            return IncludeRefusal(
                f"XInclude of {href!r} names {_kind(info.st_mode)}, not a regular file; not read", include
            )
        if checked is not None:
            checked[include] = real
        walk.via.setdefault(real, include if checked is not None else walk.via.get(walk.open[-1], include))
        if info is None:
            continue
        if info.st_size > walk.max_bytes:
            return IncludeRefusal(
                f"XInclude of {href!r}: {shown(real)} is {human_size(info.st_size)}, over the size limit of "
                f"{human_size(walk.max_bytes)} ({MAX_SIZE_HINT})",
                include,
            )
        refusal = _expand(real, include, walk) if include.get("parse", "xml") == "xml" else None
        if refusal is not None:
            return refusal
        nested_count, nested_size = walk.expands.get(real, (0, info.st_size))
        count, size = count + 1 + nested_count, size + nested_size
        over = _over_limits(count, size, walk.max_bytes)
        if over:
            return IncludeRefusal(f"XInclude of {href!r} ({shown(real)}): {over}", include)
    walk.expands[os.path.realpath(name)] = (count, size + _file_size(name))
    return None


def _expand(real: str, include: etree._Element, walk: _Expansion) -> IncludeRefusal | None:
    """Walk the includes of the XML file at real (once per file: walk.expands remembers its totals)."""
    if real in walk.open:
        return IncludeRefusal(f"{shown(real)} includes itself (through {' -> '.join(map(shown, walk.open))})", include)
    if real in walk.expands:
        return None
    try:
        nested = parse_xml(Path(real))
    except UnsafeXML as exc:  # a DOCTYPE or entities in an included file: libxml2 would expand them
        return IncludeRefusal(f"{shown(real)}: {exc}", include)
    except (etree.XMLSyntaxError, ValueError, OSError):
        walk.expands[real] = (0, _file_size(real))
        return None  # libxml2 reports the broken file itself, naming it
    draft = _draft_element(nested)
    if draft is not None:
        return IncludeRefusal(f"{shown(real)} line {draft.sourceline}: {DRAFT_REFUSAL}", include)
    if any(i.get("parse", "xml") == "xml" for i in nested.iter(f"{XI}include")):
        walk.nesting.add(real)
    walk.open.append(real)
    inner = _include_outside(nested, real, walk)
    walk.open.pop()
    if inner is not None:
        return IncludeRefusal(f"{shown(real)}: {inner.reason}", include)
    return None


def _over_limits(count: int, size: int, max_bytes: int) -> str:
    """Why an expansion of count includes and size bytes is refused ('' when it is not)."""
    if count > MAX_INCLUDES:
        return f"the file expands to more than {MAX_INCLUDES:,} includes, the limit (an include bomb?); not expanded"
    if size > max_bytes:
        return (
            f"the included files come to more than {human_size(max_bytes)} in all, over the size limit "
            f"({MAX_SIZE_HINT}); not expanded"
        )
    return ""


def _file_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _kind(mode: int) -> str:
    """What a file that is not a regular one is, for a refusal."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _error_in_included_file(exc: etree.XIncludeError, name: str) -> tuple[str, str]:
    """The first error libxml2 found inside an included file, as 'FILE line N: message', and the
    file's real path (('', '') if none)."""
    own = os.path.abspath(name)
    for entry in exc.error_log or ():
        filename = entry.filename
        if not filename or filename == "<string>":
            continue
        parts = urlsplit(filename)
        if parts.scheme == "file":
            filename = os.fsdecode(unquote_to_bytes(parts.path))
        if os.path.abspath(filename) != own:
            message = f"{entry.filename} line {entry.line}: {' '.join(entry.message.split())}"
            return message, os.path.realpath(filename)
    return "", ""


def _failing_include(exc, message: str, includes, targets) -> etree._Element | None:
    """The xi:include that failed: the one whose target the error names, else the first whose file
    is missing or not XML, else the one on the line libxml2 reported."""
    named = re.search(r"could not load (.+?), and no fallback", message)
    if named:
        for include, target in targets:
            if named.group(1) in (target, include.get("href")):
                return include
    for include, target in targets:
        if include.find(f"{XI}fallback") is None and not os.path.isfile(target):
            return include
    entry = exc.error_log.last_error if exc.error_log else None
    line = entry.line if entry is not None else None
    return next((i for i in includes if i.sourceline == line), None)

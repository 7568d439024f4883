"""An edition's --css stylesheet with the files it names (issue 15, F17): `url(logo.png)` and an
`@font-face` `src: url(fonts/x.woff2)` beside the stylesheet are copied into the site at the same
paths beside assets/custom.css, so the stylesheet works there; a missing file and one outside the
stylesheet's folder are reported, never copied; web addresses and data are left alone."""

from click.testing import CliRunner
from conftest import ROOT

from tei_encoder.cli import main

TEI = ROOT / "tests" / "fixtures" / "tei" / "verse.xml"

CSS = """@import "more.css";
@font-face { font-family: Ours; src: url(fonts/ours.woff2) format("woff2"), url('fonts/ours.woff?v=2#x'); }
header { background: url("logo.png") no-repeat, url(https://example.org/far.png); }
.mark { background-image: url(data:image/gif;base64,R0lGODlhAQABAAAAACw=); }
.gone { background: url(images/missing.png); }
.away { background: url(../outside.png); }
/* url(commented.png) is no file the stylesheet uses */
"""


def test_the_files_a_stylesheet_names_are_copied_beside_it(tmp_path):
    theme = tmp_path / "theme"
    (theme / "fonts").mkdir(parents=True)
    (theme / "edition.css").write_text(CSS, encoding="utf-8")
    for name, data in (
        ("logo.png", b"PNG"),
        ("fonts/ours.woff2", b"W2"),
        ("fonts/ours.woff", b"W1"),
        ("more.css", b"p{}"),
    ):
        (theme / name).write_bytes(data)
    (tmp_path / "outside.png").write_bytes(b"OUT")
    (theme / "commented.png").write_bytes(b"C")
    site = tmp_path / "site"
    result = CliRunner().invoke(
        main, ["publish", str(TEI), "-o", str(site), "--no-search", "--css", str(theme / "edition.css")]
    )
    assert result.exit_code == 0, result.output
    assets = site / "assets"
    assert (assets / "custom.css").read_text(encoding="utf-8") == CSS
    for name, data in (
        ("logo.png", b"PNG"),
        ("fonts/ours.woff2", b"W2"),
        ("fonts/ours.woff", b"W1"),
        ("more.css", b"p{}"),
    ):
        assert (assets / name).read_bytes() == data, name
    assert not (assets / "commented.png").exists() and not (tmp_path / "site" / "outside.png").exists()
    assert not (assets.parent / "outside.png").exists()
    output = " ".join(result.output.split())
    assert "url(images/missing.png): no such file beside the stylesheet" in output
    assert "url(../outside.png): outside the stylesheet's folder" in output
    assert "far.png" not in output and "data:" not in output

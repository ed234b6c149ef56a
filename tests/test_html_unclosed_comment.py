"""Rule *unclosed-comment* of :func:`kb.ingest.html.html_to_text`: a comment that no
``-->`` closes runs to the end of the page and is not text; a ``<!--`` inside a
script, a style or an attribute's value opens none."""

import subprocess
import sys

import pytest

from kb.ingest.html import html_to_text


@pytest.mark.parametrize("page, text", [
    ("<p>Rally on May 1, 2019.</p><!-- draft that never ends\nmore", "Rally on May 1, 2019.\n"),
    ("<p>a <!-- closed --> b</p><p>c</p>", "a b\n\nc\n"),
    ("<p>a --> b <!-- gone", "a --> b\n"),
    ("<p>a <!-- one --> b</p><!-- two", "a b\n"),
    ("<p>a</p><script>x <!-- y</script><p>after</p>", "a\n\nafter\n"),
    ("<p>a</p><STYLE>p <!-- q</style><p>kept</p>", "a\n\nkept\n"),
])
def test_unclosed_comment(page, text):
    assert html_to_text(page)[0] == text


def test_a_long_unclosed_comment_is_not_stored(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>On May 1, 2019 a rally in Tehran.</p><!--" + "-" * 200_000 + "\n")
    db = tmp_path / "s.json"
    r = subprocess.run([sys.executable, "-m", "kb", "ingest", "-q", str(page), "--db", str(db)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "-----" not in db.read_text()
    assert "rally in Tehran" in db.read_text()


@pytest.mark.parametrize("page, text", [
    ('<p>Briefing.</p><img alt="arrow <!-- left" src="a.png"><p>On 3 May 1998 a rally.</p>',
     "Briefing.\n\nOn 3 May 1998 a rally.\n"),
    ('<a onclick="x<!--y">go</a><p>On 3 May 1998 a rally.</p>', "go\nOn 3 May 1998 a rally.\n"),
    ("<!-- note --!><p>On 3 May 1998 a rally.</p>", "On 3 May 1998 a rally.\n"),
])
def test_a_comment_begins_where_the_parser_says(page, text):
    """A ``<!--`` in an attribute's value opens no comment; ``--!>`` closes one."""
    assert html_to_text(page)[0] == text

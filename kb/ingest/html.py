"""HTML pages: the visible text, the title and the dates of a page, and the encoding
a page declares for itself.

* :func:`html_to_text`: visible text (scripts, styles and the head dropped, block
  elements end lines), the title (``<title>``, else ``og:title``, else the first
  ``<h1>``) and the date strings of ``<meta>`` and ``<time datetime>`` tags.
* :func:`declared_encoding`: for a page whose bytes are not UTF-8, the encoding its
  ``<meta charset=...>`` or ``<meta http-equiv="Content-Type" content="...;
  charset=...">`` names (an XHTML page's ``<?xml ... encoding="..."?>`` first),
  looked for in its first :data:`CHARSET_SCAN` bytes only;
  :func:`decode_declared` decodes by it.  Labels are read as browsers read them
  (the WHATWG Encoding standard): ``iso-8859-1``, ``latin1`` and ``ascii`` mean
  windows-1252, ``gb2312`` and ``gbk`` mean GB18030, ``euc-kr`` means windows-949;
  a byte windows-1252 leaves undefined (0x81, 0x8d, 0x8f, 0x90, 0x9d) is read as the
  C1 control of that number, as browsers do.  Only the encodings of that standard
  are taken: a label naming another codec Python has (``rot13``, ``unicode_escape``,
  ``zlib``) or none at all is refused in one line (:class:`IngestError`).
"""

from __future__ import annotations

import codecs
import re
from html import unescape
from html.parser import HTMLParser

from .failure import IngestError

CHARSET_SCAN = 8 * 1024   # bytes of a page searched for its charset declaration (the
                          # HTML standard's prescan reads 1,024; long heads put it later)

# The encodings of the WHATWG Encoding standard, by the name Python's codec has
# (after :data:`_LABELS`); any other codec is refused.
_WHATWG = {"cp1252", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7",
           "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16",
           "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874", "cp1250", "cp1251",
           "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "gb18030", "big5hkscs",
           "euc_jp", "iso2022_jp", "shift_jis", "cp932", "cp949", "utf-8", "utf-16-le", "utf-16-be"}
# Labels the standard gives another meaning than Python's codec of that name, or that
# Python does not know.
_LABELS = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-11": "cp874", "tis-620": "cp874",
           "windows-874": "cp874", "gbk": "gb18030", "gb2312": "gb18030", "big5": "big5hkscs",
           "euc_kr": "cp949", "x-mac-cyrillic": "mac-cyrillic", "x-mac-ukrainian": "mac-cyrillic",
           "iso-8859-8-i": "iso8859-8", "windows-31j": "cp932", "x-sjis": "cp932",
           "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8"}  # a page that can be read as
                                                                     # ASCII is not UTF-16: the standard says UTF-8
_META = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([^\s"'/>;]*)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"'>]*)""", re.IGNORECASE)
_LOOKS_HTML = re.compile(rb"\s*<(?:!doctype\s+html|html)\b", re.IGNORECASE)  # as reader.detect_format
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def _c1(err: UnicodeDecodeError) -> tuple[str, int]:
    """A byte windows-1252 leaves undefined, read as the C1 control of that number."""
    return chr(err.object[err.start]), err.start + 1


codecs.register_error("kb-c1", _c1)


def is_html(name: str, data: bytes) -> bool:
    """Is the input an HTML page, by its name or its first bytes?"""
    if name != "-" and name.lower().endswith(_HTML_SUFFIXES):
        return True
    return bool(_LOOKS_HTML.match(data, 0, 500))


def declared_encoding(name: str, data: bytes) -> str | None:
    """The Python codec of the charset a page declares in a ``<meta>`` tag in its first
    :data:`CHARSET_SCAN` bytes, or None when it declares none.  Raises
    :class:`IngestError` for a label that names no encoding of the WHATWG standard."""
    head = data[:CHARSET_SCAN]
    xml = _XML_DECL.match(head)          # an XHTML page's <?xml ... encoding="..."?>
    found = [xml] if xml else [m for tag in _META.finditer(head) if (m := _CHARSET.search(tag.group()))]
    for m in found[:1]:
        label = m.group(1).decode("ascii", "replace").strip().lower()
        shown = "".join(c if c.isprintable() and c.isascii() else "?" for c in label[:40])
        try:
            codec = codecs.lookup(_LABELS.get(label, label)).name if label else ""
        except LookupError:
            codec = ""
        codec = _LABELS.get(codec, codec)
        if codec not in _WHATWG:
            raise IngestError(f"{name}: not UTF-8, and the charset it declares ('{shown}') is not one kb "
                              "knows; convert it to UTF-8 first")
        return codec
    return None


def decode_declared(name: str, data: bytes, codec: str) -> str:
    """``data`` decoded by the page's declared ``codec`` (:func:`declared_encoding`)."""
    try:
        return data.decode(codec, "kb-c1" if codec == "cp1252" else "strict")
    except UnicodeDecodeError as e:
        raise IngestError(f"{name}: cannot be decoded as {codec} (the charset it declares; "
                          f"bad byte at offset {e.start}); convert it to UTF-8 first") from None


_BLOCK = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header",
          "footer", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "dd", "dt",
          "figcaption", "main", "nav", "aside", "title"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}
_META_DATE = {"article:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
              "pubdate", "publish-date", "publishdate", "og:published_time", "sailthru.date",
              "citation_publication_date", "publication_date"}


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title_parts: list[str] = []    # joined once: += on a long title is quadratic
        self.h1 = ""
        self.og_title = ""
        self.dates: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in _META_DATE and a.get("content"):
                self.dates.append(a["content"])
            if key == "og:title" and a.get("content"):
                self.og_title = a["content"].strip()
            return
        if tag == "time" and a.get("datetime"):
            self.dates.append(a["datetime"])
        if tag in ("title", "h1"):
            self._in.append(tag)
        if tag in _SKIP and tag != "head":
            self.skip += 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._in:
            self._in.remove(tag)
        if tag in _SKIP and tag != "head" and self.skip:
            self.skip -= 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if "title" in self._in:
            self.title_parts.append(data)
            return
        if "h1" in self._in and not self.h1:
            self.h1 = data.strip()
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str, list[str]]:
    """Visible text, title, and the date strings found in meta/time tags.

    After the last ``>`` of a page no tag, comment or declaration can end, so what
    follows is text: its ``<`` are given to the parser as ``&lt;``.  The parser
    would read them as text too, but only after trying each against the whole rest
    of the page, which takes time quadratic in its length.  When the parser has read
    all before it (nothing pending, not inside a script or a style, not inside an ``h1``,
    whose first piece of text is its title), that text is handed over as one piece of
    data, its character references replaced: what the parser would make of it, without
    an ``&lt;`` to convert for each ``<`` (a page of 140,000 unclosed tags).

    Rule *unclosed-comment*: a comment that no ``-->`` (or ``--!>``, which HTML reads
    as its end too) closes runs to the end of the page (HTML's "eof-in-comment":
    browsers show none of it), so that stretch is dropped, not kept as text.  Where a
    comment begins is the parser's to say: a ``<!--`` inside an attribute's value or
    a script is none."""
    if "--!>" in html:
        html = html.replace("--!>", "-->")
    last = html.rfind(">")
    tail = html[last + 1:]
    cut = tail.find("<!--")
    if cut >= 0:   # a comment begun after the last ">" never ends
        tail = tail[:cut]
        html = html[:last + 1] + tail
    p = _HTMLText()
    if "<" in tail:
        p.feed(html[:last + 1])
        if not p.rawdata and p.cdata_elem is None and "h1" not in p._in:
            p.handle_data(unescape(tail))
        else:
            p = _HTMLText()
            p.feed(html[:last + 1] + tail.replace("<", "&lt;"))
    else:
        p.feed(html)
    if p.cdata_elem is None and p.rawdata.startswith("<!--"):
        p.rawdata = ""   # a comment still open at the end: none of it is text
    p.close()
    lines = [" ".join(line.split()) for line in "".join(p.parts).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
    title = " ".join("".join(p.title_parts).split()) or p.og_title or p.h1
    return text, title, p.dates


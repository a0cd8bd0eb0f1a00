"""HTML of a posting page to plain lines, with the standard library's tolerant parser.

Block elements (headings, paragraphs, list items, rows) end a line; table cells are separated by
tabs, so a summary table reads like the two-column text a browser copy gives. Scripts, styles and
the page's navigation are dropped. BeautifulSoup would do the same with one more dependency; the
stdlib parser is enough for reading text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_WHITESPACE = re.compile(r"\s+")

_BLOCKS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "main", "h1", "h2", "h3", "h4", "h5", "h6",
     "li", "ul", "ol", "tr", "table", "br", "dt", "dd", "dl", "blockquote", "pre", "hr", "title"}
)  # fmt: skip
_CELLS = frozenset({"td", "th"})
_SKIPPED = frozenset({"script", "style", "nav", "noscript", "template", "svg", "head"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.cell_open = False

    def _end_line(self) -> None:
        text = "".join(self.current).strip(" \t")
        if text or (self.lines and self.lines[-1]):
            self.lines.append(text)  # one blank line between blocks, never a run of them
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag in _CELLS:
            if self.cell_open or self.current:
                self.current.append("\t")
            self.cell_open = True
        elif tag in _BLOCKS:
            self._end_line()
            if tag in {"h1", "h2", "h3", "h4", "h5", "h6", "table", "p"}:
                self._end_line()  # a heading or paragraph stands apart, as in the text copy

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "title":
            self.in_title = False
        elif tag == "tr":
            self.cell_open = False
            self._end_line()
        elif tag in _BLOCKS:
            self._end_line()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip_depth:
            self.current.append(_WHITESPACE.sub(" ", data))


def html_to_text(markup: str) -> str:
    """The visible text of ``markup``, one block per line."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    collector._end_line()
    return "\n".join(collector.lines).strip("\n") + "\n"

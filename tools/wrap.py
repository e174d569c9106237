"""One wrapping style for the notebooks' markdown: paragraphs and list items
hard-wrapped at :data:`WIDTH` columns.

    python -m tools.wrap            # rewrap every teacher's notebook in place
    python -m tools.wrap --check    # list the cells that are not wrapped so

Only prose is rewrapped. Left as written: headings, tables, block quotes,
code fences, indented code, display math, HTML, and the opening block
(«Al terminar podrás» … «Tiempo», one line per field, which
tests/test_voice.py parses). Inline math (``$…$``) and code spans are never
split across lines, and a hard line break (a line ending in a backslash or
two spaces) stays where it is. The rendered text does not change:
tests/test_wrap.py renders every cell before and after.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap

import nbformat

from tools import lessons

WIDTH = 95

_LIST_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+] |\d+[.)] )(?P<text>.*)$")
_UNTOUCHED_LINE = re.compile(r"^\s*(?:#|\||>|```|~~~|\$\$|<|!\[)|^ {4,}(?![-*+] |\d+[.)] )")
_OPENING = ("**Al terminar podrás:**", "**Antes:**")
_ATOMS = re.compile(r"(?<!\\)\$[^$\n]+?(?<!\\)\$|`[^`\n]+`")  # inline math and code spans: never split
_GLUE = "\x00"
# a word that would start a list, a heading, a quote or a table at the head of a line stays on the line before
_NO_BREAK_BEFORE = re.compile(r" (?=(?:[-*+>|=]|#+|\d+[.)])(?: |$))")


def _hard_break(line: str) -> bool:
    return line.endswith("\\") or line.endswith("  ")


def _fill(text: str, first: str, rest: str) -> list[str]:
    """``text`` wrapped at WIDTH, the first line after ``first``, the others after ``rest``."""
    glued = _ATOMS.sub(lambda m: m.group().replace(" ", _GLUE), text)
    glued = _NO_BREAK_BEFORE.sub(_GLUE, glued)
    lines = textwrap.wrap(glued, width=WIDTH, initial_indent=first, subsequent_indent=rest,
                          break_long_words=False, break_on_hyphens=False)
    return [line.replace(_GLUE, " ") for line in lines] or [first.rstrip()]


def _segments(lines: list[str]) -> list[list[str]]:
    """Lines split after every hard line break: each segment is wrapped by itself."""
    segments, current = [], []
    for line in lines:
        current.append(line)
        if _hard_break(line):
            segments.append(current)
            current = []
    return segments + ([current] if current else [])


def _wrap_run(lines: list[str], first: str, rest: str) -> list[str]:
    out = []
    for i, segment in enumerate(_segments(lines)):
        last = segment[-1]
        ending = "\\" if last.endswith("\\") else ("  " if last.endswith("  ") else "")
        text = " ".join(part.strip() for part in segment)
        if ending == "\\":
            text = text[:-1].rstrip()
        wrapped = _fill(text, first if i == 0 else rest, rest)
        wrapped[-1] += ending
        out += wrapped
    return out


def _wrap_block(block: list[str]) -> list[str]:
    if any(_UNTOUCHED_LINE.match(line) for line in block) or block[0].startswith(_OPENING):
        return block
    out, run, first, rest = [], [], "", ""
    for line in block:
        item = _LIST_ITEM.match(line)
        if item:
            if run:
                out += _wrap_run(run, first, rest)
            indent, marker = item["indent"], item["marker"]
            run, first, rest = [item["text"]], indent + marker, indent + " " * len(marker)
        else:
            run.append(line)
    return out + _wrap_run(run, first, rest)


def wrap_markdown(source: str) -> str:
    """``source`` in the course's wrapping style (idempotent)."""
    blocks, current, fenced = [], [], False
    for line in source.split("\n"):
        if line.strip().startswith(("```", "~~~")):
            fenced = not fenced
        if not line.strip() and not fenced:
            blocks.append(current)
            blocks.append(None)  # the blank line itself
            current = []
        else:
            current.append(line)
    blocks.append(current)
    out = []
    for block in blocks:
        if block is None:
            out.append("")
        elif block:
            out += _wrap_block(block)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="list what is not wrapped; change nothing")
    args = parser.parse_args(argv)
    pending = []
    for path in lessons.notebook_paths():
        nb = nbformat.read(path, as_version=4)
        changed = False
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                wrapped = wrap_markdown(cell.source)
                if wrapped != cell.source:
                    pending.append(f"{path.relative_to(lessons.ROOT)}: cell {cell.get('id')}")
                    cell.source, changed = wrapped, True
        if changed and not args.check:
            nbformat.write(nb, path)
    print("\n".join(pending) or "every markdown cell is wrapped")
    return 1 if pending and args.check else 0


if __name__ == "__main__":
    sys.exit(main())

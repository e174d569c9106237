"""The static site: every lesson has its page, every link and image on the
pages points at a file that exists."""

import re
from pathlib import Path

import pytest

from tools import site
from utils import course


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    return out, site.build(out)


def local_targets(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    targets = re.findall(r'(?:src|href)="([^"#]+)"', text)
    return [t for t in targets if not re.match(r"^(https?:|mailto:|data:)", t)]


def test_one_page_per_lesson_and_an_index(built):
    out, pages = built
    assert pages[0] == out / "index.html"
    assert {p.relative_to(out).as_posix() for p in pages[1:]} == {
        f"{folder}/{name}.html" for folder, name, *_ in course.LESSONS}


def test_index_follows_the_lesson_table(built):
    out, _ = built
    index = (out / "index.html").read_text(encoding="utf-8")
    positions = [index.index(f'href="{folder}/{name}.html"') for folder, name, *_ in course.LESSONS]
    assert positions == sorted(positions)
    for _, name, title, _, slide_name in course.LESSONS:
        assert title in index and f"{name}.ipynb" in index and slide_name in index


def test_every_local_link_and_image_exists(built):
    _, pages = built
    images = 0
    for page in pages:
        for target in local_targets(page):
            assert (page.parent / target).resolve().is_file(), f"{page.name} links to missing {target}"
            images += target.endswith(".png")
    assert images > 20  # the figures are files beside the pages, not inlined


def test_pages_carry_the_spanish_title_and_navigation(built):
    out, _ = built
    folder, name, title, *_ = course.LESSONS[1]
    page = (out / folder / f"{name}.html").read_text(encoding="utf-8")
    assert "Índice del curso" in page and "Anterior:" in page
    first_heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert title.split(":")[0] in re.sub(r"<[^>]+>", "", first_heading)

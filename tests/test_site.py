"""The static site: every lesson has its page, every link and image on the
pages points at a file that exists."""

import os
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from tools import lessons, site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    return out, site.build(out)


def local_targets(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    targets = re.findall(r'(?:src|href)="([^"#]+)"', text)
    return [t for t in targets if not re.match(r"^(https?:|mailto:|data:)", t)]


def test_one_page_per_lesson_and_edition_and_an_index(built):
    out, pages = built
    assert pages[:2] == [out / "index.html", out / "glosario.html"]
    assert {p.relative_to(out).as_posix() for p in pages[2:]} == {
        f"{edition}/{folder}/{name}.html"
        for edition in ("notebooks", "student") for folder, name, *_ in lessons.LESSONS}


def test_index_follows_the_lesson_table(built):
    out, _ = built
    index = (out / "index.html").read_text(encoding="utf-8")
    for edition in ("notebooks", "student"):
        positions = [index.index(f'href="{edition}/{folder}/{name}.html"') for folder, name, *_ in lessons.LESSONS]
        assert positions == sorted(positions)
    for _, name, title, _, slide_name in lessons.LESSONS:
        assert title in index and f"{name}.ipynb" in index and slide_name in index


def test_every_local_link_and_image_exists(built):
    _, pages = built
    images = 0
    for page in pages:
        for target in local_targets(page):
            assert (page.parent / target).resolve().is_file(), f"{page.name} links to missing {target}"
            images += target.endswith(".png")
    assert images > 20  # the figures are files beside the pages, not inlined


def test_the_glossary_is_a_page_that_lessons_and_index_link(built):
    out, _ = built
    glossary = (out / "glosario.html").read_text(encoding="utf-8")
    assert "<table>" in glossary and "padding" in glossary and 'href="notebooks/' in glossary
    assert 'href="glosario.html"' in (out / "index.html").read_text(encoding="utf-8")
    folder, name, *_ = lessons.LESSONS[0]
    for edition in ("notebooks", "student"):
        assert 'href="../../glosario.html"' in (out / edition / folder / f"{name}.html").read_text(encoding="utf-8")


def test_pages_carry_the_spanish_title_and_navigation(built):
    out, _ = built
    folder, name, title, *_ = lessons.LESSONS[1]
    page = (out / "notebooks" / folder / f"{name}.html").read_text(encoding="utf-8")
    assert "Índice del curso" in page and "Anterior:" in page
    first_heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert title.split(":")[0] in re.sub(r"<[^>]+>", "", first_heading)


def test_no_page_waits_on_the_internet_to_show(built):
    """Offline, a CDN script in the head would keep the page blank until the request fails."""
    _, pages = built
    for page in pages:
        for tag in re.findall(r"<script[^>]*>", page.read_text(encoding="utf-8")):
            if re.search(r'src="https?:', tag):
                assert re.search(r"\b(defer|async)\b", tag), f"{page.name}: blocking {tag}"


def test_formulas_are_still_typeset_when_online(built):
    out, _ = built
    page = (out / "notebooks" / "02_convolucion" / "Convolucion_2D.html").read_text(encoding="utf-8")
    assert re.search(r'<script defer src="https://[^"]*mathjax[^"]*">', page)
    assert 'type="text/x-mathjax-config"' in page and "$" in page


def test_teacher_pages_fold_every_solution_and_student_pages_hold_none(built):
    import nbformat

    out, _ = built
    for folder, name, *_ in lessons.LESSONS:
        nb = nbformat.read(lessons.ROOT / "notebooks" / folder / f"{name}.ipynb", as_version=4)
        folded = sum(cell.metadata.get("cnn_course", {}).get("role") in site.FOLDED for cell in nb.cells)
        teacher = (out / "notebooks" / folder / f"{name}.html").read_text(encoding="utf-8")
        assert teacher.count('<details class="cnn-folded">') == folded, name
        student = (out / "student" / folder / f"{name}.html").read_text(encoding="utf-8")
        assert '<details class="cnn-folded">' not in student and 'class="jp-OutputArea-output' not in student
        assert "Edición del estudiante" in student and "Edición del docente" in teacher


def test_folding_keeps_the_page_whole():
    document = ('<div class="jp-Cell celltag_cnn-solution"><div class="in">x</div><div>y</div></div>'
                '<div class="jp-Cell">z</div>')
    folded = site.folded_solutions(document)
    assert folded == ('<details class="cnn-folded"><summary>Ver la solución</summary>'
                      '<div class="jp-Cell celltag_cnn-solution"><div class="in">x</div><div>y</div></div>'
                      '</details><div class="jp-Cell">z</div>')


# --------------------------------------------------------------------------
# The pages in a real browser: Debian's chromium, headless, through selenium.
# CI installs chromium and sets CNN_REQUIRE_BROWSER=1, so there a missing
# browser is a failure, not a skip.
# --------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
# Only images the site ships (embedded or local files): external badges need internet, which CI lacks.
BROKEN_IMAGES_JS = (
    "return Array.from(document.images)"
    ".filter(i => !i.src.startsWith('http'))"
    ".filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
)


@pytest.fixture(scope="module")
def browser():
    missing = [name for name, found in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)) if not found]
    try:
        from selenium import webdriver
    except ImportError:
        missing.append("selenium")
    if missing:
        message = f"not installed: {', '.join(missing)} (apt-get install chromium chromium-driver)"
        if os.environ.get("CNN_REQUIRE_BROWSER") == "1":
            pytest.fail(f"CNN_REQUIRE_BROWSER=1 but {message}")
        pytest.skip(message)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1600"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _screenshot_is_not_blank(png: bytes, path: Path) -> None:
    from PIL import Image

    path.write_bytes(png)
    with Image.open(path) as shot:
        pixels = np.asarray(shot.convert("L"), dtype=float)
    assert pixels.shape[0] > 500 and pixels.std() > 10, f"{path} looks blank"


@pytest.mark.parametrize("lesson", [None, 1], ids=["index", "lesson page"])
def test_pages_render_in_chromium(built, browser, lesson, tmp_path):
    out, _ = built
    from selenium.webdriver.common.by import By

    if lesson is None:
        page, heading, expected_images = out / "index.html", "Curso de redes neuronales convolucionales", 0
    else:
        folder, name, title, *_ = lessons.LESSONS[lesson]
        page, heading, expected_images = out / "notebooks" / folder / f"{name}.html", title, 5
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(page.as_uri())
    WebDriverWait(browser, 30).until(lambda b: b.execute_script("return document.readyState") == "complete")
    headings = [h.text for h in browser.find_elements(By.TAG_NAME, "h1")]
    assert any(heading in text for text in headings), headings
    images = browser.find_elements(By.TAG_NAME, "img")
    assert len(images) >= expected_images
    assert browser.execute_script(BROKEN_IMAGES_JS) == []
    _screenshot_is_not_blank(browser.get_screenshot_as_png(), tmp_path / "page.png")

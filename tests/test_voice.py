"""One voice for the course, checked on the prose of both editions and on the
Spanish that utils prints: tuteo, one number format, one term per concept,
no training number typed by hand, one heading per text cell, every notebook's
opening, and cross-references as links that work."""

import ast
import json
import re
from pathlib import Path

import pytest

from tools import editions, lessons, openings

NOTEBOOKS = lessons.notebook_paths()
BOTH_EDITIONS = NOTEBOOKS + [editions.student_path(p) for p in NOTEBOOKS]
IDS = [f"{p.parents[2].name}/{p.parent.name}/{p.stem}" for p in BOTH_EDITIONS]
TEACHER_IDS = [p.stem for p in NOTEBOOKS]
GLOSSARY = lessons.ROOT / "GLOSARIO.md"

# Voseo forms (whole words). The slides never use voseo; the course writes "puedes", "observa".
VOSEO = re.compile(
    r"\b(?:vos|sos|podés|tenés|querés|sabés|hacés|decís|escribís|fijate|fijáte|acordate|mirá|observá|ejecutá|"
    r"cambiá|cambiala|elegí|escribí|probá|mové|volvé|contá|agregalo|agregá|entrenás|usá|pensá|calculá|"
    r"respondé|completá|corregí|revisá|prestá|tocá|recordá|poné|sacá|dejá|buscá|seguí|tomá|hacé|decí|"
    r"reemplazá|compará|predecí|leé|corré|ejecutala|probala|fijá|notá|anotá|imaginá|ajustá)\b", re.I)

FENCED = re.compile(r"```.*?```", re.S)
CODE_SPAN = re.compile(r"`[^`]*`")
MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]*\$", re.S)
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
HTML_TAG = re.compile(r"<[^>]+>")


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def markdown_cells(path):
    return [c for c in load(path)["cells"] if c["cell_type"] == "markdown"]


def prose(text: str) -> str:
    """The words a student reads: no code, no formulas, no link targets, no tags."""
    text = FENCED.sub(" ", text)
    text = CODE_SPAN.sub(" ", text)
    text = MATH.sub(" ", text)
    text = LINK.sub(lambda m: m.group(1), text)
    return HTML_TAG.sub(" ", text)


def problems_in(path, check) -> list[str]:
    """``check(line)``'s findings on every prose line of a notebook, with where they are."""
    return [f"cell {cell_id}: {found} in {line.strip()[:120]!r}"
            for cell_id, line in prose_lines(path) for found in check(line)]


LIST_OR_TABLE_LINE = re.compile(r"^\s*(?:[-*|>]|\d+\.)\s")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[¿¡(«\"*A-ZÁÉÍÓÚÑ])")


def sentences(text: str) -> list[str]:
    """The sentences of a markdown text: lines wrapped inside a paragraph are
    joined, list items and table rows stay on their own."""
    found = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines, joined = paragraph.splitlines(), []
        for line in lines:
            if joined and not LIST_OR_TABLE_LINE.match(line):
                joined[-1] += " " + line.strip()
            else:
                joined.append(line)
        found += [part for line in joined for part in SENTENCE_END.split(line)]
    return found


def prose_lines(path):
    """Every sentence a student reads in a notebook, with its cell id."""
    for cell in markdown_cells(path):
        for sentence in sentences(prose("".join(cell["source"]))):
            yield cell.get("id", "?"), sentence


def utils_strings():
    """Every string literal in utils/, with where it is."""
    for module in sorted((lessons.ROOT / "utils").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield f"{module.relative_to(lessons.ROOT)}:{node.lineno}", node.value


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=IDS)
def test_the_course_speaks_in_tuteo(path):
    found = sorted({m.group() for cell in load(path)["cells"] for m in VOSEO.finditer("".join(cell["source"]))})
    assert not found, f"voseo: {found}"


def test_what_utils_prints_speaks_in_tuteo():
    found = [(where, m.group()) for where, text in utils_strings() for m in VOSEO.finditer(text)]
    assert not found, f"voseo in utils: {found}"


def test_the_voseo_check_catches_voseo_and_spares_tuteo():
    assert VOSEO.search("Ejecutá la celda y fijate qué pasa")
    assert VOSEO.search("si querés, podés cambiarla")
    assert not VOSEO.search("Ejecuta la celda, observa qué pasa; si quieres, puedes cambiarla")


# One number format: decimal point, and the comma as the only thousands separator.
DECIMAL_COMMA = re.compile(r"(?<![\d,])(?:0,\d+|\d+,\d{1,2}(?!\d)|\d+,\d{4,})(?![\d,])")
DOT_THOUSANDS = re.compile(r"(?<![\d.])[1-9]\d{0,2}(?:\.\d{3})+(?![\d.])")
SPACE_THOUSANDS = re.compile(r"(?<!\d)(?<!\d[  ])[1-9]\d{0,2}(?:[  ]\d{3})+(?!\d)(?![  ]\d)")
# The sources' own words may be quoted as they wrote them.
QUOTES_A_SOURCE = re.compile(r"diapositiva|apuntes|notas de clase|la clase escribe|dice la", re.I)


def number_format_problems(line: str) -> list[str]:
    if QUOTES_A_SOURCE.search(line):
        return []
    found = []
    for name, pattern in (("decimal comma", DECIMAL_COMMA), ("dot as thousands separator", DOT_THOUSANDS),
                          ("space as thousands separator", SPACE_THOUSANDS)):
        found += [f"{name}: {m.group()!r}" for m in pattern.finditer(line)]
    return found


def test_the_number_format_check_tells_the_formats_apart():
    assert number_format_problems("la exactitud es 0,975 y tiene 43.264 entradas y 44 426 parámetros") == [
        "decimal comma: '0,975'", "dot as thousands separator: '43.264'", "space as thousands separator: '44 426'"]
    assert number_format_problems("la exactitud es 0.975, con 188,660 parámetros, 97.5 %, pasos 1, 2 y 3") == []
    assert number_format_problems("la diapositiva escribe 0,9754") == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=TEACHER_IDS)
def test_one_number_format(path):
    problems = problems_in(path, number_format_problems)
    assert not problems, "\n".join(problems)


# One term per concept (the glossary lists them); English terms only in parentheses or code.
TERMS = {
    r"(?<!CPU de 2 )\bn[úu]cleos?\b": "filtro (kernel)",
    r"\bcorrid[oa]s?\b": "trasladado",
    r"\bdesplazad[oa]s?\b": "trasladado",
    r"\bsólo\b": "solo, without accent",
    r"\bsub-ajust": "subajusta",
    r"(?<!\()(?<!\(\*)(?<!prueba \()\btest\b(?!\*?\))": "prueba (test)",
}


def term_problems(line: str) -> list[str]:
    return [f"{m.group()!r} (write {use})" for pattern, use in TERMS.items()
            for m in re.finditer(pattern, line, re.I)]


def test_the_term_check_allows_the_english_term_in_parentheses():
    assert term_problems("la exactitud en test") == ["'test' (write prueba (test))"]
    assert term_problems("la exactitud en prueba (*test*) y en prueba (test)") == []
    assert term_problems("toma unos 2 min en una CPU de 2 núcleos") == []
    assert term_problems("el núcleo y los dígitos corridos") == ["'núcleo' (write filtro (kernel))",
                                                                   "'corridos' (write trasladado)"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=TEACHER_IDS)
def test_one_term_per_concept(path):
    problems = problems_in(path, term_problems)
    assert not problems, "\n".join(problems)


# A number from a training run is printed by the code, never typed: accuracies
# like 0.975 or 97.5 %. The slides' own figures are quoted as the slide's.
TRAINING_NUMBER = re.compile(r"(?<![\d.,])0[.,][1-9]\d{2,}(?![\d.,])|(?<![\d.,])\d{1,3}[.,]\d+\s?%")


def typed_training_numbers(line: str) -> list[str]:
    if QUOTES_A_SOURCE.search(line):
        return []
    return [m.group() for m in TRAINING_NUMBER.finditer(line)]


def test_a_sentence_wrapped_over_lines_is_read_whole():
    text = "Entrenamos el MLP. La diapositiva da\n0.9754 para el MLP.\n\n- el MLP llega a 0.98\n- y 0.9801"
    assert sentences(text) == ["Entrenamos el MLP.", "La diapositiva da 0.9754 para el MLP.",
                               "- el MLP llega a 0.98", "- y 0.9801"]
    assert [typed_training_numbers(s) for s in sentences(text)] == [[], [], [], ["0.9801"]]


def test_the_training_number_check_spares_the_slides_and_exact_numbers():
    assert typed_training_numbers("el MLP llega a 0.9801 en prueba, un 98.0 %") == ["0.9801", "98.0 %"]
    assert typed_training_numbers("llegaba a un ~97,5 %, o 0,975") == ["97,5 %", "0,975"]
    assert typed_training_numbers("la diapositiva da 0.9754") == []
    assert typed_training_numbers("pesos 0.3, 0.59 y 0.11; paso 0.001; 44,426 parámetros; 99 %") == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=TEACHER_IDS)
def test_no_training_number_is_typed_in_the_prose(path):
    problems = problems_in(path, typed_training_numbers)
    assert not problems, "print it from the code and say what to look at:\n" + "\n".join(problems)


HEADING = re.compile(r"^#{1,6} ", re.M)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=TEACHER_IDS)
def test_a_text_cell_breaks_at_every_heading(path):
    for cell in markdown_cells(path):
        text = FENCED.sub("", "".join(cell["source"]))
        starts = [m.start() for m in HEADING.finditer(text)]
        assert starts in ([], [0]), f"cell {cell.get('id')}: a heading must open its own cell: {text[:100]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=TEACHER_IDS)
def test_section_numbers_are_not_repeated(path):
    numbers = [m.group(1) for cell in markdown_cells(path)
               for m in re.finditer(r"^## (\d+)\.", "".join(cell["source"]), re.M)]
    assert len(numbers) == len(set(numbers)), f"repeated section numbers: {numbers}"


WORDS_FOR_A_LINK = re.compile(r"\b(?:lecci[oó]n|clase|notebook)\s+\d+\b", re.I)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=TEACHER_IDS)
def test_cross_references_are_links(path):
    found = [f"cell {c.get('id')}: {m.group()!r}" for c in markdown_cells(path)
             for m in WORDS_FOR_A_LINK.finditer(LINK.sub("", CODE_SPAN.sub("", "".join(c["source"]))))]
    assert not found, f"link the notebook instead of naming it in words: {found}"


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=IDS)
def test_every_relative_link_leads_somewhere(path):
    broken = []
    for cell in markdown_cells(path):
        for _, target in LINK.findall("".join(cell["source"])):
            if not target or re.match(r"[a-z]+:|#", target):
                continue
            if not (Path(path).parent / target.split("#")[0]).exists():
                broken.append(target)
    assert not broken, f"broken links: {broken}"


OPENING = re.compile(
    r"\*\*Al terminar podrás:\*\*\n(?:- .+\n)+\n"
    r"\*\*Antes:\*\* .+\\\n"  # each field ends in a hard line break (a backslash): one line each, rendered
    r"\*\*Diapositivas:\*\* .+\\\n"
    r"\*\*Glosario:\*\* \[[^\]]+\]\(\.\./\.\./GLOSARIO\.md\)\\\n"
    r"\*\*Tiempo:\*\* unos (?P<reading>\d+) min de lectura; ejecutarlo completo toma "
    r"(?:menos de 1 min|alrededor de (?P<one>1) min|unos (?P<minutes>[2-9]|[1-9]\d+) min) en una CPU de 2 núcleos\.")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=TEACHER_IDS)
def test_the_opening_says_what_when_and_how_long(path):
    first = "".join(markdown_cells(path)[0]["source"]) + "\n"
    match = OPENING.search(first)
    assert match, "the first cell needs the opening block (MAINTAINERS.md, «A notebook's opening»)"
    seconds = openings.measured_seconds().get(path.stem)
    assert seconds is not None, f"{path.stem} is not in benchmarks/RESULTS.md: run python -m benchmarks.run"
    minutes = match.group("minutes") or match.group("one")
    stated = int(minutes) if minutes else 0.5
    actual = seconds / 60
    assert (actual < 1) == (minutes is None) or abs(stated - actual) <= 1, \
        f"the opening says {stated} min; the full run took {actual:.1f} min"
    assert abs(stated - actual) <= max(1.0, 0.35 * actual), \
        f"the opening says {stated} min; the full run took {actual:.1f} min"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=TEACHER_IDS)
def test_prerequisites_are_earlier_notebooks(path):
    first = "".join(markdown_cells(path)[0]["source"])
    match = re.search(r"\*\*Antes:\*\* (.+)", first)
    assert match, "the opening has no **Antes:** line"
    before = match.group(1)
    order = [p.resolve() for p in lessons.lesson_paths()]
    here = order.index(path.resolve())
    for target in re.findall(r"\]\(([^)]+\.ipynb)\)", before):
        assert order.index((path.parent / target).resolve()) < here, f"{target} comes later in the course"
    assert re.findall(r"\]\(([^)]+\.ipynb)\)", before) or here == 0, "only the first notebook needs nothing before"


def test_the_glossary_gives_both_languages_of_the_terms_the_course_uses():
    rows = [line for line in GLOSSARY.read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and "---" not in line][1:]
    english = {term.strip().lower() for row in rows for term in row.split("|")[2].split(",")}
    for term in ("padding", "stride", "pooling", "kernel", "feature map", "batch", "epoch", "accuracy",
                 "overfitting", "logits", "one-hot", "test"):
        assert term in english, f"{term} is missing from GLOSARIO.md"


def test_the_glossary_links_lead_to_notebooks():
    targets = LINK.findall(GLOSSARY.read_text(encoding="utf-8"))
    assert targets and all((GLOSSARY.parent / target).is_file() for _, target in targets)


@pytest.mark.parametrize("seconds, phrase", [
    (59.9, "menos de 1 min"), (60, "alrededor de 1 min"), (89, "alrededor de 1 min"),
    (90, "unos 2 min"), (151, "unos 3 min"), (400, "unos 7 min"),
])
def test_the_run_time_phrase_follows_the_measured_seconds(seconds, phrase):
    assert openings.run_time_phrase(seconds) == phrase


def test_the_openings_tool_writes_what_the_opening_test_accepts(tmp_path):
    source = next(p for p in NOTEBOOKS if p.stem == "Pooling")
    path = tmp_path / "Pooling.ipynb"
    path.write_bytes(source.read_bytes())
    assert openings.write_run_times([path], {"Pooling": 400.0}) == ["Pooling: 400 s -> unos 7 min"]
    match = OPENING.search("".join(markdown_cells(path)[0]["source"]) + "\n")
    assert match and match.group("minutes") == "7"
    assert openings.write_run_times([path], {"Pooling": 400.0}) == []  # already says it

"""The runner interrupted for real, and the failures it must report in one line.

Each test starts a real ``python -m benchmarks.run --in-place`` on a tiny
notebook in a temporary folder, with ``TMPDIR`` and Jupyter's runtime folder
pointed at fresh folders of the test. While the kernel sleeps in a cell, a
signal goes to the runner, to its ``benchmarks.execute`` child or to the whole
process group. Afterwards: the runner has exited 130, the notebook is
byte-identical, no process of the run is left and no temporary file either.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from benchmarks import run

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")

SLEEPING_CELL = "import os, pathlib, time\npathlib.Path({marker!r}).write_text(str(os.getpid()))\ntime.sleep(120)"


def tiny_notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T"),
                                         *(nbformat.v4.new_code_cell(s) for s in sources)])
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nbformat.write(nb, path)
    return path


# ---------------------------------------------------------------- processes

def descendants(pid: int) -> list[tuple[int, str]]:
    """Every process below ``pid`` as (pid, command line): psutil, else /proc."""
    try:
        import psutil
    except ImportError:
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
        found, todo = [], [pid]
        while todo:
            for child in children.get(todo.pop(), []):
                found.append(child)
                todo.append(child)
        return [(p, command_line(p)) for p in found]
    return [(p.pid, " ".join(p.cmdline())) for p in psutil.Process(pid).children(recursive=True)]


def command_line(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def running(pid: int, command: str) -> bool:
    """Whether ``pid`` is still the live process that had ``command`` (not a
    zombie, not a new process that reused the number)."""
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z" and command_line(pid) == command


# ---------------------------------------------------------------- a run to interrupt

class Sandbox:
    """A tiny notebook, a scratch folder and the environment of one run."""

    def __init__(self, root: Path):
        self.root = root
        self.tmp = root / "tmp"  # the run's TMPDIR: must end empty
        self.runtime = root / "jupyter-runtime"  # kernels' connection files: must end empty
        self.scratch = root / "scratch"
        self.marker = root / "kernel.pid"
        for folder in (self.tmp, self.runtime):
            folder.mkdir()
        self.env = {**os.environ, "TMPDIR": str(self.tmp), "JUPYTER_RUNTIME_DIR": str(self.runtime)}

    def runner(self, *notebooks: Path, options=(), sigint_ignored=False) -> subprocess.Popen:
        command = [sys.executable, "-m", "benchmarks.run", "--in-place", "--no-peer", "--no-tests",
                   "--scratch", str(self.scratch), *options, *map(str, notebooks)]
        # what `runner &` in a script does to it
        ignore = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if sigint_ignored else None
        # A session of its own: the group signal reaches the run and not pytest.
        return subprocess.Popen(command, cwd=run.ROOT, env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=ignore)

    def wait_for_kernel(self, process: subprocess.Popen, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while not self.marker.exists():
            if process.poll() is not None:
                pytest.fail(f"the runner ended before the kernel started: {process.communicate()}")
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("the kernel never reached the sleeping cell")
            time.sleep(0.1)

    def leftovers(self) -> list[str]:
        return sorted(str(p.relative_to(self.root)) for folder in (self.tmp, self.runtime) for p in folder.iterdir())


@pytest.fixture
def sandbox(tmp_path):
    return Sandbox(tmp_path)


@pytest.mark.parametrize("target, signum", [
    ("runner", signal.SIGINT),
    ("runner", signal.SIGTERM),
    ("executor", signal.SIGINT),
    ("executor", signal.SIGTERM),
    ("group", signal.SIGINT),
    ("group", signal.SIGTERM),
    ("background runner", signal.SIGINT),  # started as `runner &` in a script: SIGINT inherited ignored
], ids=lambda value: value if isinstance(value, str) else signal.Signals(value).name)
def test_an_interrupted_in_place_run_changes_nothing_and_leaves_nothing(sandbox, target, signum):
    notebook = tiny_notebook(sandbox.root / "tiny.ipynb", "x = 1",
                             SLEEPING_CELL.format(marker=str(sandbox.marker)), "print('never')")
    before = notebook.read_bytes()
    runner = sandbox.runner(notebook, sigint_ignored=target == "background runner")
    sandbox.wait_for_kernel(runner)
    tree = descendants(runner.pid)
    executors = [p for p, command in tree if "benchmarks.execute" in command]
    kernels = [p for p, command in tree if "ipykernel" in command]
    assert len(executors) == 1 and len(kernels) == 1, tree
    assert int(sandbox.marker.read_text()) == kernels[0]

    if target in ("runner", "background runner"):
        os.kill(runner.pid, signum)
    elif target == "executor":
        os.kill(executors[0], signum)
    else:
        os.killpg(runner.pid, signum)
    try:
        _, err = runner.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(runner.pid, signal.SIGKILL)
        pytest.fail("the runner did not stop")

    assert runner.returncode == 130, err
    assert notebook.read_bytes() == before
    assert "Refreshed: none. Not refreshed: tiny (interrupted)." in err
    assert "Traceback" not in err
    deadline = time.monotonic() + 5
    while any(running(p, c) for p, c in tree) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [(p, c) for p, c in tree if running(p, c)] == []
    assert sandbox.leftovers() == []
    assert not list(sandbox.root.glob(".*.part")), "no half-written notebook beside it"


def test_a_failing_cell_a_dead_kernel_and_a_timeout_get_the_same_one_line_report(sandbox):
    ok = tiny_notebook(sandbox.root / "ok.ipynb", "print(6 * 7)")
    raising = tiny_notebook(sandbox.root / "raising.ipynb", "raise ValueError('boom')")
    dying = tiny_notebook(sandbox.root / "dying.ipynb", "import os\nos.kill(os.getpid(), 9)")
    slow = tiny_notebook(sandbox.root / "slow.ipynb", "import time\ntime.sleep(60)")
    failing = (raising, dying, slow)
    before = {path: path.read_bytes() for path in failing}
    runner = sandbox.runner(ok, *failing, options=("--timeout", "2"))
    out, err = runner.communicate(timeout=300)

    assert runner.returncode == 1
    assert {path: path.read_bytes() for path in failing} == before
    assert nbformat.read(ok, as_version=4).cells[1].outputs[0]["text"] == "42\n"  # refreshed
    assert "Traceback" not in err
    reports = [line for line in err.splitlines() if line.endswith("left as it was")]
    assert len(reports) == 3, err
    for line, path in zip(reports, failing, strict=True):
        assert line.startswith(f"{path.name}: ") and line.endswith(f"; {path} left as it was")
    assert "ValueError: boom" in reports[0]
    assert "kernel died" in reports[1]
    assert "longer than 2 s" in reports[2]
    assert out.strip().splitlines()[-1] == \
        "Refreshed: ok. Not refreshed: raising (failed), dying (failed), slow (failed)."
    assert sandbox.leftovers() == []


def test_a_folder_it_cannot_write_stops_the_run_before_any_kernel(sandbox):
    notebook = tiny_notebook(sandbox.root / "tiny.ipynb", SLEEPING_CELL.format(marker=str(sandbox.marker)))
    blocker = sandbox.root / "a-file"
    blocker.write_text("not a folder")
    runner = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--no-peer", "--no-tests", "--scratch", str(blocker / "scratch"),
         str(notebook)], cwd=run.ROOT, env=sandbox.env, capture_output=True, text=True, timeout=120)
    assert runner.returncode == 2
    assert f"{blocker / 'scratch'}" in runner.stderr and "nothing was run" in runner.stderr
    assert not sandbox.marker.exists(), "no kernel was started"

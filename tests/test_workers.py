"""Render workers serve one engine each (issue 29): a show with two engines has workers
of each kind, and no worker process ever loads a second engine."""

from __future__ import annotations

import collections
import os
import threading
from pathlib import Path

import pytest

from briefing import tts
from briefing.render import Renderer
from briefing.voices import VoiceProfile

from .fakes import ToneEngine
from .helpers import tone_specs, wait_for

#: Files named by these variables: each engine's start ("PID<TAB>LABEL") and each of its
#: syntheses ("PID<TAB>LABEL<TAB>TEXT"), across processes; GATE: while the file exists,
#: engine B's syntheses wait (a test opens it when it has seen what it waits for).
LOADS = "TEST_WORKERS_LOADS_FILE"
CALLS = "TEST_WORKERS_CALLS_FILE"
GATE = "TEST_WORKERS_GATE_FILE"

A = VoiceProfile(name="alpha", engine="tone-a", voice="beep", rate=180)
B = VoiceProfile(name="bravo", engine="tone-b", voice="beep", rate=200)


class _Recording(ToneEngine):
    label = ""

    def __init__(self) -> None:
        super().__init__()
        _append(LOADS, f"{os.getpid()}\t{self.label}")

    def synthesize(self, text: str, profile: VoiceProfile, dest: Path) -> tuple:  # type: ignore[type-arg]
        _append(CALLS, f"{os.getpid()}\t{self.label}\t{text}")
        gate = os.environ.get(GATE)
        if gate and self.label == "b":
            wait_for(lambda: not Path(gate).exists(), timeout_s=600)
        return super().synthesize(text, profile, dest)


class EngineA(_Recording):
    label = "a"


class EngineB(_Recording):
    label = "b"


def _append(variable: str, line: str) -> None:
    path = os.environ.get(variable)
    if path:
        with open(path, "a", encoding="utf-8") as file:
            file.write(line + "\n")


def _lines(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text().splitlines()] if path.exists() else []


@pytest.fixture
def two_engines(tmp_path, monkeypatch):
    """Engines tone-a and tone-b, each recording its loads and calls by process id."""
    tts.register_engine("tone-a", "tests.test_workers:EngineA")
    tts.register_engine("tone-b", "tests.test_workers:EngineB")
    monkeypatch.setenv(LOADS, str(tmp_path / "loads.txt"))
    monkeypatch.setenv(CALLS, str(tmp_path / "calls.txt"))
    yield tmp_path / "loads.txt", tmp_path / "calls.txt"
    tts.unregister_engine("tone-a")
    tts.unregister_engine("tone-b")


def _show(words: int = 6) -> list:
    """A two-voice show's story blocks: alternate stories in A and B."""
    texts = [" ".join(f"story{i}word{j}" for j in range(words)) for i in range(6)]
    return [spec for i, text in enumerate(texts) for spec in tone_specs([text], (A, B)[i % 2])]


def _engines_by_process(loads: Path, calls: Path) -> dict[str, list[str]]:
    """Each worker process's engine loads, checking that it only spoke with them."""
    loaded = collections.defaultdict(list)
    for pid, label in _lines(loads):
        loaded[pid].append(label)
    for pid, label, _text in _lines(calls):
        assert label in loaded[pid], f"process {pid} spoke with {label} without loading it"
    return dict(loaded)


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_each_worker_of_a_two_engine_show_loads_one_engine(two_engines, jobs):
    """--jobs is the number of workers, but at least one per engine: each loads its engine
    once, and every block is spoken by a worker of its voice's engine (a worker whose
    engine has no more work may make way for one of the other engine: more than two
    processes in all, never two engines in one)."""
    loads, calls = two_engines
    specs = _show()
    with Renderer(None, jobs=jobs) as renderer:
        result = renderer.render(specs)
    assert not result.failures and result.rendered == len(specs)
    loaded = _engines_by_process(loads, calls)
    assert all(len(labels) == 1 for labels in loaded.values()), loaded
    assert {labels[0] for labels in loaded.values()} == {"a", "b"}
    spoken = {text: label for _pid, label, text in _lines(calls)}
    assert spoken == {spec.text: spec.profile.engine[-1] for spec in specs}


def test_a_warmed_up_renderer_starts_a_worker_per_engine(two_engines):
    loads, calls = two_engines
    with Renderer(None, jobs=1) as renderer:
        renderer.warm_up({"tone-a", "tone-b"})
        assert wait_for(lambda: len(_lines(loads)) == 2)
        warmed = _lines(loads)
        assert not renderer.render(_show()).failures
    assert sorted(label for _pid, label in warmed) == ["a", "b"]
    assert len({pid for pid, _label in warmed}) == 2
    loaded = _engines_by_process(loads, calls)
    assert all(len(labels) == 1 for labels in loaded.values()), loaded


def test_a_worker_whose_engine_has_no_more_work_makes_way_for_another(two_engines, tmp_path):
    """With two workers, one engine's worker idle and the other's blocks waiting: the
    idle one is let go and a second worker of the busy engine takes the next block."""
    loads, calls = two_engines
    gate = tmp_path / "gate"
    gate.touch()
    os.environ[GATE] = str(gate)  # read by the workers when they start
    try:
        specs = tone_specs(["short one"], A) + tone_specs([f"long block {i}" for i in range(3)], B)
        outcome = {}
        with Renderer(None, jobs=2) as renderer:
            thread = threading.Thread(target=lambda: outcome.update(r=renderer.render(specs)))
            thread.start()
            b_workers = lambda: {pid for pid, label, _ in _lines(calls) if label == "b"}  # noqa: E731
            seen_two = wait_for(lambda: len(b_workers()) == 2)
            gate.unlink()
            thread.join(600)
    finally:
        del os.environ[GATE]
    assert seen_two, "no second worker of the busy engine took a block"
    assert not outcome["r"].failures
    loaded = _engines_by_process(loads, calls)
    assert all(len(labels) == 1 for labels in loaded.values()), loaded
    assert sorted(labels[0] for labels in loaded.values()) == ["a", "b", "b"]


def test_a_crash_in_one_engines_worker_costs_only_its_block(two_engines):
    """A worker killed mid-block is replaced by a worker of the same engine; the other
    engine's blocks are not touched."""
    loads, calls = two_engines
    specs = _show(3) + tone_specs(["kaboom here"], B)
    with Renderer(None, jobs=2) as renderer:
        result = renderer.render(specs)
    assert [f.spec.text for f in result.failures] == ["kaboom here"]
    assert "crashed" in result.failures[0].reason
    assert all(block is not None for block in result.blocks[:-1])
    loaded = _engines_by_process(loads, calls)
    assert all(len(labels) == 1 for labels in loaded.values()), loaded
    assert sorted(labels[0] for labels in loaded.values()).count("a") == 1

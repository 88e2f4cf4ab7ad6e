"""The package's shape: no import cycles between its modules, and a pipeline module
that only orchestrates."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, level: int, name: str | None) -> str:
    base = module.split(".") if is_package else module.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def _top_level_imports(path: Path) -> set[str]:
    """The briefing modules ``path`` imports when it is imported (not in functions,
    not under ``if TYPE_CHECKING``)."""
    module = _module_name(path)
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                target = _resolve(module, is_package, node.level, node.module)
            else:
                target = node.module or ""
            if not target.startswith("briefing"):
                continue
            for alias in node.names:  # "from . import voices" imports a submodule
                candidate = f"{target}.{alias.name}"
                if (PACKAGE.parent / Path(*candidate.split("."))).with_suffix(".py").exists():
                    found.add(candidate)
                else:
                    found.add(target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("briefing")}
    return {f for f in found if f != module}


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _top_level_imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle found by a depth-first walk (each reported once, from its smallest name)."""
    cycles: set[tuple[str, ...]] = set()

    def walk(node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt in path:
                loop = path[path.index(nxt) :]
                start = loop.index(min(loop))
                cycles.add(tuple(loop[start:] + loop[:start]))
            elif len(path) < 12:
                walk(nxt, [*path, nxt])

    for node in graph:
        walk(node, [node])
    return [list(c) for c in sorted(cycles)]


def test_the_walk_finds_a_cycle_when_there_is_one():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_of_briefing_imports_itself_back_at_import_time():
    graph = _graph()
    # Parents import their package's __init__ implicitly: a submodule importing its own
    # package root is how a package re-exports, not a cycle between stages.
    for module, targets in graph.items():
        graph[module] = {t for t in targets if not module.startswith(f"{t}.")}
    assert _cycles(graph) == []


def test_workers_take_what_they_render_from_blocks_not_from_the_renderer():
    """render (the pool) starts the workers; the workers render with blocks."""
    workers = PACKAGE / "render" / "workers.py"
    assert "briefing.render" not in _top_level_imports(workers)
    source = workers.read_text(encoding="utf-8")
    assert "from . import" not in source and "from briefing.render import" not in source
    assert "from .blocks import" in source


def test_the_file_list_shows_the_pipeline():
    stages = ["sources", "select.py", "summarize", "script.py", "tts", "render", "audio",
              "publish"]  # fmt: skip
    assert all((PACKAGE / stage).exists() for stage in stages)
    assert {p.stem for p in (PACKAGE / "render").glob("*.py")} >= {
        "__init__", "blocks", "workers", "cache", "layout"
    }  # fmt: skip
    assert {p.stem for p in (PACKAGE / "audio").glob("*.py")} >= {"mix", "loudness", "mp3"}


def test_no_module_imports_the_version_from_the_package_root():
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import __version__" not in text.replace(
            "from .versions import __version__", ""
        ).replace("from ..versions import __version__", ""), path


def test_pipeline_only_orchestrates():
    lines = (PACKAGE / "pipeline.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 300  # two phases (plan, make) that a batch of shows calls apart
    tree = ast.parse("\n".join(lines))
    functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert functions == {
        "compose_script", "prepare_script", "generate", "plan_episode", "make_episode"
    }  # fmt: skip


def test_an_llm_summarizer_names_its_model_in_the_run_inputs():
    from briefing.summarize import summarize_article
    from briefing.summarize.llm import LlmSettings, LlmSummarizer
    from briefing.uptodate import summarizer_name

    one = LlmSummarizer(LlmSettings("http://127.0.0.1:1/v1", "small", api_key="secret"))
    other = LlmSummarizer(LlmSettings("http://127.0.0.1:1/v1", "large", api_key="secret"))
    assert summarizer_name(one) != summarizer_name(other)
    assert "secret" not in str(summarizer_name(one))
    assert summarizer_name(summarize_article) == "briefing.summarize.summarize_article"


def _python(code: str, *args: str) -> list[str]:
    """The words ``code`` prints, run by a fresh Python in the repository."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True,
        cwd=PACKAGE.parent,
    )  # fmt: skip
    return result.stdout.split()


def test_a_worker_and_the_cache_start_without_the_renderer():
    """The render package's names load its pool on first use: a worker process and
    the up-to-date check import only what they need."""
    code = (
        "import sys, briefing.render.workers, briefing.render.cache, briefing.uptodate; "
        "print('briefing.render.pool' in sys.modules, 'briefing.audio.mp3' in sys.modules)"
    )
    assert _python(code) == ["False", "False"]


def test_dask_and_fsspec_are_imported_only_for_a_cluster_or_a_url_cache(tmp_path):
    """A run on this machine, with the local cache, never imports the optional extras."""
    code = (
        "import sys\n"
        "from briefing import tts\n"
        "tts.register_engine('tone', 'tests.fakes:ToneEngine')\n"
        "import briefing.batch, briefing.cli, briefing.pipeline\n"
        "from briefing.render import Renderer\n"
        "from briefing.render.store import open_store\n"
        "from tests.helpers import tone_specs\n"
        "with Renderer(open_store(sys.argv[1]), jobs=1) as renderer:\n"
        "    assert not renderer.render(tone_specs(['a few words'])).failures\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed', 'fsspec'}))\n"
    )
    assert _python(code, str(tmp_path / "cache")) == ["[]"]


def test_a_run_that_finds_its_episode_up_to_date_loads_no_text_stage():
    """The command line and the pipeline import the summarizer and num2words where they
    are used: a run whose episode is up to date (a fifth of its 0.2 s start was their
    patterns) loads neither. The default summarizer keeps the name the runs' inputs
    have always given it."""
    from briefing.options import EXTRACTIVE
    from briefing.uptodate import summarizer_name

    assert summarizer_name(EXTRACTIVE) == "briefing.summarize.summarize_article"
    code = (
        "import sys\n"
        "import briefing.cli, briefing.pipeline, briefing.batch\n"
        "from briefing.config import parse_config\n"
        "from briefing.options import run_options\n"
        "run_options(parse_config({'show': {'language': 'de'}}))\n"
        "from briefing.voices import check_language\n"
        "check_language([], 'en')\n"
        "print(sorted({'briefing.summarize', 'num2words', 'briefing.speech'} & set(sys.modules)))\n"
    )
    assert _python(code) == ["[]"]

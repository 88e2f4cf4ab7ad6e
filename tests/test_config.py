"""briefing.toml: finding it, reading it, and naming the key in every complaint."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.config import (
    Config,
    ConfigError,
    example_config,
    find_config,
    load_config,
    parse_config,
    parse_duration,
    write_starter,
)


def test_the_example_config_is_valid_and_says_the_defaults():
    config = parse_config(tomllib.loads(example_config()))
    defaults = Config()
    assert config.show == defaults.show
    assert config.voices == defaults.voices == ()  # the default show
    assert config.since == dt.timedelta(hours=24)
    assert config.sources == ()


def test_a_full_config(tmp_path):
    path = tmp_path / "briefing.toml"
    path.write_text(
        """
[show]
title = "Morning Notes"
author = "Ana"
language = "en-GB"
base_url = "https://example.org/notes/"
cover = "art/cover.png"
explicit = true

[output]
folder = "episodes"
keep = 7

[briefing]
voices = ["anchor"]
minutes = 8
since = "12h"
max_words = 70

[[sources]]
name = "World"
url = "https://example.org/world.xml"
max_items = 3
weight = 2.5

[[sources]]
path = "saved"
""",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.show.title == "Morning Notes"
    assert config.show.language == "en-GB"
    assert config.show.explicit is True
    assert config.show.cover == tmp_path / "art/cover.png"
    assert config.base_url == "https://example.org/notes/"
    assert config.out_dir == tmp_path / "episodes"
    assert config.keep == 7
    assert config.voices == ("anchor",)
    assert config.minutes == 8
    assert config.since == dt.timedelta(hours=12)
    assert config.max_words == 70
    world, saved = config.sources
    assert (world.label, world.location, world.max_items, world.weight) == (
        "World",
        "https://example.org/world.xml",
        3,
        2.5,
    )
    assert world.is_url
    assert saved.location == str(tmp_path / "saved") and saved.label == str(tmp_path / "saved")
    assert config.path == path


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[show]\ntitle = 5", "'show.title' must be a string, not 5"),
        ("[show]\ntitle = ''", "'show.title' must not be empty"),
        ("[show]\nexplicit = 'no'", "'show.explicit' must be true or false"),
        ("[show]\nlanguage = 'English'", "'show.language' must be a language tag"),
        ("[show]\nbase_url = 'example.org'", "'show.base_url' must be an absolute http(s) URL"),
        ("[show]\ncolour = 'red'", "'show.colour' is not a known setting"),
        ("[output]\nkeep = 0", "'output.keep' must be a whole number from 1"),
        ("[output]\nkeep = true", "'output.keep' must be a whole number"),
        ("[briefing]\nvoices = []", "'briefing.voices' must be a non-empty list"),
        ("[briefing]\nvoices = 'anchor'", "'briefing.voices' must be a list of voice names"),
        ("[briefing]\nminutes = 0", "'briefing.minutes' must be a number from 0.5 to 600"),
        ("[briefing]\nsince = 'yesterday'", "'briefing.since' must be a duration"),
        ("[briefing]\nsince = 24", "'briefing.since' must be a duration such as 24h"),
        ("[[sources]]\nname = 'x'", "'sources[0]' needs exactly one of 'url' or 'path'"),
        ("[[sources]]\nurl = 'a'\npath = 'b'", "'sources[0]' needs exactly one of 'url' or 'path'"),
        ("[[sources]]\nurl = 'ftp://x'", "'sources[0].url' must start with http:// or https://"),
        (
            "[[sources]]\nurl = 'https://x'\nmax_items = 0",
            "'sources[0].max_items' must be a whole number from 1 to 100",
        ),
        (
            "[[sources]]\nurl = 'https://x'\n[[sources]]\nurl = 'https://y'\nweight = -1",
            "'sources[1].weight' must be a number from 0 to 100",
        ),
        ("[[sources]]\nurl = 'https://x'\nfeed = 'y'", "'sources[0].feed' is not a known setting"),
        ("sources = 'https://x'", "'sources' must be a list"),
        ("show = 1", "'show' must be a table"),
        ("title = 'x'", "'title' is not a known setting"),
        (
            "[render]\nscheduler = 'localhost:8786'",
            "'render.scheduler' must be a scheduler address",
        ),
        ("[render]\nscheduler = 8786", "'render.scheduler' must be a string"),
        ("[render]\ncache = ''", "'render.cache' must not be empty"),
        ("[render]\njobs = 2", "'render.jobs' is not a known setting"),
        ("[show]\nemail = 'jane'", "'show.email' must be an email address such as you@example.org"),
        ("[show]\nemail = 'jane@localhost'", "'show.email' must be an email address"),
        ("[show]\nemail = 'Jane <jane@example.org>'", "'show.email' must be an email address"),
        ("[show]\nemail = 'jane doe@example.org'", "'show.email' must be an email address"),
        ("[show]\nemail = ''", "'show.email' must not be empty"),
        ("[show]\nemail = 5", "'show.email' must be a string"),
        (
            f"[show]\nemail = '{'j' * 250}@example.org'",
            "'show.email' is 262 characters; at most 254",
        ),
        ("[show]\nowner = 'Jane Doe'", "'show.owner' needs 'show.email' too"),
        (
            f"[show]\nemail = 'j@example.org'\nowner = '{'J' * 201}'",
            "'show.owner' is 201 characters",
        ),
        (f"[show]\ncopyright = '{'c' * 501}'", "'show.copyright' is 501 characters; at most 500"),
        ("[show]\nlocked = 'yes'", "'show.locked' must be true or false, not 'yes'"),
    ],
)
def test_invalid_settings_name_the_key(tmp_path, toml, message):
    path = tmp_path / "briefing.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_bad_toml(tmp_path):
    path = tmp_path / "briefing.toml"
    path.write_text("[show\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)


def test_the_feed_owner_copyright_and_lock(tmp_path):
    path = tmp_path / "briefing.toml"
    path.write_text(
        '[show]\nowner = "Jane Doe"\nemail = " jane.doe+news@mail.example.org "\n'
        'copyright = "© 2026 Jane Doe"\nlocked = true\n',
        encoding="utf-8",
    )
    show = load_config(path).show
    assert (show.owner, show.email, show.copyright, show.locked) == (
        "Jane Doe", "jane.doe+news@mail.example.org", "© 2026 Jane Doe", True,
    )  # fmt: skip
    assert (Config().show.email, Config().show.locked) == ("", None)  # unset: no tag


def test_the_example_s_feed_owner_settings_are_valid_when_uncommented():
    text = example_config()
    for key in ("email", "owner", "copyright", "locked"):
        assert f"\n# {key} = " in text, key
        text = text.replace(f"\n# {key} = ", f"\n{key} = ")
    show = parse_config(tomllib.loads(text)).show
    assert (show.email, show.owner, show.locked) == ("you@example.org", "Your Name", True)


def test_lookup_order(tmp_path, monkeypatch):
    home = tmp_path / "home-config" / "briefing"
    home.mkdir(parents=True)
    monkeypatch.setattr("platformdirs.user_config_dir", lambda name: str(home))
    monkeypatch.chdir(tmp_path)
    assert find_config() is None
    assert load_config() == Config()
    (home / "briefing.toml").write_text('[show]\ntitle = "From home"\n')
    assert load_config().show.title == "From home"
    (tmp_path / "briefing.toml").write_text('[show]\ntitle = "From here"\n')
    assert load_config().show.title == "From here"
    named = tmp_path / "named.toml"
    named.write_text('[show]\ntitle = "Named"\n')
    assert load_config(named).show.title == "Named"
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90m", 5400),
        ("24h", 86400),
        ("1.5h", 5400),
        ("2d", 172800),
        ("1w", 604800),
        (" 12 H ", 43200),
        ("30min", 1800),
    ],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text).total_seconds() == seconds


@pytest.mark.parametrize("text", ["", "24", "h", "-1h", "0h", "yesterday", "1y"])
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError):
        parse_duration(text)


def test_init_writes_a_starter_and_will_not_overwrite(tmp_path):
    runner = CliRunner()
    target = tmp_path / "briefing.toml"
    result = runner.invoke(cli, ["init", str(target)])
    assert result.exit_code == 0
    assert result.stdout.strip() == str(target)
    assert target.read_text() == example_config()
    again = runner.invoke(cli, ["init", str(target)])
    assert again.exit_code == 1
    assert "already exists; use --force" in again.output
    assert runner.invoke(cli, ["init", str(target), "--force"]).exit_code == 0


def test_init_default_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["init"]).exit_code == 0
    assert Path(tmp_path / "briefing.toml").is_file()
    with pytest.raises(ConfigError):
        write_starter(tmp_path / "briefing.toml")


def test_bad_config_on_the_command_line_is_one_line(tmp_path):
    path = tmp_path / "briefing.toml"
    path.write_text("[briefing]\nminutes = 'ten'\n")
    result = CliRunner().invoke(cli, ["script", "--config", str(path)])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: ")
    assert "'briefing.minutes' must be a number" in result.output


def test_wpm_and_summarizer_settings(tmp_path):
    path = tmp_path / "briefing.toml"
    path.write_text(
        '[briefing]\nwpm = 220\n[summarizer]\nkind = "llm"\nmodel = "m"\nbase_url = "http://localhost:11434/v1"\n'
    )
    config = load_config(path)
    assert config.wpm == 220 and config.summarizer == "llm"
    assert config.llm == {"model": "m", "base_url": "http://localhost:11434/v1"}
    path.write_text("[briefing]\nwpm = 600\n")
    with pytest.raises(ConfigError, match="'briefing.wpm' must be a whole number from 120 to 450"):
        load_config(path)
    path.write_text('[summarizer]\nkind = "gpt"\n')
    with pytest.raises(ConfigError, match="'summarizer.kind' must be one of extractive, llm"):
        load_config(path)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("['10.0.0.0/8', ' 192.168.1.20 ']", ("10.0.0.0/8", "192.168.1.20")),
        ("[]", ()),
        ("['ten']", "not a network"),
        ("'10.0.0.0/8'", "must be a list"),
        ("[10]", "must be a list of strings"),
    ],
)
def test_fetch_allow_networks(tmp_path, value, expected):
    path = tmp_path / "briefing.toml"
    path.write_text(f"[fetch]\nallow_networks = {value}\n", encoding="utf-8")
    if isinstance(expected, tuple):
        assert load_config(path).allow_networks == expected
    else:
        with pytest.raises(ConfigError, match=expected):
            load_config(path)


def test_render_settings(tmp_path):
    path = tmp_path / "briefing.toml"
    path.write_text("[render]\nscheduler = 'tcp://render-1:8786'\ncache = 'shared/cache'\n")
    config = load_config(path)
    assert config.scheduler == "tcp://render-1:8786"
    assert config.cache == str(tmp_path / "shared" / "cache")  # beside the config file
    path.write_text("[render]\ncache = 's3://bucket/briefing'\n")
    assert load_config(path).cache == "s3://bucket/briefing" and load_config(path).scheduler is None

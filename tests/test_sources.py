"""Reading articles: the users' format, encodings, folders, stdin, bad files."""

from __future__ import annotations

import io

import pytest

from briefing.errors import SourceError
from briefing.sources import (
    decode_text,
    load_articles,
    parse_article,
    read_article,
    read_stream,
    sample_sources,
)

from .helpers import SEED


def test_seed_article_is_parsed_and_cleaned():
    article = read_article(SEED)
    assert article.title == (
        "Syria's Assad calls US troops 'invaders' but still hopes to cooperate with Trump"
    )
    # The repeated headline line is dropped: the body starts with the story.
    assert article.paragraphs[0].startswith("Syrian President Bashar al-Assad said U.S. forces")
    assert article.title not in article.text
    # The credit line at the end is gone; the last paragraph is the story's.
    assert "Writing by" not in article.text
    assert "Editing by" not in article.text
    assert article.paragraphs[-1].startswith("China and Russia last month blocked")
    assert article.source == str(SEED)


def test_dateline_and_noise_are_removed_from_body():
    text = (
        "Storm closes ports\nStorm closes ports\n\nBy Clara Jensen\n\n"
        "HAMBURG (Reuters) - A storm closed ports along the coast on Monday.\n\n"
        "Scroll down for video\n\nMore details are at https://example.org/storm.\n\n"
        "Ferries will resume on Wednesday, the port authority said.\n\n"
        "(Reporting by Jan Weber; Editing by Sam Holt)\n"
    )
    article = parse_article(text, "storm.txt")
    assert article.title == "Storm closes ports"
    assert article.paragraphs == (
        "A storm closed ports along the coast on Monday.",
        "Ferries will resume on Wednesday, the port authority said.",
    )


def test_headline_not_repeated_is_kept_as_body():
    article = parse_article("Title here\nThe body sentence is here.\n", "x")
    assert article.paragraphs == ("The body sentence is here.",)


def test_windows_line_endings_and_leading_blank_lines():
    article = parse_article("\r\n\r\nTitle\r\nTitle\r\n\r\nBody one.\r\n\r\nBody two.\r\n", "x")
    assert article.title == "Title"
    assert article.paragraphs == ("Body one.", "Body two.")


@pytest.mark.parametrize(
    ("data", "expected_title"),
    [
        ("Café reopens\n\nThe café reopened.".encode(), "Café reopens"),
        ("\ufeffCafé reopens\n\nThe café reopened.".encode(), "Café reopens"),
        ("Café reopens\n\nThe café reopened.".encode("cp1252"), "Café reopens"),
        ("Prices \u2018soar\u2019\n\nThey did.".encode("cp1252"), "Prices \u2018soar\u2019"),
        ("Café reopens\n\nThe café reopened.".encode("utf-16"), "Café reopens"),
    ],
)
def test_encodings(data, expected_title):
    assert parse_article(decode_text(data, "x"), "x").title == expected_title


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\n\n   \n", "empty"),
        (b"Only a headline\n", "no article text"),
        (b"Headline\n\nhttps://example.org\n", "no article text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        (bytes(range(256)) * 4, "not a text file"),
    ],
)
def test_bad_files_raise_source_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=message) as info:
        read_article(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_file_and_folder_given_as_file(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(SourceError, match="is a folder"):
        read_article(tmp_path)


def test_too_large_file(tmp_path, monkeypatch):
    monkeypatch.setattr("briefing.sources.files.MAX_ARTICLE_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("Headline\n\n" + "word " * 100)
    with pytest.raises(SourceError, match="too large"):
        read_article(path)


def test_folder_is_read_in_name_order_and_bad_files_are_skipped(tmp_path, caplog):
    (tmp_path / "b.txt").write_text("Second story\n\nBody of the second story.\n")
    (tmp_path / "a.txt").write_text("First story\n\nBody of the first story.\n")
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nIgnored too.\n")
    articles, skipped = load_articles([tmp_path])
    assert [a.title for a in articles] == ["First story", "Second story"]
    assert [s.source for s in skipped] == [str(tmp_path / "c.txt")]
    assert "skipping" in caplog.text and "c.txt" in caplog.text


def test_empty_folder_is_skipped(tmp_path):
    articles, skipped = load_articles([tmp_path])
    assert articles == []
    assert "no article files" in skipped[0].reason


def test_one_bad_source_does_not_stop_the_others(tmp_path):
    articles, skipped = load_articles([tmp_path / "missing.txt", SEED])
    assert len(articles) == 1
    assert skipped[0].source == str(tmp_path / "missing.txt")
    assert skipped[0].reason == "no such file; check the path"


def test_stdin_source():
    stream = io.BytesIO(b"From stdin\n\nA story that came in on standard input.\n")
    articles, skipped = load_articles(["-"], stdin=stream)
    assert skipped == []
    assert articles[0].title == "From stdin"
    assert articles[0].source == "<stdin>"


def test_read_stream_rejects_binary():
    with pytest.raises(SourceError, match="<stdin>: not a text file"):
        read_stream(io.BytesIO(b"\x00\x01\x02\x03" * 10))


def test_bundled_samples():
    samples = sample_sources()
    assert 4 <= len(samples) <= 6
    articles, skipped = load_articles(samples)
    assert skipped == []
    for article in articles:
        words = len(article.text.split())
        assert 120 <= words <= 300, article.source
        for noise in (
            "Briefing Wire",
            "Reporting by",
            "Editing by",
            "Scroll down",
            "http",
            "By Clara",
        ):
            assert noise not in article.text, (noise, article.source)


@pytest.mark.parametrize(
    ("written", "repaired"),
    [
        ("It cost Â£5 each.", "It cost £5 each."),
        ("The cafÃ© reopened.", "The café reopened."),
        ("Itâ€™s over, she said â€” again.", "It’s over, she said — again."),
        ("Ã¢â‚¬â„¢Twiceâ€™ mis-decoded.", "’Twice’ mis-decoded."),
        ("â€œQuotedâ€\x9d, she said.", "“Quoted”, she said."),  # 0x9D: no cp1252 letter
        ("Straße, naïve, Ångström, à la carte.", "Straße, naïve, Ångström, à la carte."),
    ],
)
def test_mojibake_is_repaired_before_it_is_spoken(written, repaired):
    # The text was saved as UTF-8 after being read as Windows-1252 once (or twice).
    data = f"Headline\n\n{written}".encode()
    article = parse_article(decode_text(data, "x.txt"), "x.txt")
    assert article.paragraphs == (repaired,)


def test_mojibake_beyond_repair_is_skipped_with_a_reason(tmp_path):
    path = tmp_path / "garbled.txt"
    path.write_text("Prices rise\n\nItâ€\ufffds up by Â½ again.", encoding="utf-8")
    with pytest.raises(SourceError, match="mis-decoded.*re-save it as UTF-8") as info:
        read_article(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)

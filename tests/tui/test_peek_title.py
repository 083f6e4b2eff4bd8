"""``peek_title``: the title on the title screen and in the picker, read before the full load."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from briefing.tui.launch import peek_title


def title_of(tmp_path, text: str, encoding: str = "utf-8") -> str:
    (tmp_path / "scenario.yaml").write_bytes(text.encode(encoding))
    return peek_title(tmp_path)


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("id: x\ntitle: Plain words\n", "Plain words"),
        ("title: The minister's call  # a comment\n", "The minister's call"),
        ('title: "Kazakhstan, January 2022"\n', "Kazakhstan, January 2022"),
        ("title: 'The minister''s call'\n", "The minister's call"),
        ('title: "Say \\"no\\" to the minister"\n', 'Say "no" to the minister'),
        ('title: "Tab\\tand \\u00e9"\n', "Tab\tand é"),
        ("title: >\n  The minister's\n  call\nid: x\n", "The minister's call\n"),
        ("title: >-\n  The minister's\n\n  call\n", "The minister's\ncall"),
        ("title: |-\n  Two\n  lines\n", "Two\nlines"),
        ("title: The minister's\n  call\nid: x\n", "The minister's call"),
        ('title: "Across\n  two lines"\n', "Across two lines"),
        ("title: [not, text]\n", ""),
        ("title:\n", ""),
        ("id: x\n", ""),
        ("{id: x, title: In flow style}\n", "In flow style"),
        ("meta:\n  title: not the top level\ntitle: Top\n", "Top"),
    ],
)
def test_titles(tmp_path, yaml_text, expected):
    assert title_of(tmp_path, yaml_text) == expected


def test_a_byte_order_mark_is_not_part_of_the_key(tmp_path):
    assert title_of(tmp_path, "title: With a BOM\n", encoding="utf-8-sig") == "With a BOM"
    assert title_of(tmp_path, "\ufefftitle: 'It''s there'\n") == "It's there"


def test_unreadable_files_give_no_title(tmp_path):
    assert peek_title(tmp_path) == ""  # no scenario.yaml
    (tmp_path / "scenario.yaml").write_bytes(b"title: \xff\xfe\n")
    assert peek_title(tmp_path) == ""
    assert title_of(tmp_path, "title: bell \x07 here\n") == ""  # control characters never reach the screen


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.sampled_from([None, '"', "'", ">", "|"]))
def test_whatever_way_a_title_is_written_the_yaml_value_is_read(tmp_path_factory, title, style):
    # YAML 1.2 reads a plain 0E0 or 1e5 as a number, where PyYAML (YAML 1.1) keeps text: our reader
    # follows 1.2 and refuses a number as a title, so PyYAML is no oracle for those
    assume(
        style is not None or not re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", title)
    )
    folder = tmp_path_factory.mktemp("t")
    text = yaml.safe_dump({"title": title, "id": "x"}, default_style=style, allow_unicode=True, width=20)
    expected = yaml.safe_load(text)["title"]
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    assert peek_title(folder) == expected

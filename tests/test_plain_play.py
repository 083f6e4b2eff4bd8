"""Plain play reads as clean text: no Markdown markers, every line wrapped, and u undoes, ? lists the
commands, g shows the glossary, p the primer, a locked choice says why. Through the installed command."""

from __future__ import annotations

import io
import json
import re

from hypothesis import given
from hypothesis import strategies as st

from briefing.core.engine import Game
from briefing.core.loader import load_or_raise
from briefing.plain.player import COMMANDS, PlainPlayer
from briefing.plain.text import plain_text
from tests.conftest import FIXTURES, MINI, ROOT, SCENARIO_YAML
from tests.test_glossary import PEOPLE, SCENES

DEFAULT = ROOT / "briefing" / "scenarios" / "kazakhstan-2022"
# what a screen reader would read aloud: emphasis, code ticks, heading hashes, link brackets, list dashes
MARKERS = re.compile(r"\*\*|__|(?<!\w)\*\w|\w\*(?!\w)|`|^\s*#+ |\]\(|^\s*[-*+] ", re.M)


def test_a_whole_run_of_the_default_scenario_has_no_markdown_and_fits_80_columns(run_briefing):
    answers = "1\n2\n3\n4\n5\n6\n" * 200  # a number not on offer is asked again
    r = run_briefing("play", "--plain", DEFAULT, input=answers, timeout=120)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "The end" in out
    assert MARKERS.findall(out) == []
    assert max(len(line) for line in out.splitlines()) <= 80


def test_the_dossier_and_source_lines_wrap_too(run_briefing):
    r = run_briefing("play", "--plain", DEFAULT, input="1\n" * 6 + "d\nq\n", timeout=120)
    assert r.returncode == 0, r.stderr
    assert "Source: " in r.stdout
    assert max(len(line) for line in r.stdout.splitlines()) <= 80
    assert MARKERS.findall(r.stdout) == []


def test_u_undoes_three_times_and_the_game_goes_on_logged_and_autosaved(run_briefing, tmp_path, data_dir):
    log = tmp_path / "s.jsonl"
    r = run_briefing(
        "play",
        "--plain",
        DEFAULT,
        "--log",
        log,
        input="1\n" * 8 + "u\nu\nu\nh\n" + "1\n" * 4 + "q\n",
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("Undone: your last") == 3
    assert "You rolled back 3 times." in r.stdout
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    rollbacks = [e for e in events if e["event"] == "rollback"]
    assert len(rollbacks) == 3 and all(e["undone"] == 1 for e in rollbacks)
    kept: list[int] = []  # the decisions' numbers as the game has them: a rollback takes the later ones back
    for e in events:
        if e["event"] == "decision":
            assert e["n"] == len(kept) + 1  # numbered on from the decisions a rollback kept
            kept.append(e["n"])
        elif e["event"] == "rollback":
            kept = kept[: e["decisions"]]
    assert kept
    save = json.loads(next((data_dir / "saves").rglob("autosave.json")).read_text(encoding="utf-8"))
    game = save.get("game", save)
    assert len(game["rollbacks"]) == 3
    rep = run_briefing("report", "--format", "json", log)
    assert rep.returncode == 0, rep.stderr
    (game_row,) = [g for section in json.loads(rep.stdout)["scenarios"] for g in section["games"]]
    assert game_row["rollbacks"] == 3
    assert len(game_row["decisions"]) == len(kept)  # the decisions taken back are left out
    md = run_briefing("report", log)  # Markdown, as a facilitator reads it: the teams table says it too
    (head,) = [line for line in md.stdout.splitlines() if line.startswith("| Team")]
    (row,) = [line for line in md.stdout.splitlines() if line.startswith("| ") and line.endswith("| 3 |")]
    assert head.endswith("| Taken back |") and row.count("|") == head.count("|")


def test_u_with_nothing_to_undo_says_so(run_briefing):
    r = run_briefing("play", "--plain", MINI, input="u\nq\n")
    assert "There is nothing to undo." in r.stdout


def test_the_help_after_a_prompt_is_one_short_line_and_question_mark_lists_every_command(run_briefing):
    r = run_briefing("play", "--plain", FIXTURES / "desk", input="?\np\nq\n")
    assert r.returncode == 0, r.stderr
    prompts = [ln for ln in r.stdout.splitlines() if ln.startswith("Your ")]
    assert prompts and all(ln.endswith("; ? for commands): ") or "? for commands" in ln for ln in prompts)
    assert all(len(ln.split("):")[0]) < 50 for ln in prompts)
    for keys, _what, where in COMMANDS:
        if where != "glossary":
            assert f"  {keys:10} " in r.stdout
    assert "Grading a report (the Admiralty scale)" in r.stdout  # the primer is p now


def test_glossary_locked_reasons_and_clean_lists(make_scenario, run_briefing):
    root = make_scenario({"scenario.yaml": SCENARIO_YAML, "scenes.yaml": SCENES, "people.yaml": PEOPLE})
    r = run_briefing("play", "--plain", root, input="3\ng\n?\n1\n")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "The CSTO lands at Almaty airport; Tokayev speaks." in out and "See the charter." in out
    assert "• Brief in time. Always.\n• Grade the source." in out
    assert "  2. Ask the embassy (not available: Needs the embassy's trust)" in out
    assert "  1. Call the Collective Security Treaty Organization" in out
    assert "Named here: CSTO, Almaty, Kassym-Jomart Tokayev (g: the glossary)" in out
    assert "Organisations\n  CSTO: A Russian-led alliance.\n    Source: CSTO charter" in out
    assert "People\n  Kassym-Jomart Tokayev: President of Kazakhstan.\nOrganisations" in out
    assert "  g          the glossary" in out
    assert MARKERS.findall(out) == []


def test_history_rereads_an_earlier_scene_as_it_was_shown():
    game = Game.new(load_or_raise(MINI))
    out = io.StringIO()
    PlainPlayer(game, io.StringIO("1\nh\nr 1\nq\n"), out, width=60).run()
    text = out.getvalue()
    assert "1. A wire report\n     you chose: Brief the minister now\n2. The minister reads it" in text
    reread = text.split("Type r and a number to reread a scene.)")[1]
    assert "A wire report\n\nQueues form at the pumps." in reread


def test_every_line_fits_a_narrow_width():
    game = Game.new(load_or_raise(DEFAULT))
    out = io.StringIO()
    PlainPlayer(game, io.StringIO("d\n1\n1\nh\nq\n"), out, width=40).run()
    assert max(len(line) for line in out.getvalue().splitlines()) <= 40


words = st.lists(st.from_regex(r"[A-Za-z]{1,12}", fullmatch=True), min_size=1, max_size=30)
marks = st.sampled_from(["{}", "**{}**", "*{}*", "_{}_", "`{}`", "[{}](http://x.org/a)"])


@given(st.lists(st.tuples(words, marks), min_size=1, max_size=8), st.integers(30, 120))
def test_emphasised_markdown_becomes_its_words_wrapped_to_the_width(runs, width):
    source = " ".join(mark.format(" ".join(ws)) for ws, mark in runs)
    text = plain_text(source, width)
    assert text.split() == [w for ws, _ in runs for w in ws]
    assert all(len(line) <= width for line in text.splitlines())


def test_plain_play_shows_the_matrix_before_the_lead_and_every_reason_in_the_debrief(run_briefing):
    """Typed as a careful player would (the model answers): before naming a lead, the matrix so far;
    at the end, each estimate beside what happened with the author's why, each weigh's why, and a key
    scene's own note beside the notes on its options."""
    from briefing.authoring import strategies

    desk = load_or_raise(FIXTURES / "desk")
    game = Game.new(desk)
    strategies.play(desk, "model", game=game)
    r = run_briefing("play", "--plain", FIXTURES / "desk", input="".join(f"{v}\n" for _, v in game.inputs))
    assert r.returncode == 0, r.stderr
    out = r.stdout
    before_lead = out.split("Which explanation leads now?")[0]
    assert "Your matrix so far: the evidence against each explanation" in before_lead
    assert "Your estimates against what happened:" in out
    assert (
        "Will allied troops land within three days of the appeal? You said Almost certain (95-100%); it happened."
        in " ".join(out.split())
    )
    assert "The alliance's charter allows it and the chair spoke at once." in out
    assert "Weighing at “Weigh again”" in out
    assert "What happened next: the clip turned out to be two years old." in " ".join(out.split())

"""briefing new: a scenario that passes check --strict and plays to an end; scene skeletons."""

from __future__ import annotations

import yaml

from .helpers import run


def test_new_scenario_checks_and_plays(tmp_path):
    folder = tmp_path / "my-first"
    r = run("new", "scenario", folder)
    assert r.returncode == 0, r.stderr
    for name in (
        "scenario.yaml",
        "scenes.yaml",
        "schemas/scenario.schema.json",
        "schemas/scenes.schema.json",
    ):
        assert (folder / name).is_file()
    assert (
        (folder / "scenes.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=schemas/scenes.schema.json\n")
    )
    check = run("check", "--strict", folder)
    assert check.returncode == 0, check.stdout
    assert "0 errors, 0 warnings" in check.stdout
    play = run("play", "--plain", folder, input="1\n" * 20)
    assert play.returncode == 0, play.stderr
    assert "Ahead of events" in play.stdout  # the ending choice 1 leads to
    rt = run("randomtest", folder, "-n", "200")
    assert rt.returncode == 0 and "endings reached: 2/2" in rt.stdout
    ex = run("explore", folder)
    assert ex.returncode == 0


def test_new_scenario_refuses_non_empty_folder(tmp_path):
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    r = run("new", "scenario", folder)
    assert r.returncode == 1
    assert r.stderr.strip() == f"{folder}: error: the folder is not empty; choose a new or empty folder"
    assert (folder / "notes.txt").read_text() == "mine" and len(list(folder.iterdir())) == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("new", "scenario", empty).returncode == 0


def test_new_scenario_id_option(tmp_path):
    r = run("new", "scenario", tmp_path / "x", "--id", "my.id", "--title", 'A "quoted" title')
    assert r.returncode == 0
    data = yaml.safe_load((tmp_path / "x" / "scenario.yaml").read_text())
    assert data["id"] == "my.id" and data["title"] == 'A "quoted" title'
    bad = run("new", "scenario", tmp_path / "y", "--id", "no spaces")
    assert bad.returncode == 1 and "not a valid scenario id" in bad.stderr


def test_new_scene_appends(tmp_path):
    folder = tmp_path / "s"
    run("new", "scenario", folder)
    scenes = folder / "scenes.yaml"
    r = run("new", "scene", "next-step", "--in", scenes, "--goto", "good-ending")
    assert r.returncode == 0, r.stderr
    data = yaml.safe_load(scenes.read_text())
    ids = [s["id"] for s in data["scenes"]]
    assert ids[-1] == "next-step" and len(data["facts"]) == 2  # facts after the scenes are kept
    assert data["scenes"][-1]["choices"][0]["goto"] == "good-ending"
    r = run("new", "scene", "fin", "--ending", "--in", scenes)
    assert r.returncode == 0
    check = run("check", folder)
    assert check.returncode == 0 and "0 errors" in check.stdout
    assert "[B301]" in check.stdout and "[B302]" in check.stdout  # nothing leads to them yet


def test_new_scene_refuses_existing_id(tmp_path):
    folder = tmp_path / "s"
    run("new", "scenario", folder)
    scenes = folder / "scenes.yaml"
    before = scenes.read_text()
    r = run("new", "scene", "minister", "--in", scenes)
    assert r.returncode == 1
    line = r.stderr.strip()
    assert "\n" not in line and line.startswith(f"{scenes}:")
    assert line.endswith("error: a scene with id 'minister' already exists in this file")
    assert scenes.read_text() == before


def test_new_scene_new_file_and_odd_layouts(tmp_path):
    f = tmp_path / "more.yaml"
    assert run("new", "scene", "a", "--in", f).returncode == 0
    assert run("new", "scene", "b", "--in", f).returncode == 0
    assert [s["id"] for s in yaml.safe_load(f.read_text())["scenes"]] == ["a", "b"]
    g = tmp_path / "indented.yaml"
    g.write_text(
        "scenes:\n    -   id: x\n        title: X\n        text: t\n        ending: true\n# trailing\n"
    )
    assert run("new", "scene", "y", "--in", g).returncode == 0
    assert [s["id"] for s in yaml.safe_load(g.read_text())["scenes"]] == ["x", "y"]
    h = tmp_path / "facts.yaml"
    h.write_text("facts:\n  - id: f\n    kind: fact\n    text: t\n    source: s\n")
    assert run("new", "scene", "z", "--in", h).returncode == 0
    data = yaml.safe_load(h.read_text())
    assert data["scenes"][0]["id"] == "z" and data["facts"][0]["id"] == "f"
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenes: [\n")
    r = run("new", "scene", "q", "--in", bad)
    assert r.returncode == 1 and "not valid YAML" in r.stderr and "Traceback" not in r.stderr
    r = run("new", "scene", "bad id", "--in", f)
    assert r.returncode == 1 and "not a valid scene id" in r.stderr


def test_new_without_kind_is_a_usage_error():
    r = run("new")
    assert r.returncode == 2 and r.stderr.startswith("briefing: error:")


def test_new_scene_refuses_an_id_of_another_file_of_the_scenario(tmp_path):
    folder = tmp_path / "s"
    run("new", "scenario", folder)
    (folder / "act2").mkdir()
    more = folder / "act2" / "more.yaml"
    r = run("new", "scene", "minister", "--in", more)
    assert r.returncode == 1 and not more.exists()
    assert (
        r.stderr.strip()
        == f"{folder}/scenes.yaml:35:5: error: a scene with id 'minister' already exists in the scenario"
    )
    r = run("new", "scene", "aside", "--in", "more.yaml", cwd=folder / "act2")
    assert r.returncode == 0, r.stderr
    r = run("new", "scene", "aside", "--in", "scenes.yaml", cwd=folder)
    assert r.returncode == 1 and r.stderr.startswith("act2/more.yaml:3:5: error: a scene with id 'aside'")


def test_new_scene_file_in_a_subfolder_points_at_the_scenarios_schemas(tmp_path):
    folder = tmp_path / "s"
    run("new", "scenario", folder)
    (folder / "acts" / "two").mkdir(parents=True)
    deep = folder / "acts" / "two" / "late.yaml"
    assert run("new", "scene", "late", "--in", deep).returncode == 0
    first = deep.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/scenes.schema.json"
    assert (deep.parent / "../../schemas/scenes.schema.json").resolve().is_file()
    top = folder / "more.yaml"
    assert run("new", "scene", "more", "--in", top).returncode == 0
    assert top.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=schemas/scenes.schema.json\n"
    )

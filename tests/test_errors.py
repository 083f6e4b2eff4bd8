"""One error hierarchy with one message shape: ``path:line:col: error: message (hint)``."""

from __future__ import annotations

import pytest

from briefing.authoring.scaffold import ScaffoldError
from briefing.core.asking import AnswerError
from briefing.core.catalog import ScenarioNotFound
from briefing.core.engine import GameError
from briefing.core.errors import BriefingError
from briefing.core.expr import ExprError
from briefing.core.loader import LoadError
from briefing.core.saves import SaveError
from briefing.workshop.events import EventError
from briefing.workshop.sessionlog import LogFileError, SessionLogError


def test_the_message_shape():
    assert str(BriefingError("bad", "a.yaml", (3, 4), "fix it")) == "a.yaml:3:4: error: bad (fix it)"
    assert str(BriefingError("bad", "a.yaml")) == "a.yaml: error: bad"
    assert str(BriefingError("bad")) == "bad"


@pytest.mark.parametrize(
    "cls",
    [
        GameError,
        ExprError,
        ScaffoldError,
        SessionLogError,
        LogFileError,
        ScenarioNotFound,
        SaveError,
        LoadError,
        AnswerError,
        EventError,
    ],
)
def test_every_error_of_the_program_derives_from_the_base(cls):
    assert issubclass(cls, BriefingError)


def test_file_errors_keep_their_one_line():
    assert str(SaveError("s.json", "not a save")) == "s.json: error: not a save"
    assert str(ScaffoldError("exists", "x/")) == "x/: error: exists"

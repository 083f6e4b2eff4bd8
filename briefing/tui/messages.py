"""What the screens ask of the app. Screens and widgets post these; the app applies the rules."""

from __future__ import annotations

from textual.message import Message


class ChoiceMade(Message):
    """The player took choice ``number`` (digit, Enter or click)."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number


class VoteCalled(Message):
    """The facilitator asked the vote to decide, with the counts entered ({choice number: votes})."""

    def __init__(self, tally: dict[int, int]) -> None:
        super().__init__()
        self.tally = dict(tally)


class JumpAsked(Message):
    """The author's debug panel: go to scene ``scene_id``."""

    def __init__(self, scene_id: str) -> None:
        super().__init__()
        self.scene_id = scene_id


class AnswerGiven(Message):
    """The player answered the pending judgement (a grade, an estimate, a rating, a lead) with ``value``."""

    def __init__(self, value: str) -> None:
        super().__init__()
        self.value = value

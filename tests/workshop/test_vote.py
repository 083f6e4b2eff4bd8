"""The vote rule: the majority of the enabled choices decides; a tie or no votes decides nothing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.workshop.vote import count_votes


def test_majority_wins():
    r = count_votes({1: 12, 2: 7}, [1, 2])
    assert r.winner == 1 and r.tied == () and r.counts == {1: 12, 2: 7} and not r.no_votes


def test_a_tie_names_the_tied_choices_in_order():
    r = count_votes({3: 5, 1: 5, 2: 1}, [1, 2, 3])
    assert r.winner is None and r.tied == (1, 3) and not r.no_votes


def test_no_votes_decide_nothing():
    r = count_votes({}, [1, 2])
    assert r.no_votes and r.counts == {1: 0, 2: 0}
    assert count_votes({1: 0}, [1]).no_votes
    assert count_votes({1: 4}, []).no_votes


def test_votes_for_a_choice_not_on_offer_do_not_count():
    r = count_votes({1: 2, 2: 9}, [1, 3])
    assert r.winner == 1 and r.counts == {1: 2, 3: 0}


@given(st.dictionaries(st.integers(1, 9), st.integers(0, 50)), st.sets(st.integers(1, 9)))
def test_the_winner_has_strictly_the_most_votes(tally, enabled):
    r = count_votes(tally, sorted(enabled))
    assert set(r.counts) == enabled
    if r.winner is not None:
        assert all(c < r.counts[r.winner] for n, c in r.counts.items() if n != r.winner)
    elif r.tied:
        top = max(r.counts.values())
        assert len(r.tied) > 1 and all(r.counts[n] == top > 0 for n in r.tied)
    else:
        assert not any(r.counts.values())

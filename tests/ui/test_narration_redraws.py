"""While a narration plays, the bar and its times move together, once a second.

Every change shown costs a redraw of the whole window; drawn in software one took tens of
milliseconds, so a touch during a narration used to wait for one (docs/performance.md).
"""



def test_the_bar_moves_once_a_second_and_the_times_in_the_same_redraws(pilot):
    pilot.open_stop("stop-1")
    pilot.tap("play")
    view = pilot.app.narration
    shown = []  # what the bar shows after each refresh, when it changed: one redraw each
    for _ in range(100):  # ten seconds, refreshed as often as the view asks
        pilot.clock.advance(0.1)
        view.refresh()
        seen = (view.position, view.elapsed_text, view.remaining_text)
        if not shown or shown[-1] != seen:
            shown.append(seen)
    positions = [p for p, _e, _r in shown]
    assert 10 <= len(shown) <= 11, shown  # once a second, no more
    assert positions == sorted(positions) and positions[-1] >= 10.0
    assert [e for _p, e, _r in shown][-1] == "0:10"
    # the times never change without the bar moving too: no redraw of their own
    assert len({p for p, _e, _r in shown}) == len(shown)


def test_the_bar_reaches_the_end_and_no_further(pilot):
    pilot.open_stop("stop-1")
    pilot.tap("play")
    view = pilot.app.narration
    view.seek(view.duration - 0.2)
    pilot.advance(1.0)
    assert view.position == view.duration
    assert view.remaining_text == "-0:00"

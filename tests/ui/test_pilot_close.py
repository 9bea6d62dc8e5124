"""One process starts many kiosks (the tests, selftest, the benchmarks): a closed one is
let go whole, so the process neither grows by one kiosk's worth of widgets at each start
(37 MB each, once) nor reuses the closed kiosk's recycled tiles."""

import gc
import weakref

from kivy.uix.recycleview import views

from tests.ui.conftest import start_app, stop_app


def test_a_closed_kiosk_is_let_go_and_leaves_no_tiles_behind(window, content):
    closed = []
    for _ in range(4):
        app, pilot = start_app(window, content)
        pilot.open_stop("stop-1")
        pilot.tap("back")
        pilot.frames(2)
        stop_app(app)
        closed.append(weakref.ref(app))
        del app, pilot
    gc.collect()
    assert [ref() is None for ref in closed[:-1]] == [True, True, True]
    assert not views._cached_views and views._cache_count == 0

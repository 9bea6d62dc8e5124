"""A stop on the tour screen: its first picture, number, kind and title, one large target."""

from kivy.properties import NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.recycleview.views import RecycleDataViewBehavior


class StopTile(RecycleDataViewBehavior, ButtonBehavior, BoxLayout):
    """One tile; the tour's RecycleView reuses a handful of these for hundreds of stops."""

    stop_id = StringProperty("")
    number = NumericProperty(0)
    kind_label = StringProperty("")
    title = StringProperty("")
    image = StringProperty("")

    def on_release(self):
        from kivy.app import App
        App.get_running_app().open_stop(self.stop_id, how="tile")

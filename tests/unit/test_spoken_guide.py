"""The spoken guide's keys and what it says, without a screen."""

from __future__ import annotations

from kiosk.speech.guide import SpokenGuide

STOPS = {101: "gate", 102: "arch", 110: "wall"}


def parts(n: int, language: str) -> list[str]:
    return [f"n{digit}" for digit in str(n)]  # a stand-in: one part per digit


def guide(**kwargs) -> SpokenGuide:
    return SpokenGuide(("kk", "ru", "en"), STOPS, parts, **kwargs)


def test_any_key_greets_and_offers_each_language_in_its_own_voice():
    g = guide()
    act = g.start()
    assert act.say == [("kk", "greeting"), ("kk", "choose_kk"), ("ru", "choose_ru"),
                       ("en", "choose_en")]
    assert g.key("5").say == [("kk", "where_keys")]  # the raised dot
    assert g.key("9").say == act.say  # a key that chooses nothing: the choice again
    chosen = g.key("2")
    assert (chosen.do, chosen.value) == ("language", "ru")
    assert chosen.say == [("ru", "where_keys")]


def test_digits_speak_the_number_so_far_and_enter_opens_the_stop():
    g = guide()
    g.start()
    g.key("3")  # English
    assert g.key("1").say == [("en", "n1")]
    assert g.key("1").say == [("en", "n1"), ("en", "n1")]
    assert g.key("back").say == [("en", "n1")]
    g.key("1")
    assert g.key("0").say == [("en", "n1"), ("en", "n1"), ("en", "n0")]
    act = g.key("enter")
    assert (act.do, act.value) == ("open", "wall")
    assert g.opened("wall", 110) == [("en", "stop"), ("en", "n1"), ("en", "n1"), ("en", "n0"),
                                     ("en", "title-wall")]
    g.key("9")
    assert g.key("enter").say == [("en", "no_such_stop")]


def test_the_fixed_keys():
    g = guide()
    g.start()
    g.key("1")
    assert g.key("enter").do == "play_pause"  # nothing typed
    assert g.key("+").do == "louder" and g.key("-").do == "softer"
    assert g.key("/").do == "back_ten"
    assert g.key("0").do == "stop_speech"  # nothing typed
    assert g.key(".").say == [("kk", "help")]
    assert g.key("*").say == [("kk", "help")]  # the last thing said, again
    assert g.said_by_kiosk("loudest") == [("kk", "loudest")]
    assert g.key("*").say == [("kk", "loudest")]


def test_after_the_story_its_description_then_how_to_go_on():
    g = guide()
    g.start()
    g.key("1")
    g.opened("arch", 102)
    act = g.story_ended(has_description=True, was_description=False)
    assert (act.do, act.say) == ("describe", [("kk", "description_next")])
    assert g.story_ended(has_description=True, was_description=True).say == [("kk", "stop_end")]
    assert g.key("6").do == "next" and g.key("4").do == "previous"
    g.opened("wall", 110)
    assert g.story_ended(has_description=False, was_description=False).say == [
        ("kk", "last_stop")]


def test_the_description_first_when_the_museum_says_so():
    g = guide(description_first=True)
    g.start()
    g.key("1")
    g.opened("gate", 101)
    assert g.story_ended(has_description=True, was_description=True).do == "story"
    assert g.story_ended(has_description=True, was_description=False).say == [
        ("kk", "stop_end")]


def test_6_types_a_number_until_a_story_has_ended_and_the_idle_reset_ends_the_guide():
    g = guide()
    g.start()
    g.key("1")
    assert g.key("6").say == [("kk", "n6")]  # typing, not moving on
    g.end()
    assert not g.on and g.language == "" and g.key("1").do == "language"


def test_a_content_note_is_said_and_waits_for_enter_or_four():
    g = guide()
    g.start()
    g.key("2")  # Russian
    said = g.opened("arch", 102, note=True)
    assert said == [("ru", "stop"), ("ru", "n1"), ("ru", "n0"), ("ru", "n2"),
                    ("ru", "title-arch"), ("ru", "note-arch"), ("ru", "note_choice")]
    assert g.key("*").say == said  # the note can be heard again
    assert g.key("+").do == "louder"  # the volume keys still work while it waits
    act = g.key("enter")
    assert (act.do, act.value) == ("accept_note", "arch")
    assert g.key("enter").do == "play_pause"  # answered: Enter is play and pause again
    g.opened("arch", 102, note=True)
    act = g.key("4")
    assert act.do == "decline_note" and act.say == [("ru", "note_declined")]
    assert g.stop_id == "" and g.key("6").say == [("ru", "n6")]  # 6 is a digit again


def test_another_number_leaves_a_note_unanswered_and_types_on():
    g = guide()
    g.start()
    g.key("3")
    g.opened("arch", 102, note=True)
    act = g.key("1")
    assert act.do == "decline_note" and act.say == [("en", "n1")]
    g.key("1")
    g.key("0")
    assert (g.key("enter").do, g.typed) == ("open", "")
    g.opened("arch", 102, note=True)
    assert g.key("0").do == "decline_note" and not g.note_pending


#: What the kiosk does for an act with nothing said by the guide, and whether it then speaks
#: or plays something (kiosk/ui/spoken_visits.py): silence is only ever chosen (0, Enter
#: resuming a story), never left.
ANSWERED = {"louder": "louder", "softer": "softer", "back_ten": "back_ten",
            "play_pause": "paused or the story again", "open": "stop and its number",
            "next": "stop and its number", "previous": "stop and its number",
            "accept_note": "the story", "story": "the story", "describe": "the description",
            "stop_speech": "silence, asked for", "decline_note": "silence, asked for"}


def states():
    """A guide in each state a visitor can bring it to, by name."""
    def fresh():
        g = guide()
        g.start()
        return g

    def chosen():
        g = fresh()
        g.key("3")
        return g

    def typing():
        g = chosen()
        g.key("1")
        return g

    def listening():
        g = chosen()
        g.opened("arch", 102)
        return g

    def noted():
        g = chosen()
        g.opened("arch", 102, note=True)
        return g

    def ended():
        g = listening()
        g.story_ended(has_description=False, was_description=False)
        return g

    return {"choosing a language": fresh, "language chosen": chosen, "typing": typing,
            "listening": listening, "a note said": noted, "a stop ended": ended}


def test_every_key_in_every_state_says_or_does_something_heard():
    from kiosk.speech.guide import KEYS

    for name, make in states().items():
        for key in KEYS:
            act = make().key(key)
            assert act.say or act.do in ANSWERED, (name, key, act)


def test_every_phrase_is_said_by_the_guide_or_by_the_kiosk():
    from pathlib import Path

    from kiosk.speech.guide import KEYS
    from kiosk.speech.phrases import PHRASES

    said = set()
    for make in states().values():
        for key in KEYS:
            said |= {part for _, part in make().key(key).say}
    g = guide(description_first=False)
    g.start()
    g.key("1")
    g.opened("wall", 110)
    said |= {part for _, part in g.story_ended(True, False).say}
    said |= {part for _, part in g.story_ended(True, True).say}
    said |= {part for _, part in g.still_there()}
    said |= {part for _, part in g.opened("arch", 102, note=True)}
    g.opened("arch", 102)
    said |= {part for _, part in g.story_ended(False, False).say}
    by_kiosk = (Path(__file__).resolve().parents[2] / "kiosk/ui/spoken_visits.py").read_text()
    for phrase in PHRASES:
        assert phrase in said or f'"{phrase}"' in by_kiosk, f"nothing ever says {phrase!r}"

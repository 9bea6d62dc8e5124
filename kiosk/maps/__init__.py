"""Plans of the grounds and the museum: what a plan view shows, without Kivy.

``view_geometry``: how one plan image is fitted, zoomed and panned in a view, where a
point of the plan is on screen, and which pin a finger touched.
"""

"""The Wall of Memory's names: the list staff keep (names.csv) and the search in it.

No Kivy here: ``roll`` reads and checks names.csv, ``spelling`` folds a name to its
search key, ``search`` finds a typed name in the list. The screen and
``python main.py find-name`` both use ``search.NameIndex``.
"""

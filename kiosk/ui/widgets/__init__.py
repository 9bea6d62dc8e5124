"""Reusable pieces of the visitor's screens; each .py has its .kv beside it."""

"""The book's page engine: plain modules the MkDocs hooks in ../hooks only call.

Kept apart from MkDocs so that it is tested on its own and so that a move to
another site generator keeps it (see the README).
"""

"""Looking inside Dash component trees without a browser."""
from __future__ import annotations


def walk(node):
    """Every component in a tree, depth first."""
    if node is None or isinstance(node, (str, int, float)):
        return
    if isinstance(node, (list, tuple)):
        for child in node:
            yield from walk(child)
        return
    yield node
    if type(node).__name__ == "Static":  # layouts/static.py: drawn from its source
        yield from walk(node.source)
        return
    yield from walk(getattr(node, "children", None))


def find(tree, component_id: str):
    return next((n for n in walk(tree) if getattr(n, "id", None) == component_id), None)


def text(node) -> str:
    """All text in a tree, joined."""
    if node is None:
        return ""
    if isinstance(node, (str, int, float)):
        return str(node)
    if isinstance(node, (list, tuple)):
        return " ".join(text(c) for c in node)
    if type(node).__name__ == "Static":
        return text(node.source)
    if type(node).__name__ == "TextTable":  # layouts/text_table.py: its texts are data, not children
        return " ".join([getattr(node, "caption", ""), *getattr(node, "columns", []),
                         *(cell for row in getattr(node, "rows", []) for cell in row)])
    return text(getattr(node, "children", None))

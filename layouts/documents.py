"""The control that builds a document in the background and then offers it: "演示文稿 / Download
deck" on the overview (beside "present this view") and on /present. The button starts a Dash
background callback (callbacks/documents.py); the progress bar and its words follow the build;
the result is a plain link to the built file (served from the document cache)."""
from __future__ import annotations

from dash import dcc, html

from data.i18n import t
from layouts import ids


def deck_control(query: str, lang: str, class_name: str = "") -> html.Div:
    """`query`: the /present query (with "?") of the slides the deck is to hold."""
    return html.Div(className=f"deck-control {class_name}".strip(), children=[
        dcc.Store(id=ids.DECK_QUERY, data=query),
        html.Button("⤓ " + t("deck.button", lang), id=ids.DECK_BUTTON, n_clicks=0, type="button",
                    className="btn btn-sm btn-outline-primary deck-button", title=t("deck.button_help", lang)),
        html.Div(id=ids.DECK_PROGRESS_WRAP, className="deck-progress", hidden=True, children=[
            html.Progress(id=ids.DECK_PROGRESS, value="0", max="1", **{"aria-label": t("deck.progress_label", lang)}),
            html.Span(t("deck.starting", lang), id=ids.DECK_PROGRESS_TEXT, className="deck-progress-text"),
        ]),
        html.Div(id=ids.DECK_RESULT, className="deck-result", role="status", **{"aria-live": "polite"}),
    ])

"""The "Download deck" button: a Dash background callback that builds the deck outside the web
workers, shows its progress, and then offers the file (served from the document cache by
GET /download/deck.pptx, which then only reads it).

Where the job runs (make_manager):
- by default Dash's DiskcacheManager: each click is a process of its own (multiprocess, forked
  from the worker), its progress and result in a diskcache folder beside the document cache.
  Nothing else has to be started, and the worker that received the click is free at once; the
  browser asks for the progress every second. Jobs on a host take one of documents.slots' two
  job slots, the others wait (and say so), so a crowd does not start a browser each.
- with REDIS_URL set (several workers or hosts) and Celery installed: Dash's CeleryManager on that
  Redis (broker and results), run by `celery -A wsgi:celery_app worker` on any host; a Celery
  worker keeps its chromium between jobs.

Each app's manager runs its own app's job only (own_manager). Dash keeps one list of background
functions per process and registers every one of them into every manager, under a key made of
the callback's id and the function's source, which is the same for every app made by
create_app: the app made last would run the jobs of every app in the process, on its own store
and settings. Two apps in one process is what the test suite does (it is how the deck of a view
of 2013 came out for 2014, the latest year of a store of 2011 and 2014 made after the live
server), and what any process serving two stores would do.
"""
from __future__ import annotations

import logging
from pathlib import Path

from dash import Input, Output, State, html
from dash.exceptions import PreventUpdate

from data import queries
from data.i18n import t
from documents import cache, deck, images, slots
from layouts import ids
import urls

log = logging.getLogger("dashboard.documents")

# Seconds a job waits for a job slot before it gives up (and says so).
SLOT_WAIT_S = 300
# How long Dash keeps a finished job's result and progress (seconds).
JOB_EXPIRE_S = 600

celery_app = None


# The attribute that names the manager a callback function belongs to (own_manager).
OWNER = "_dashboard_manager"


def own_manager(cls, *args, **kwargs):
    """An instance of Dash's manager class `cls` that registers only the functions marked as its
    own (OWNER), not those of the other apps of this process."""
    class Own(cls):
        def register(self, key, fn, progress):
            if getattr(fn, OWNER, None) is self:
                super().register(key, fn, progress)

    Own.__name__ = Own.__qualname__ = f"Own{cls.__name__}"
    return Own(*args, **kwargs)


def make_manager(store, settings):
    """Dash's background callback manager (of this app only: own_manager): Celery on REDIS_URL's
    Redis when it is set and Celery is installed, else diskcache in a folder beside the document
    cache."""
    global celery_app
    if settings.redis_url:
        try:
            from celery import Celery
            from dash import CeleryManager
        except ImportError:
            log.warning("REDIS_URL is set but Celery is not installed: background documents run on this host "
                        "(diskcache); pip install celery to run them on Celery workers")
        else:
            celery_app = Celery("dashboard", broker=settings.redis_url, backend=settings.redis_url)
            celery_app.conf.update(result_expires=JOB_EXPIRE_S, worker_prefetch_multiplier=1)
            return own_manager(CeleryManager, celery_app, expire=JOB_EXPIRE_S)
    import diskcache
    from dash import DiskcacheManager
    folder = Path(cache.for_store(store, settings).path) / "jobs"
    folder.mkdir(parents=True, exist_ok=True)
    return own_manager(DiskcacheManager, diskcache.Cache(str(folder), size_limit=64 * 1024 * 1024),
                       expire=JOB_EXPIRE_S)


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def build_deck_job(store, settings, query: str | None, set_progress) -> html.Span:
    """The job: the deck of `query` (a /present query) built into the document cache, and the
    link to it. Runs in the job's own process."""
    store.engine.dispose(close=False)  # a forked process opens its own connections
    state, _ = urls.parse_present(query, queries.years(store))
    lang = state.lang
    documents = cache.for_store(store, settings)
    key = documents.key("deck", deck.params(state), lang)
    name = deck.file_name(state)
    link = urls.deck_download(state)

    def offer(body: bytes) -> html.Span:
        return html.Span([t("deck.ready", lang),
                          html.A(t("deck.link", lang, name=name, size=_size(len(body))), href=link, download=name,
                                 className="deck-link")])

    body = documents.get(key)
    if body is not None:
        return offer(body)

    def progress(done: int, total: int, what: str):
        set_progress((str(done), str(total), t("deck.building", lang, what=what, done=done, total=total)))

    def waiting():
        set_progress(("0", "1", t("deck.waiting", lang)))

    try:
        with slots.slot(store, "job", wait_s=SLOT_WAIT_S, waiting=waiting) as taken:
            if not taken:
                return html.Span(t("deck.failed", lang), className="deck-failed")
            body = documents.build(key, lambda: deck.build(store, state, progress=progress,
                                                          images_cache=documents.images))
    except Exception:  # noqa: BLE001  (one log line; the page says it failed)
        log.exception("the deck of %s could not be built", query)
        return html.Span(t("deck.failed", lang), className="deck-failed")
    finally:
        if celery_app is None:
            images.stop()  # this process ends with the job: its chromium with it
    return offer(body)


def register(app, store, settings) -> None:
    manager = make_manager(store, settings)

    def build_deck(set_progress, n_clicks, query):
        if not n_clicks:
            raise PreventUpdate
        return build_deck_job(store, settings, query, set_progress)

    setattr(build_deck, OWNER, manager)  # this app's job, run on this app's store (own_manager)
    app.callback(Output(ids.DECK_RESULT, "children"), Input(ids.DECK_BUTTON, "n_clicks"),
                 State(ids.DECK_QUERY, "data"),
                 background=True, manager=manager, interval=700,
                 running=[(Output(ids.DECK_BUTTON, "disabled"), True, False),
                          (Output(ids.DECK_PROGRESS_WRAP, "hidden"), False, True)],
                 progress=[Output(ids.DECK_PROGRESS, "value"), Output(ids.DECK_PROGRESS, "max"),
                           Output(ids.DECK_PROGRESS_TEXT, "children")],
                 prevent_initial_call=True)(build_deck)

    @app.callback(Output(ids.DECK_QUERY, "data"), Input(ids.OVERVIEW_URL, "search"), prevent_initial_call=True)
    def overview_deck(search):
        """On the overview, the deck of the view shown ("present this view"), as the URL changes."""
        state, _ = urls.parse(search, queries.years(store))
        return urls.PresentState.of_view(state).to_query()

"""The dashboard's factory, `create_app()`, which nothing runs at import; `python app.py` serves it
(gunicorn serves `wsgi:server`)."""
from __future__ import annotations

import ipaddress
import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

import dash
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

import callbacks
import layouts
from layouts import first_paint
from data.provenance import page_chrome
import routes
from routes import headers, page_cache, static_answers, static_files
from data.i18n import DEFAULT_LANGUAGE, t
from layouts.figures.style import TOPOJSON_URL
from data.migrate import SchemaNotCurrent
from data.store import Store
from settings import ROOT, Settings

# Bootstrap is served from assets/ (never a CDN) and linked first, so our own CSS wins.
BOOTSTRAP_CSS = "/assets/vendor/bootstrap/bootstrap.min.css"
# A partial plotly.js (assets/vendor/plotly/build.sh): 1.4 MB instead of 4.8 MB. Loaded with
# the page, it defines window.Plotly, which dcc.Graph then uses instead of fetching its own.
PLOTLY_JS = "/assets/vendor/plotly/plotly-dashboard.min.js"
# What Dash's bundles need of the @babel/polyfill that Dash links before React: the global
# regeneratorRuntime (regenerator-runtime 0.14.1, MIT). The rest of that polyfill, core-js 2,
# patches built-ins that every browser able to run plotly and React 18 already has, and cost
# about 0.8 s of the overview's main thread in Lighthouse (static_files.lighter_polyfill).
REGENERATOR_JS = "/assets/vendor/regenerator/runtime.js"
# The world topojson that plotly's geo maps ask for (layouts/figures/style.py's topojsonURL);
# preloaded with the page, and handed to plotly once by assets/map.js.
WORLD_TOPOJSON = TOPOJSON_URL + "world_110m.json"
# The exit status that makes gunicorn's master stop instead of starting the worker again.
REFUSED_EXIT = 3
# The exit status of a start refused because the store cannot be opened or written: gunicorn's
# "App failed to load" (APP_LOAD_ERROR), which stops its master too, and exits with it.
STORE_EXIT = 4


class RefusedToStart(RuntimeError):
    """A setting that would make the server unsafe to serve; the message says which and what to do."""
    exit_code = REFUSED_EXIT


class StoreUnavailable(RefusedToStart):
    """The store cannot be opened or written (a read-only SQLite file or folder, a database server
    that does not answer, a wrong password); the message says which store and why."""
    exit_code = STORE_EXIT


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def check_safe_to_serve(settings: Settings) -> None:
    """Debug mode (Dash's dev tools and Werkzeug's debugger, which shows tracebacks and runs
    code) only on a loopback address under `python app.py`: never to others, never under gunicorn."""
    if not settings.debug:
        return
    if under_gunicorn():
        raise RefusedToStart("DASH_DEBUG=1 under gunicorn would serve the debugger to everyone: unset DASH_DEBUG")
    if not is_loopback(settings.host):
        raise RefusedToStart(f"DASH_DEBUG=1 with HOST={settings.host} would serve the debugger to other machines: "
                             f"use HOST=127.0.0.1 or unset DASH_DEBUG")


def under_gunicorn() -> bool:
    return os.environ.get("SERVER_SOFTWARE", "").startswith("gunicorn")  # set by gunicorn's master


def gunicorn_workers() -> int | None:
    """How many workers the gunicorn serving this process runs, read as gunicorn reads it (its
    command line, which a worker shares with its master, GUNICORN_CMD_ARGS, its config file,
    WEB_CONCURRENCY); None outside gunicorn."""
    if not under_gunicorn():
        return None
    from gunicorn.app.base import Application

    class Configured(Application):
        """gunicorn's own reading of its settings, and nothing else (it loads no app)."""

        def init(self, parser, opts, args):
            return None

        def load(self):
            raise NotImplementedError

    return Configured().cfg.workers


def check_shared_secret(settings: Settings, workers: int | None) -> None:
    """A session cookie signed by one worker or host must be accepted by every other, so several
    gunicorn workers, or a store that is not SQLite (several hosts may share it), need one
    SECRET_KEY set for all: the instance/secret_key default is one host's own."""
    if settings.secret_key:
        return
    backend = settings.database_url.split(":", 1)[0].split("+", 1)[0]
    if workers is not None and workers > 1:
        why = f"gunicorn runs {workers} workers"
    elif backend != "sqlite":
        why = f"the store is on {backend}, which several hosts may share"
    else:
        return
    raise RefusedToStart(f"SECRET_KEY is not set and {why}: set SECRET_KEY to one random value for every worker "
                         f"and host (python -c 'import secrets; print(secrets.token_hex(32))')")


# How long a gunicorn worker that refuses after another waits for the master to stop it.
REFUSED_WAIT_SECONDS = 30


def _master_marker(what: str) -> Path | None:
    """A file named for this worker's gunicorn master (its pid and start time), or None when this
    process is no gunicorn worker."""
    master = Path("/proc") / str(os.getppid())
    try:
        if b"gunicorn" not in (master / "cmdline").read_bytes():
            return None  # the master itself (--preload): no other worker yet
        started = (master / "stat").read_text().rsplit(")", 1)[1].split()[19]  # pids are reused, this is not
    except (OSError, IndexError):
        return None
    return Path(tempfile.gettempdir()) / f"lncs-{what}-{master.name}-{started}"


def mark_serving() -> None:
    """Notes that a worker of this gunicorn master has started serving (see was_serving)."""
    marker = _master_marker("serving")
    if marker is not None:
        try:
            marker.touch(mode=0o600)
        except OSError:
            pass


def was_serving() -> bool:
    """Whether a worker of this gunicorn master started before this one: then this is a worker
    replaced while the server runs, which must not stop the master when the store does not answer
    now (a database away for a while), but serve 503 until it does."""
    marker = _master_marker("serving")
    return marker is not None and marker.exists()


def _first_to_refuse() -> bool:
    """Whether no other worker of this gunicorn master has refused to start. gunicorn's master
    stops at the first worker that exits with REFUSED_EXIT or STORE_EXIT, but a second one it
    finds while stopping makes it end in a traceback: so only the first says why and exits."""
    marker = _master_marker("refused")
    if marker is None:
        return True
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    except OSError:
        return True
    return True


def exit_refused(err: RefusedToStart):
    """One line on stderr and a non-zero exit, instead of a traceback. Under gunicorn a worker
    that refuses after another says nothing and waits for the master, which is stopping, to end it."""
    if under_gunicorn() and not _first_to_refuse():
        for stop in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT):
            signal.signal(stop, lambda *_: os._exit(0))
        time.sleep(REFUSED_WAIT_SECONDS)
        # Still here: the master's SIGTERM came while this worker was loading, before the handler
        # above (a loaded machine). The first worker has said why; this one leaves quietly.
        os._exit(0)
    print(f"error: {err}", file=sys.stderr)
    raise SystemExit(err.exit_code)


def _reason(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror:
        return f"{err.strerror}: {err.filename}" if err.filename else err.strerror
    return " ".join(str(getattr(err, "orig", None) or err).split())[:300]


def open_store(settings: Settings) -> Store:
    """The store at settings.database_url, ready to serve: its tables, the demo data on a first
    start, and a write it takes. StoreUnavailable when it cannot be opened or written;
    RefusedToStart when its schema needs an upgrade first."""
    where = "(DATABASE_URL)"
    try:
        where = make_url(settings.database_url).render_as_string(hide_password=True)
        store = Store(settings.database_url, settings)
        store.ensure_ready()
        store.check_writable()
    except SchemaNotCurrent as err:  # an upgrade to run first (data.migrate's rule at start)
        raise RefusedToStart(str(err)) from None
    except (OSError, SQLAlchemyError) as err:
        raise StoreUnavailable(f"the store {where} cannot be opened or written ({_reason(err)}): check "
                               f"DATABASE_URL, that its server answers, and that this user may write the "
                               f"store (a SQLite file and its folder)") from None
    return store


def create_app(settings: Settings | None = None, store: Store | None = None) -> dash.Dash:
    """The Dash app on `store` (by default the one at settings.database_url, with the
    simulated demo data built into it on first start)."""
    settings = settings or Settings()
    check_safe_to_serve(settings)
    if store is None:
        store = open_store(settings)
    app = dash.Dash(
        __name__,
        # Flask-Compress (compress=True) reads its settings when Dash adds it: they are on it first.
        server=static_files.new_server(__name__),
        assets_folder=str(ROOT / "assets"),
        assets_path_ignore=["^vendor$"],
        # Versioned (?m=), so that a browser keeps them for a year (routes/static_files.py).
        external_stylesheets=[static_files.asset_url(BOOTSTRAP_CSS),
                              {"rel": "preload", "href": static_files.asset_url(WORLD_TOPOJSON), "as": "fetch",
                               "crossorigin": "anonymous"}],
        external_scripts=[static_files.asset_url(REGENERATOR_JS), static_files.asset_url(PLOTLY_JS)],
        serve_locally=True,
        # The overview's controls exist only once the router has drawn the page.
        suppress_callback_exceptions=True,
        compress=True,
        title=t("app.title", DEFAULT_LANGUAGE),
        update_title=None,
    )
    if settings.debug:
        # Dash's dev tools would otherwise ask an outside server for newer versions.
        app.enable_dev_tools(debug=True, dev_tools_disable_version_check=True)
    app.index_string = layouts.INDEX_STRING
    # The header painted at once, before the scripts (layouts/first_paint.py).
    app.interpolate_index = first_paint.with_first_paint(app.interpolate_index, lambda lang: page_chrome(store, lang))
    app.layout = layouts.shell()
    app.store = store
    routes.register(app.server, store, settings)
    callbacks.register(app, store, settings)
    static_files.init_app(app.server)
    static_files.defer_grid_bundle(app)  # AG Grid only on a page that shows a grid
    static_files.lighter_polyfill()  # regenerator-runtime alone instead of all of @babel/polyfill
    static_files.no_table_bundle()  # no DataTable anywhere: its bundle is not linked
    headers.init_app(app.server, settings, app.csp_hashes)
    page_cache.init_app(app.server, store, settings)  # last: its lookup runs after every other check
    static_answers.init_app(app.server, settings)  # outermost: a kept static answer skips Flask
    app.warm_up = start_warm_up(store) if settings.warm_up else None
    return app


def start_warm_up(store: Store) -> threading.Thread:
    """Runs the plausibility checks of every year once, in a background thread of this worker:
    the overview's "数据存疑" layer, the county pages and /reports read them (kept by data
    version, data/quality.for_store), and each year costs about a second the first time."""
    def warm() -> None:
        from data import quality, queries
        try:
            for year in queries.years(store):
                quality.for_store(store, year)
        except Exception as err:  # noqa: BLE001 - a cold cache is slower, never wrong: say so and go on
            print(f"warm-up stopped: {type(err).__name__}: {err}", file=sys.stderr)
    thread = threading.Thread(target=warm, name="warm-up", daemon=True)
    thread.start()
    return thread


if __name__ == "__main__":
    s = Settings()
    try:
        served = create_app(s)
    except RefusedToStart as refused:
        exit_refused(refused)
    served.run(host=s.host, port=s.port, debug=s.debug, dev_tools_disable_version_check=True)

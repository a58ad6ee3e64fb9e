"""gunicorn's settings for the dashboard in production:

    gunicorn -c deploy/gunicorn.conf.py wsgi:server

Run from the repository's root (or with --chdir to it), behind the reverse proxy of
deploy/nginx/dashboard.conf. The address is the app's own HOST and PORT (settings.py), so
`python app.py` and gunicorn listen where the same variables say; by default on loopback only,
where nginx on the same host reaches it. WEB_CONCURRENCY (gunicorn's own variable) sets the
number of workers; anything else can be overridden on the command line or in GUNICORN_CMD_ARGS.

X-Forwarded-For and -Proto are the app's business, not gunicorn's: ProxyFix in the app
(routes/auth.py, TRUSTED_PROXIES) decides which address a request came from, for the sign-in
throttle, the rate limits and the audit trail, and it does so the same under any server
(`python app.py`, gunicorn, the tests). If gunicorn also believed X-Forwarded-Proto (its
default for peers in forwarded_allow_ips, which include 127.0.0.1, where nginx connects from),
two layers would each decide the scheme by their own rules, and a change to one would not be
seen in the other. So gunicorn trusts no peer and maps no scheme header here, and the one knob
is TRUSTED_PROXIES=1 (nginx is the one hop).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

# The repository's root: settings.py and wsgi.py live there, whatever the working directory.
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
chdir = str(ROOT)

from settings import Settings  # noqa: E402  (after the path is set)

_settings = Settings()
bind = [f"{_settings.host}:{_settings.port}"]

# Page renders cost ~95 ms of CPU each (sync workers, no threads): a worker beyond the cores
# only queues on the CPU, one more covers a worker waiting on the database or a download.
workers = int(os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) + 1)
worker_class = "sync"

# A request that runs longer than this is stuck (the slowest, a large county's whole work list,
# takes ~0.4 s; a first start on a new store builds the demo data in a few seconds): the worker
# is killed and replaced.
timeout = 60
# On SIGTERM (systemctl stop, a restart) a worker finishes what it is serving for up to this
# long; systemd's TimeoutStopSec in deploy/dashboard.service is longer.
graceful_timeout = 30
# nginx keeps connections to the upstream only with keepalive in its upstream block (not set),
# so a short keep-alive is enough for a direct client and frees sync workers quickly.
keepalive = 5

# A guard against slow leaks: each worker is replaced after this many requests, at staggered
# counts (the jitter) so that the workers never restart all at once.
max_requests = 5000
max_requests_jitter = 500

# Only the app's ProxyFix reads X-Forwarded-* (the docstring says why).
forwarded_allow_ips = ""
secure_scheme_headers = {}

# Headers with an underscore (X_Forwarded_For) could be read as X-Forwarded-For: dropped.
header_map = "drop"

# No control socket: nothing else on the host should resize or stop the workers through it,
# and systemd's ReadWritePaths need not include $HOME/.gunicorn.
control_socket_disable = True

# Logs go to stderr (the journal under systemd). The access log names the path but never the
# query string or the referrer, where a link could carry a token or a search; %(h)s is the
# client's address as ProxyFix set it; %(M)s the duration in ms.
accesslog = "-"
errorlog = "-"
loglevel = "info"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
proc_name = "dashboard"

"""The deployment kit (deploy/) works as docs/deploy.md says: Debian's nginx with the site of
deploy/nginx/dashboard.conf (only its placeholders replaced) on loopback over TLS, in front of
gunicorn started with deploy/gunicorn.conf.py; a page loaded through it in Chromium; the
systemd unit checked by systemd-analyze where it exists and parsed in any case."""
from __future__ import annotations

import concurrent.futures
import configparser
import getpass
import http.server
import json
import os
import re
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
import urllib3
from gunicorn.config import Config

import urls
from app import REFUSED_EXIT, STORE_EXIT
from data import audit
from settings import ROOT, Settings
from tests import stores
from tests.browser import wait_for_map

DEPLOY = ROOT / "deploy"
SITE = DEPLOY / "nginx" / "dashboard.conf"
GUNICORN_CONF = DEPLOY / "gunicorn.conf.py"
UNIT = DEPLOY / "dashboard.service"
ENV_EXAMPLE = DEPLOY / "dashboard.env.example"
BACKUP_UNIT = DEPLOY / "dashboard-backup.service"
BACKUP_TIMER = DEPLOY / "dashboard-backup.timer"
VENV_BIN = "/srv/dashboard/.venv/bin/"  # where the units expect the virtualenv's programs
START_TIMEOUT = 120  # a busy 2-core machine; the store is a copy, so nothing is built
SPOOFED = "203.0.113.7"  # TEST-NET-3: an address a client claims in X-Forwarded-For
FINGERPRINTED = re.compile(r"/_dash-component-suites/.+\.v[\w-]+m[0-9a-fA-F]+\.\w+")
TEXT_TYPES = ("text/html", "text/css", "javascript", "application/json")


def nginx() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)
    if found is None:
        pytest.fail("The deployment tests need Debian's nginx: apt-get install -y nginx")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------- nginx, rendered
def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made with the openssl command."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def render_site(folder: Path, *, http_port: int, https_port: int, upstream: str) -> Path:
    """deploy/nginx/dashboard.conf with its placeholders replaced, and nothing else: each
    placeholder must be there as many times as the site's header comment says it is used."""
    cert, key = self_signed(folder)
    text = SITE.read_text(encoding="utf-8")
    replacements = {
        "listen 80;": (f"listen 127.0.0.1:{http_port};", 1),
        "listen 443 ssl http2;": (f"listen 127.0.0.1:{https_port} ssl http2;", 1),
        "server_name dashboard.example.gov.cn;": ("server_name 127.0.0.1;", 2),
        "ssl_certificate /etc/ssl/dashboard/fullchain.pem;": (f"ssl_certificate {cert};", 1),
        "ssl_certificate_key /etc/ssl/dashboard/privkey.pem;": (f"ssl_certificate_key {key};", 1),
        "server 127.0.0.1:8050;": (f"server {upstream};", 1),
        "/var/log/nginx/dashboard.": (f"{folder}/dashboard.", 4),
    }
    for placeholder, (value, count) in replacements.items():
        assert text.count(placeholder) == count, f"{SITE}: {placeholder!r} {text.count(placeholder)} times"
        text = text.replace(placeholder, value)
    site = folder / "dashboard.conf"
    site.write_text(text, encoding="utf-8")
    return site


def main_config(folder: Path, site: Path) -> Path:
    """A small nginx.conf of the test's own (prefix, pid, logs, temp paths in `folder`) that
    includes the site in its http block, as Debian's nginx.conf includes sites-enabled/*."""
    # As root the workers would become nobody, who cannot enter pytest's private temp folders.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                           "uwsgi", "scgi"))
    conf = folder / "nginx.conf"
    conf.write_text(f"""{user}worker_processes 1;
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'} info;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder / 'access.log'};
{temp}
    include {site};
}}
""", encoding="utf-8")
    return conf


def nginx_command(folder: Path, conf: Path) -> list[str]:
    return [nginx(), "-p", str(folder), "-c", str(conf), "-e", str(folder / "error.log")]


def test_nginx_accepts_the_site(tmp_path):
    site = render_site(tmp_path, http_port=free_port(), https_port=free_port(), upstream="127.0.0.1:9")
    done = subprocess.run([*nginx_command(tmp_path, main_config(tmp_path, site)), "-t"],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr and "test is successful" in done.stderr
    # Any warning is a fault, but the one that nginx 1.25.1 and later give for `listen … http2`
    # (the site's comment says what to write there instead).
    warnings = [line for line in done.stderr.splitlines()
                if "[warn]" in line and 'the "listen ... http2" directive is deprecated' not in line]
    assert not warnings and "[emerg]" not in done.stderr, done.stderr


class EchoUpstream(http.server.BaseHTTPRequestHandler):
    """An upstream that answers every GET with the request headers it got, as JSON, plain
    (uncompressed) and with a Cache-Control of its own: what nginx does to it is then nginx's."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        body = json.dumps({"headers": {k.lower(): v for k, v in self.headers.items()},
                           "padding": "x" * 8192}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def nginx_before_echo(tmp_path):
    """nginx with the site in front of EchoUpstream; yields the https and http origins."""
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), EchoUpstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    http_port, https_port = free_port(), free_port()
    site = render_site(tmp_path, http_port=http_port, https_port=https_port,
                       upstream=f"127.0.0.1:{upstream.server_port}")
    proxy = Process("nginx", [*nginx_command(tmp_path, main_config(tmp_path, site)), "-g", "daemon off;"],
                    tmp_path / "nginx.out")
    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # our own certificate
    try:
        proxy.wait_for(f"https://127.0.0.1:{https_port}/", time.time() + 30, verify=False)
        yield f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}"
    finally:
        proxy.stop()
        upstream.shutdown()


def test_nginx_forwards_one_hop_compresses_and_caches_versioned_files(nginx_before_echo):
    origin, http_origin = nginx_before_echo
    answer = requests.get(origin + "/any/path?q=1", verify=False, timeout=10,
                          headers={"X-Forwarded-For": SPOOFED, "X-Forwarded-Host": "evil.example",
                                   "X-Real-IP": SPOOFED, "Accept-Encoding": "gzip, deflate, br, zstd"})
    seen = answer.json()["headers"]
    # The client's claim stays first, nginx appends the address it saw: ProxyFix with
    # TRUSTED_PROXIES=1 takes that last one.
    assert seen["x-forwarded-for"] == f"{SPOOFED}, 127.0.0.1"
    assert seen["x-forwarded-proto"] == "https"
    assert seen["host"] == urlsplit(origin).netloc  # with its port
    assert "x-forwarded-host" not in seen and "x-real-ip" not in seen and "forwarded" not in seen
    assert seen["accept-encoding"] == "gzip"  # the app may compress, in gzip only
    # The upstream answered plain: nginx compressed it. Not a versioned file: its own Cache-Control.
    assert answer.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in answer.headers["Vary"]
    assert answer.headers["Cache-Control"] == "no-cache"
    assert answer.headers["Server"] == "nginx"  # no version

    plain = requests.get(origin + "/x", verify=False, timeout=10, headers={"Accept-Encoding": "identity"})
    assert "accept-encoding" not in plain.json()["headers"] and "Content-Encoding" not in plain.headers

    suite = requests.get(origin + "/_dash-component-suites/dash/dcc/dash_core_components.v4_4_1m1764145508.js",
                         verify=False, timeout=10)
    assert suite.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    unversioned = requests.get(origin + "/_dash-component-suites/dash/dcc/dash_core_components.js",
                               verify=False, timeout=10)
    assert unversioned.headers["Cache-Control"] == "no-cache"

    moved = requests.get(http_origin + "/city/210200?lang=en", allow_redirects=False, timeout=10)
    assert moved.status_code == 301 and moved.headers["Location"] == "https://127.0.0.1/city/210200?lang=en"


def test_the_site_matches_the_settings():
    """The proxy and the app agree: nginx takes the bodies the app takes, for as long as gunicorn
    gives a request; it appends the one hop the app's TRUSTED_PROXIES=1 believes."""
    text = SITE.read_text(encoding="utf-8")
    assert f"client_max_body_size {Settings().upload_limit_mb}m;" in text
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in text
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in text
    assert re.search(r"^\s*server_tokens off;", text, re.M)
    gunicorn_timeout = re.search(r"^timeout = (\d+)", GUNICORN_CONF.read_text(encoding="utf-8"), re.M).group(1)
    assert f"proxy_read_timeout {gunicorn_timeout}s;" in text
    assert "TRUSTED_PROXIES=1" in ENV_EXAMPLE.read_text(encoding="utf-8")


# ---------------------------------------------------------------------- gunicorn's settings
def gunicorn_settings(monkeypatch, **env) -> dict:
    """What gunicorn makes of deploy/gunicorn.conf.py, by name: its module-level names set on a
    gunicorn Config, as `gunicorn -c` does (validated by gunicorn's own validators)."""
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    cfg = Config()
    for name, value in runpy.run_path(str(GUNICORN_CONF)).items():
        if name in cfg.settings:
            cfg.set(name, value)
    return {name: setting.get() for name, setting in cfg.settings.items()}


def test_gunicorn_config_leaves_forwarded_headers_to_the_app(monkeypatch):
    seen = gunicorn_settings(monkeypatch, HOST="127.0.0.1", PORT="8123", WEB_CONCURRENCY="4")
    assert seen["bind"] == ["127.0.0.1:8123"]
    assert seen["workers"] == 4 and seen["worker_class"] == "sync"
    assert seen["forwarded_allow_ips"] == [] and seen["secure_scheme_headers"] == {}
    assert seen["max_requests"] > 0 and 0 < seen["max_requests_jitter"] < seen["max_requests"]
    assert 0 < seen["graceful_timeout"] <= seen["timeout"]
    assert seen["control_socket_disable"] is True
    assert seen["chdir"] == str(ROOT)
    # The query string (%(q)s, or the request line %(r)s that holds it) and the referrer stay out.
    assert not re.search(r"%\((r|q|f)\)s", seen["access_log_format"]) and "%(U)s" in seen["access_log_format"]


def test_gunicorn_workers_default_to_the_cores_plus_one(monkeypatch):
    assert gunicorn_settings(monkeypatch, WEB_CONCURRENCY=None)["workers"] == (os.cpu_count() or 1) + 1


# ---------------------------------------------------------------------- the systemd unit
def unit_sections(path: Path = UNIT) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True, delimiters=("=",))
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser


def test_the_unit_runs_gunicorn_with_the_config_hardened(monkeypatch):
    unit = unit_sections()
    service = unit["Service"]
    assert "gunicorn -c deploy/gunicorn.conf.py wsgi:server" in service["ExecStart"]
    assert service["User"] and service["User"] != "root"
    assert service["EnvironmentFile"].endswith("dashboard.env")
    assert service["Restart"] == "on-failure"
    assert service["RestartPreventExitStatus"].split() == [str(REFUSED_EXIT)]
    assert STORE_EXIT != REFUSED_EXIT  # a database that is not up yet is tried again
    assert int(service["RestartSec"]) * int(unit["Unit"]["StartLimitBurst"]) >= 120
    assert service["NoNewPrivileges"] == "yes" and service["ProtectSystem"] == "strict"
    assert service["PrivateTmp"] == "yes" and service["ProtectHome"] == "yes"
    assert service["ReadWritePaths"].split() == [f"{service['WorkingDirectory']}/instance"]
    assert service["CapabilityBoundingSet"] == ""
    # systemd stops gunicorn after its workers had their graceful time.
    assert int(service["TimeoutStopSec"]) > gunicorn_settings(monkeypatch)["graceful_timeout"]
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_backup_timer_runs_a_checked_backup_every_night():
    service, timer = unit_sections(BACKUP_UNIT)["Service"], unit_sections(BACKUP_TIMER)["Timer"]
    assert "-m data.backup create --out" in service["ExecStart"] and "-m data.backup verify" in service["ExecStart"]
    assert service["User"] == unit_sections()["Service"]["User"] and service["Type"] == "oneshot"
    assert service["EnvironmentFile"] == unit_sections()["Service"]["EnvironmentFile"]
    assert service["ReadWritePaths"] == unit_sections()["Service"]["ReadWritePaths"]
    assert "-mtime +" in service["ExecStartPost"]
    assert timer["OnCalendar"] and timer["Persistent"] == "true"


def test_systemd_analyze_verifies_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (Debian's systemd package); the units were parsed above")
    # verify checks that the programs run exist, and /srv/dashboard/.venv is not here: the
    # copies checked run this environment's instead, every other line as it is.
    here = Path(sys.executable).parent
    copies = []
    for unit in (UNIT, BACKUP_UNIT, BACKUP_TIMER):
        copy = tmp_path / unit.name
        copy.write_text(unit.read_text(encoding="utf-8").replace(VENV_BIN, f"{here}/"), encoding="utf-8")
        copies.append(str(copy))
    assert VENV_BIN in UNIT.read_text(encoding="utf-8") and os.access(here / "gunicorn", os.X_OK)
    done = subprocess.run([analyze, "verify", *copies], capture_output=True, text=True, timeout=60)
    # It warns of an unknown key or a bad value and goes on: any word from it is a fault.
    assert done.returncode == 0 and not done.stderr.strip() and not done.stdout.strip(), done.stderr


# ---------------------------------------------------------------------- through nginx, in Chromium
class Process:
    """A server in its own process group, its output in a file."""

    def __init__(self, name: str, command: list[str], log: Path, **kwargs):
        self.name, self.log_path = name, log
        with open(log, "wb") as out:
            self.process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                            **kwargs)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def wait_for(self, url: str, deadline: float, **kwargs) -> None:
        while True:
            assert self.process.poll() is None, f"{self.name} exited:\n{self.log()}"
            assert time.time() < deadline, f"{self.name} did not answer {url}:\n{self.log()}"
            try:
                requests.get(url, timeout=5, allow_redirects=False, **kwargs)
                return
            except requests.RequestException:
                time.sleep(0.3)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@pytest.fixture
def behind_nginx(tmp_path):
    """gunicorn (deploy/gunicorn.conf.py, 2 workers) on a copy of the demo store, behind nginx
    with the site; yields (https origin, http origin, store, folder of the logs)."""
    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # our own certificate
    store = stores.demo_copy("deploy")
    store.engine.dispose()
    app_port, http_port, https_port = free_port(), free_port(), free_port()
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(app_port), "WEB_CONCURRENCY": "2",
           "DATABASE_URL": store.url, "SECRET_KEY": "deploy-tests-secret", "TRUSTED_PROXIES": "1",
           "SECURE_COOKIES": "1"}
    app = Process("gunicorn", [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "wsgi:server"],
                  tmp_path / "gunicorn.log", cwd=ROOT, env=env)
    proxy = None
    try:
        deadline = time.time() + START_TIMEOUT
        app.wait_for(f"http://127.0.0.1:{app_port}{urls.WHOAMI}", deadline)
        # Both workers past their start (each has built the app): as many requests at once as workers.
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda _: requests.get(f"http://127.0.0.1:{app_port}{urls.WHOAMI}", timeout=START_TIMEOUT),
                          range(4)))
        site = render_site(tmp_path, http_port=http_port, https_port=https_port, upstream=f"127.0.0.1:{app_port}")
        proxy = Process("nginx", [*nginx_command(tmp_path, main_config(tmp_path, site)), "-g", "daemon off;"],
                        tmp_path / "nginx.out")
        proxy.wait_for(f"https://127.0.0.1:{https_port}{urls.WHOAMI}", deadline, verify=False)
        yield f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}", store, tmp_path
    finally:
        if proxy is not None:
            proxy.stop()
        app.stop()
        store.engine.dispose()


@pytest.mark.browser
@pytest.mark.slow
def test_the_overview_through_nginx_over_https(browser, behind_nginx):
    origin, http_origin, store, logs = behind_nginx
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1600, "height": 1000})
    foreign: list[str] = []

    def route(r):
        scheme, netloc = urlsplit(r.request.url)[:2]
        if scheme in ("data", "blob") or f"{scheme}://{netloc}" == origin:
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    responses = []
    page = context.new_page()
    page.on("response", lambda response: responses.append(response))
    try:
        first = page.goto(origin + urls.OVERVIEW, wait_until="load", timeout=60_000)
        assert first.status == 200, (logs / "gunicorn.log").read_text(errors="replace")[-3000:]
        wait_for_map(page, timeout=60_000)
        assert page.locator("#map .js-plotly-plot").count() == 1
        assert not foreign, foreign

        # Compressed: every text answer of more than a few KB (gzip, whichever layer did it).
        texts = [(r, r.all_headers()) for r in responses if r.status == 200 and r.url.startswith(origin)]
        texts = [(r, h) for r, h in texts if any(k in h.get("content-type", "") for k in TEXT_TYPES)
                 and len(r.body()) > 4096]
        assert len(texts) >= 5, [r.url for r, _ in texts]
        plain = [r.url for r, h in texts if h.get("content-encoding") != "gzip"]
        assert not plain, plain
        # Dash's fingerprinted files are cached for a year; the page itself never.
        suites = [h for r, h in texts if FINGERPRINTED.search(urlsplit(r.url).path)]
        assert suites, [r.url for r, _ in texts]
        for headers in suites:
            assert "max-age=31536000" in headers["cache-control"] and "immutable" in headers["cache-control"]
        assert "no-store" in first.all_headers()["cache-control"]
        assert "server" not in first.all_headers() or first.all_headers()["server"] == "nginx"

        for probe in (urls.HEALTHZ, urls.READYZ):  # as docs/deploy.md has them checked
            assert page.request.get(origin + probe).json()["status"] == "ok"

        # The app saw https (ProxyFix believed nginx's X-Forwarded-Proto): Secure cookies and
        # HSTS, and Flask-WTF's check of the referrer on a secure sign-in (below).
        assert "strict-transport-security" in first.all_headers()

        # One hop: a sign-in attempt that claims another address in X-Forwarded-For is recorded
        # (audit trail) from the address nginx saw.
        form = page.request.get(origin + urls.LOGIN).text()
        csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
        attempt = {"username": "deploy-probe", "password": "Not-the-Passw0rd!", "csrf": csrf}
        no_referrer = page.request.post(origin + urls.LOGIN, form=attempt, headers={"X-Forwarded-For": SPOOFED})
        assert no_referrer.status == 400  # a secure request: the CSRF check wants the referrer
        answer = page.request.post(origin + urls.LOGIN, form=attempt,
                                   headers={"X-Forwarded-For": SPOOFED, "Referer": origin + urls.LOGIN})
        assert answer.status == 401
    finally:
        context.close()

    failed = [e for e in audit.events(store) if e["action"] == audit.SIGN_IN_FAILED and e["username"] == "deploy-probe"]
    assert [e["address"] for e in failed] == ["127.0.0.1"]
    for log in ("gunicorn.log", "dashboard.access.log"):
        text = (logs / log).read_text(errors="replace")
        assert "POST /login" in text and SPOOFED not in text, log

    # nginx compresses what the app sends as it is (the boundaries, application/geo+json).
    boundaries = requests.get(origin + urls.geojson("county"), headers={"Accept-Encoding": "gzip"}, verify=False,
                              timeout=30)
    assert boundaries.status_code == 200 and boundaries.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in boundaries.headers["Vary"] and boundaries.json()["type"] == "FeatureCollection"

    # Plain HTTP is sent to the same path over HTTPS.
    path = urls.OVERVIEW + "?lang=en&year=2014"
    moved = requests.get(http_origin + path, allow_redirects=False, timeout=10)
    assert moved.status_code == 301
    assert moved.headers["Location"] == f"https://127.0.0.1{path}"

"""The sign-in page: plain HTML served by Flask (it works without JavaScript), in the
dashboard's look (Bootstrap and app.css from assets/)."""
from __future__ import annotations

from html import escape

from data.formatting import locale
from data.i18n import other_language, t
from layouts import ids
import urls


def _alert(error: str | None, notice: str | None) -> str:
    if error:
        return f'<div class="alert alert-danger" role="alert" id="login-error">{escape(error)}</div>'
    if notice:
        return f'<div class="alert alert-info" role="status" id="login-notice">{escape(notice)}</div>'
    return ""


def _field(name: str, label: str, autocomplete: str, autofocus: bool = False) -> str:
    focus = " autofocus" if autofocus else ""
    return f"""<div class="mb-3">
      <label class="form-label" for="{name}">{escape(label)}</label>
      <input class="form-control form-control-lg" id="{name}" name="{name}" type="password" autocomplete="{autocomplete}" required{focus}>
    </div>"""


def password_page(lang: str, csrf: str, *, next_path: str = urls.DATA, must_change: bool = False,
                  error: str | None = None, simulated: bool = True) -> str:
    """The change-password form (current, new, again); `must_change` for a one-time password."""
    intro = t("password.intro_must" if must_change else "password.intro", lang)
    body = f"""<h1 class="page-title">{escape(t("password.title", lang))}</h1>
  <p id="password-intro">{escape(intro)}</p>
  <p class="text-muted">{escape(t("password.rules", lang))}</p>
  {_alert(error, None)}
  <form method="post" action="{urls.PASSWORD}" id="password-form">
    <input type="hidden" name="csrf" value="{escape(csrf)}">
    <input type="hidden" name="next" value="{escape(next_path)}">
    <input type="hidden" name="lang" value="{lang}">
    {_field("current", t("password.current", lang), "current-password", autofocus=True)}
    {_field("new", t("password.new", lang), "new-password")}
    {_field("again", t("password.again", lang), "new-password")}
    <button class="btn btn-primary btn-lg" type="submit" id="password-submit">{escape(t("password.submit", lang))}</button>
  </form>"""
    return _document(lang, t("password.title", lang), urls.password(next_path, other_language(lang)), body, simulated)


def page(lang: str, csrf: str, *, next_path: str = urls.DATA, error: str | None = None,
         notice: str | None = None, simulated: bool = True) -> str:
    switch = urls.login(next_path, other_language(lang))
    alert = _alert(error, notice)
    body = f"""<h1 class="page-title">{escape(t("login.title", lang))}</h1>
  <p>{escape(t("login.intro", lang))}</p>
  {alert}
  <form method="post" action="{urls.LOGIN}" id="login-form">
    <input type="hidden" name="csrf" value="{escape(csrf)}">
    <input type="hidden" name="next" value="{escape(next_path)}">
    <input type="hidden" name="lang" value="{lang}">
    <div class="mb-3">
      <label class="form-label" for="username">{escape(t("login.username", lang))}</label>
      <input class="form-control form-control-lg" id="username" name="username" autocomplete="username" required autofocus>
    </div>
    <div class="mb-3">
      <label class="form-label" for="password">{escape(t("login.password", lang))}</label>
      <input class="form-control form-control-lg" id="password" name="password" type="password" autocomplete="current-password" required>
    </div>
    <button class="btn btn-primary btn-lg" type="submit" id="login-submit">{escape(t("login.submit", lang))}</button>
    <a class="btn btn-link btn-lg" href="{escape(urls.home(lang))}">{escape(t("nav.back_to_overview", lang))}</a>
  </form>"""
    return _document(lang, t("login.title", lang), switch, body, simulated)


def _document(lang: str, title: str, switch: str, body: str, simulated: bool) -> str:
    """The page around `body`: the header (title, badge, language switch) in the dashboard's look."""
    from routes.static_files import asset_url  # versioned: kept by the browser for a year, as on the Dash pages

    html_lang = locale(lang)
    badge = ""
    if simulated:  # every page says so while any data shown is simulated
        badge = (f'<div class="simulated-badge" title="{escape(t("badge.simulated_help", lang))}">'
                 f'{escape(t("badge.simulated", "zh"))} / {escape(t("badge.simulated", "en"))}</div>')
    return f"""<!DOCTYPE html>
<html lang="{html_lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · {escape(t("app.title", lang))}</title>
<link rel="stylesheet" href="{escape(asset_url("/assets/vendor/bootstrap/bootstrap.min.css"))}">
<link rel="stylesheet" href="{escape(asset_url("/assets/app.css"))}">
</head>
<body>
<header class="app-header"><a class="skip-link" href="#{ids.MAIN}">{escape(t("a11y.skip", lang))}</a><div class="container-fluid app-header-row">
  <div class="app-header-text"><div class="app-title"><a class="app-title-link" href="{escape(urls.home(lang))}">{escape(t("app.title", lang))}</a></div></div>
  <div class="app-header-tools">{badge}<a class="lang-switch" href="{escape(switch)}">{escape(t("lang.switch", lang))}</a></div>
</div></header>
<main class="container login-box" id="{ids.MAIN}" tabindex="-1">
  {body}
</main>
</body>
</html>"""

"""The sign-in page: plain HTML served by Flask (it works without JavaScript), in the
dashboard's look (Bootstrap and app.css from assets/)."""
from __future__ import annotations

from html import escape

from data.formatting import locale
from data.i18n import other_language, t
import urls


def page(lang: str, csrf: str, *, next_path: str = urls.DATA, error: str | None = None,
         notice: str | None = None, simulated: bool = True) -> str:
    switch = urls.login(next_path, other_language(lang))
    alert = ""
    if error:
        alert = f'<div class="alert alert-danger" role="alert" id="login-error">{escape(error)}</div>'
    elif notice:
        alert = f'<div class="alert alert-info" role="status" id="login-notice">{escape(notice)}</div>'
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
<title>{escape(t("login.title", lang))} · {escape(t("app.title", lang))}</title>
<link rel="stylesheet" href="/assets/vendor/bootstrap/bootstrap.min.css">
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<header class="app-header"><div class="container-fluid app-header-row">
  <div class="app-header-text"><h1 class="app-title"><a class="app-title-link" href="{escape(urls.home(lang))}">{escape(t("app.title", lang))}</a></h1></div>
  <div class="app-header-tools">{badge}<a class="lang-switch" href="{escape(switch)}">{escape(t("lang.switch", lang))}</a></div>
</div></header>
<main class="container login-box">
  <h2 class="page-title">{escape(t("login.title", lang))}</h2>
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
  </form>
</main>
</body>
</html>"""

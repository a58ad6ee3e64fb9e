/* While the database does not answer, the server answers callbacks 503 with the message in both
 * languages, Retry-After and the probe to poll (routes/faults.py). This notices such an answer
 * to any of the page's requests, shows the message in the page's language in a banner that
 * screen readers announce, polls the probe every Retry-After seconds and reloads the page (the
 * address holds the view) once it answers. No words and no paths here: both come from the server. */
(function () {
  "use strict";

  var realFetch = window.fetch;
  var banner = null;
  var timer = null;

  // The language the server draws in: ?lang= first, as it reads it, else the document's.
  function language() {
    var asked = new URLSearchParams(window.location.search).get("lang");
    if (asked === "en" || asked === "zh") { return asked; }
    return (document.documentElement.lang || "").indexOf("en") === 0 ? "en" : "zh";
  }

  function seconds(response, fallback) {
    var n = parseInt(response.headers.get("Retry-After"), 10);
    return n >= 1 && n <= 600 ? n : (fallback >= 1 && fallback <= 600 ? fallback : 5);
  }

  function showBanner(text) {
    if (banner === null) {
      banner = document.createElement("div");
      banner.className = "outage-banner";
      banner.setAttribute("role", "alert");
      banner.setAttribute("aria-live", "assertive");
      document.body.insertBefore(banner, document.body.firstChild);
    }
    banner.textContent = text;
  }

  function retryLater(ready, wait) {
    if (timer !== null) { return; }
    timer = window.setTimeout(function () {
      timer = null;
      realFetch.call(window, ready, {cache: "no-store", credentials: "same-origin"}).then(function (response) {
        if (response.ok) {
          window.location.reload();
        } else {
          retryLater(ready, seconds(response, wait));
        }
      }, function () { retryLater(ready, wait); });
    }, wait * 1000);
  }

  function unavailable(response) {
    response.json().then(function (body) {
      if (!body || !body.error || typeof body.ready !== "string") { return; }
      showBanner(body.error[language()] || body.error.zh || body.error.en);
      retryLater(body.ready, seconds(response, body.retry_after));
    }, function () { /* not the store's 503: nothing to say */ });
  }

  window.fetch = function () {
    return realFetch.apply(this, arguments).then(function (response) {
      if (response.status === 503) { unavailable(response.clone()); }
      return response;
    });
  };
}());

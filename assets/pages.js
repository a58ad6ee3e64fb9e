/* The browser's side of the small callbacks of the page shell, the overview, the county page and
 * the data page, as window.dash_clientside namespaces that the server names with
 * ClientsideFunction: no script is sent as a string, so a CSP needs no unsafe-eval. */
(function () {
  "use strict";

  // The document's language follows the page the router drew.
  function setDocumentLanguage(meta) {
    if (meta && meta.lang) {
      document.documentElement.lang = meta.lang === "zh" ? "zh-CN" : "en";
    }
  }

  // The overview's tabs: [map card style, table card style] for the tab shown.
  function showTab(tab) {
    var hide = {display: "none"};
    return [tab === "table" ? hide : null, tab === "table" ? null : hide];
  }

  // The work list's "n shown" once the grid is sorted or filtered; the sentence comes from the
  // server, in the page's language, as the element's title.
  function worklistShown(rows, template) {
    if (!rows) { return window.dash_clientside.no_update; }
    return template.replace("{n}", rows.length.toLocaleString("en-US"));
  }

  // dcc.Upload hands the files to the page as data URLs. A request bigger than the server's limit
  // would be refused by Flask with a bare 413 that the page never shows, so the browser measures
  // the upload first and, if it is too big, passes on only its size; the server then says so in
  // the user's language. Its own check is what guards: this only decides what message is shown.
  function gateUpload(contents, names, limit) {
    if (!contents) { return window.dash_clientside.no_update; }
    var list = Array.isArray(contents) ? contents : [contents];
    var size = list.reduce(function (n, c) { return n + (c ? c.length : 0); }, 0);
    if (limit && size > limit) { return {"too_big": size, "names": names}; }
    return {"contents": contents, "names": names};
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    shell: {setDocumentLanguage: setDocumentLanguage},
    overview: {showTab: showTab},
    places: {worklistShown: worklistShown},
    dataPage: {gateUpload: gateUpload}
  });
})();

/* A link to a section of a page (/method#outlook, from the overview's outlook legend): the
 * router draws the page after the browser has looked for the section, so it is looked for again
 * until it is drawn (for five seconds), then scrolled to and focused. */
(function () {
  "use strict";
  function toSection(tries) {
    var id = window.location.hash.slice(1);
    if (!id || /^slide-/.test(id)) { return; }
    var el = document.getElementById(decodeURIComponent(id));
    if (el) {
      el.scrollIntoView();
      if (el.hasAttribute("tabindex")) { el.focus({preventScroll: true}); }
      return;
    }
    if (tries < 50) { window.setTimeout(function () { toSection(tries + 1); }, 100); }
  }
  window.addEventListener("load", function () { toSection(0); });
  window.addEventListener("hashchange", function () { toSection(0); });
})();

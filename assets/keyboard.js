/* Keyboard routes to every place (layouts/place_links.py):
 * - the grids' PlaceLink cell: a place's name as a real link to its page (a new tab with Ctrl or
 *   the middle button), followed inside the app like a dcc.Link; it is not a Tab stop of its own
 *   (a grid is one stop, its cells are reached with the arrow keys), and Enter on the focused
 *   cell follows it;
 * - "view as table" beside the map puts the focus on the table's heading once the table is shown.
 * No ids are spelled here: the classes say what is what. */
(function () {
  "use strict";
  var SHOW_WAIT_MS = 8000;

  function modified(event) {
    return event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
  }

  // What dcc.Link does: the URL changes without a reload, and the app's locations follow it.
  function navigate(href) {
    window.history.pushState({}, "", href);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
  }

  function follow(event) {
    if (event.defaultPrevented || event.button !== 0 || modified(event)) { return; }
    event.preventDefault();
    navigate(event.currentTarget.getAttribute("href"));
  }

  // cellRenderer "PlaceLink", with cellRendererParams {hrefField: the row's field with the link}.
  function PlaceLink(props) {
    var text = props.value == null ? "" : String(props.value);
    var href = props.data ? props.data[props.hrefField || "href"] : null;
    if (!href) { return text; }
    return window.React.createElement("a", {href: href, className: "grid-place-link", tabIndex: -1, onClick: follow},
                                      text);
  }

  // Enter on a focused grid cell that holds a place's link follows it (Ctrl+Enter: a new tab).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.classList || !event.target.classList.contains("ag-cell")) { return; }
    var link = event.target.querySelector("a.grid-place-link");
    if (!link) { return; }
    event.preventDefault();
    event.stopPropagation();
    if (event.ctrlKey || event.metaKey) { window.open(link.href, "_blank", "noopener"); } else {
      navigate(link.getAttribute("href"));
    }
  }, true);

  // "View as table": once the table card is shown, its heading takes the focus, so that a
  // keyboard or screen-reader user goes on from there.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.map-table-link") : null;
    if (!link || event.button !== 0 || modified(event)) { return; }
    var until = Date.now() + SHOW_WAIT_MS;
    (function focusWhenShown() {
      var heading = document.querySelector(".table-card h2[tabindex]");
      if (heading && heading.offsetParent !== null) { heading.focus(); return; }
      if (Date.now() < until) { window.setTimeout(focusWhenShown, 50); }
    })();
  });

  window.dashAgGridComponentFunctions = Object.assign({}, window.dashAgGridComponentFunctions,
                                                      {PlaceLink: PlaceLink});
})();

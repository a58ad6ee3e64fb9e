/* Names and keyboard stops that Dash's own components do not give (WCAG 2.1 AA; checked by
 * tests/test_browser_axe.py), applied to whatever the router draws:
 * - a Dash dropdown is named by its visible <label> as well as its value, and is one Tab stop
 *   (its button), not a hidden input inside aria-hidden that hands the focus on;
 * - a slider's thumb is named by its <label> and says its value in words (aria-valuetext, from
 *   the data-valuetext pattern of the element around it, in the page's language);
 * - a file upload's hidden input is named by the data-input-label of its drop zone;
 * - a control inside a picture hidden from screen readers (plotly's mode bar in a chart whose
 *   text alternative stands beside it, layouts/chart_text.py) is no Tab stop either: the table
 *   beside the map is the keyboard's way, and a key must not land where nothing is announced;
 * - the skip link moves the focus into <main>, not only the view;
 * - the document's <title> is the page's or view's own, which the page carries in a hidden
 *   .document-title element (layouts/components.document_title).
 * No ids are spelled here: the labels' for= and the data- attributes say what goes where. */
(function () {
  "use strict";

  function nameByLabels(root) {
    var labels = root.querySelectorAll("label[for]");
    for (var i = 0; i < labels.length; i++) {
      var label = labels[i], target = document.getElementById(label.htmlFor);
      if (!target) { continue; }
      if (!label.id) { label.id = label.htmlFor + "-label"; }
      if (target.matches("button.dash-dropdown")) {
        var by = (target.getAttribute("aria-labelledby") || "").split(/\s+/).filter(function (x) {
          return x && x !== label.id;
        });
        var wanted = [label.id].concat(by).join(" ");
        if (target.getAttribute("aria-labelledby") !== wanted) { target.setAttribute("aria-labelledby", wanted); }
      }
      var thumbs = target.querySelectorAll("[role=slider]");
      for (var j = 0; j < thumbs.length; j++) {
        if (thumbs[j].getAttribute("aria-labelledby") !== label.id) {
          thumbs[j].setAttribute("aria-labelledby", label.id);
        }
      }
    }
  }

  function oneStopDropdowns(root) {
    // Dash puts a focusable input, hidden from screen readers, before the dropdown's button for
    // Safari; it resets it to a Tab stop on every blur, so this runs again then.
    var targets = root.querySelectorAll(".dash-dropdown-focus-target");
    for (var i = 0; i < targets.length; i++) {
      var input = targets[i], button = input.nextElementSibling;
      if (input.tabIndex !== -1) { input.tabIndex = -1; }
      if (button && button.matches("button.dash-dropdown") && !button.disabled && button.tabIndex !== 0) {
        button.tabIndex = 0;
      }
    }
  }

  function noStopsWhereHidden(root) {
    // Only plotly's mode bar: a dialog that hides the rest of the page for a while must not
    // take the page's controls out of the Tab order for good.
    var inside = root.querySelectorAll("[aria-hidden=true] .modebar a[href], [aria-hidden=true] .modebar button, " +
                                       "[aria-hidden=true] .modebar [tabindex]");
    for (var i = 0; i < inside.length; i++) {
      if (inside[i].tabIndex !== -1) { inside[i].tabIndex = -1; }
    }
  }

  function sliderValueTexts(root) {
    var thumbs = root.querySelectorAll("[data-valuetext] [role=slider]");
    for (var i = 0; i < thumbs.length; i++) {
      var thumb = thumbs[i], pattern = thumb.closest("[data-valuetext]").getAttribute("data-valuetext");
      var text = pattern.replace("{value}", thumb.getAttribute("aria-valuenow") || "");
      if (thumb.getAttribute("aria-valuetext") !== text) { thumb.setAttribute("aria-valuetext", text); }
    }
  }

  function uploadLabels(root) {
    var zones = root.querySelectorAll("[data-input-label]");
    for (var i = 0; i < zones.length; i++) {
      var input = zones[i].querySelector("input[type=file]"), text = zones[i].getAttribute("data-input-label");
      if (input && input.getAttribute("aria-label") !== text) { input.setAttribute("aria-label", text); }
    }
  }

  function documentTitle(root) {
    var source = root.querySelector(".document-title"), text = source && source.textContent.trim();
    if (text && document.title !== text) { document.title = text; }
  }

  function apply() {
    scheduled = false;
    var root = document.body;
    documentTitle(root);
    nameByLabels(root);
    oneStopDropdowns(root);
    noStopsWhereHidden(root);
    sliderValueTexts(root);
    uploadLabels(root);
  }

  var scheduled = false;
  function schedule() {
    if (!scheduled) {
      scheduled = true;
      // Before the next frame, and so before the next key a user can press.
      Promise.resolve().then(apply);
    }
  }

  function start() {
    apply();
    new MutationObserver(schedule).observe(document.body, {
      childList: true, subtree: true, characterData: true, attributes: true,
      attributeFilter: ["tabindex", "aria-valuenow", "aria-labelledby", "aria-label"]
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.skip-link");
    if (!link) { return; }
    var target = document.getElementById((link.getAttribute("href") || "").slice(1));
    if (!target) { return; }
    event.preventDefault();  // no #fragment in the address, which the router would keep
    if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
    target.focus();
    target.scrollIntoView();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

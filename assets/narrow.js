/* Charts on narrow screens (a phone, or a 1280x720 screen zoomed to 400%). A figure built in
 * layouts/figures may carry in layout.meta.narrow how it fits a phone's width
 * (layouts/figures/narrow.py): {query, layout: a relayout, traces: a restyle per trace, and
 * wide: the figure's own values of the same keys}.
 * While the media query matches, this applies it after every draw of the chart (a new
 * figure from the server starts wide again), and when the screen widens it puts the wide
 * values back. The desktop and the projector never see it. */
(function () {
  "use strict";

  function get(obj, path) {
    var parts = path.split("."), cur = obj;
    for (var k = 0; k < parts.length; k++) {
      if (cur === null || cur === undefined) { return null; }
      var m = /^(\w+)\[(\d+)\]$/.exec(parts[k]);
      cur = m ? (cur[m[1]] || [])[Number(m[2])] : cur[parts[k]];
    }
    return cur === undefined ? null : cur;
  }

  function same(a, b) {
    return JSON.stringify(a === undefined ? null : a) === JSON.stringify(b === undefined ? null : b);
  }

  // Draw the narrow (or the wide) values where the chart does not show them yet. Idempotent:
  // it compares what is drawn with what is wanted, so a new figure from the server, a redraw
  // or a turn of the phone all end in the same picture.
  function apply(gd, narrow, wanted) {
    var Plotly = window.Plotly;
    if (!Plotly || gd.__narrowBusy) { return; }
    // Once per figure and width: a value plotly keeps in another form must not loop.
    var last = gd.__narrowLast;
    if (last && last.layout === gd.layout && last.data === gd.data && last.wanted === wanted) { return; }
    gd.__narrowLast = {layout: gd.layout, data: gd.data, wanted: wanted};
    var want = wanted ? narrow : narrow.wide;
    var layout = {}, steps = [];
    Object.keys(want.layout || {}).forEach(function (key) {
      if (!same(get(gd.layout, key), want.layout[key])) { layout[key] = want.layout[key]; }
    });
    (want.traces || []).forEach(function (over, i) {
      var update = {};
      Object.keys(over || {}).forEach(function (key) {
        if (i < gd.data.length && !same(get(gd.data[i], key), over[key])) { update[key] = [over[key]]; }
      });
      if (Object.keys(update).length) { steps.push(function () { return Plotly.restyle(gd, update, [i]); }); }
    });
    if (Object.keys(layout).length) { steps.push(function () { return Plotly.relayout(gd, layout); }); }
    if (!steps.length) { return; }
    gd.__narrowBusy = true;
    steps.reduce(function (done, step) { return done.then(step); }, Promise.resolve())
      .then(function () { gd.__narrowBusy = false; }, function () { gd.__narrowBusy = false; });
  }

  var queries = {};
  function fit(gd) {
    var narrow = gd.layout && gd.layout.meta && gd.layout.meta.narrow;
    if (!narrow || !narrow.query) { return; }
    var mq = queries[narrow.query];
    if (!mq) {
      mq = queries[narrow.query] = window.matchMedia(narrow.query);
      mq.addEventListener("change", function () {
        document.querySelectorAll(".js-plotly-plot").forEach(fit);
      });
    }
    apply(gd, narrow, mq.matches);
  }

  function watch(gd) {
    if (gd.__narrowWatched || typeof gd.on !== "function") { return; }
    gd.__narrowWatched = true;
    gd.on("plotly_afterplot", function () { window.setTimeout(function () { fit(gd); }, 0); });
    fit(gd);
  }

  // Graphs come and go with the pages: watch each one as it appears.
  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      document.querySelectorAll(".js-plotly-plot").forEach(watch);
    });
  }).observe(document.documentElement, {childList: true, subtree: true});
})();

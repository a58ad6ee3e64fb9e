/* AG Grid only where a grid is shown. Dash would put dash-ag-grid's 1.3 MB bundle (350 KB
 * compressed, and its 870 KB grid chunk after it) in every page; the server leaves it out
 * (routes/static_files.py defer_grid_bundle) and names its URL in <meta name=lncs-grid-bundle>.
 *
 * Here window.dash_ag_grid is a stand-in: the renderer resolves dash_ag_grid.AgGrid to
 * AgGrid below, which draws an empty box (the grid's size, "loading" in the page's language)
 * until the box is laid out on screen (a grid in a hidden tab, display:none, is not), then
 * loads the bundle once and draws the real grid with the same props. The namespace stays this
 * one after the bundle has loaded (the bundle's own assignment is caught), so the renderer
 * keeps resolving the same component and a drawn grid is never mounted twice. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="lncs-grid-bundle"]');
  if (!meta || window.dash_ag_grid || !window.React) { return; }  // the bundle is in the page
  var React = window.React, url = meta.content;
  var real = null, loaded = null, loading = null, adopted;
  var ready = new Promise(function (resolve) { adopted = resolve; });
  var ns = {};

  function adopt(bundle) {  // the bundle's `window.dash_ag_grid = {AgGrid, getApi, getApiAsync}`
    loaded = bundle;
    real = bundle.AgGrid;
    ["dashPersistence", "propTypes", "defaultProps"].forEach(function (k) {
      if (real[k] !== undefined) { AgGrid[k] = real[k]; }
    });
    adopted(bundle);
  }

  function load() {
    if (!loading) {
      // The grid's chunk, which the bundle asks for as soon as it draws: fetched alongside it.
      var chunk = document.createElement("link");
      chunk.rel = "preload"; chunk.as = "script"; chunk.href = url.replace(/[^/]*$/, "async-community.js");
      document.head.appendChild(chunk);
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = function () { if (real) { resolve(real); } else { reject(new Error("no AgGrid in " + url)); } };
        script.onerror = function () { loading = null; reject(new Error("could not load " + url)); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function AgGrid(props) {
    var box = React.useRef(null);
    var state = React.useState(function () { return real; }), Grid = state[0], setGrid = state[1];
    var failed = React.useState(false), setFailed = failed[1];
    React.useEffect(function () {
      if (Grid) { return undefined; }
      var el = box.current, busy = false, gone = false, observer = null;
      function start() {
        if (busy || gone) { return; }
        busy = true;
        load().then(function (component) { if (!gone) { setGrid(function () { return component; }); } },
                    function () { busy = false; if (!gone) { setFailed(true); } });  // tried again when shown again
      }
      if (window.ResizeObserver) {
        // Called once the box is laid out, and again when its size changes (its tab shown): the
        // size comes with the call, so nothing here makes the browser lay the page out early.
        observer = new window.ResizeObserver(function (entries) {
          var size = entries[entries.length - 1].contentRect;
          if (size.width > 0 || size.height > 0) { start(); }
        });
        observer.observe(el);
      } else {
        start();  // no way to know when it is shown: at once
      }
      return function () { gone = true; if (observer) { observer.disconnect(); } };
    }, [Grid]);
    if (Grid) { return React.createElement(Grid, props); }
    var words = (props.dashGridOptions && props.dashGridOptions.localeText) || {};
    return React.createElement("div", {
      ref: box, id: typeof props.id === "string" ? props.id : undefined, style: props.style,
      className: ((props.className || "") + " lazy-grid").trim(), "aria-busy": failed[0] ? undefined : "true"
    }, failed[0] ? null : (words.loadingOoo || "…"));
  }
  // The real grid takes the renderer's dashRenderType prop; the renderer looks for this flag.
  AgGrid.dashRenderType = true;
  // Dash waits for a lazy component before calling back with it; before the bundle there is
  // nothing to wait for (the box sets no props), after it the real grid's readiness counts.
  Object.defineProperty(AgGrid, "_dashprivate_isLazyComponentReady", {
    get: function () { return real ? real._dashprivate_isLazyComponentReady : true; }
  });

  ns.AgGrid = AgGrid;
  ns.getApi = function (id) {
    if (!loaded) { throw new Error("no grid found, or grid is not initialized yet, with id: " + id); }
    return loaded.getApi(id);
  };
  ns.getApiAsync = function (id) { return ready.then(function (bundle) { return bundle.getApiAsync(id); }); };
  Object.defineProperty(window, "dash_ag_grid", {
    configurable: true, enumerable: true,
    get: function () { return ns; },
    set: function (bundle) { if (bundle && bundle !== ns && bundle.AgGrid) { adopt(bundle); } }
  });
})();

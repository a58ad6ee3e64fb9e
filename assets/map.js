/* The overview map in the browser: it only draws. The server sends, once with the page,
 * the map config (names, label points, colour scales, hover templates, status words:
 * layouts/figures/overview_map.py map_client_config) and, on every change, one view
 * (map_payload: what colours each place, which scale and template apply). This turns
 * them into a Patch of the figure, picking by index; the geometry never travels again. */
(function () {
  "use strict";

  function sameArray(a, b) {
    if (!a || !b || a.length !== b.length) { return false; }
    for (var k = 0; k < a.length; k++) { if (a[k] !== b[k]) { return false; } }
    return true;
  }

  // Classes and statuses travel as one digit per place: z_i = digit + zbase.
  function digits(text, base) {
    var out = [];
    for (var k = 0; k < text.length; k++) { out.push(parseInt(text.charAt(k), 10) + base); }
    return out;
  }

  // A narrow screen's colour bar: the view's, with style.narrow.colorbar laid over it (one
  // level deep, so that its title keeps its text and takes the new side).
  function narrowBar(colorbar, over) {
    var out = Object.assign({}, colorbar);
    Object.keys(over).forEach(function (k) {
      var v = over[k];
      out[k] = v && typeof v === "object" && !Array.isArray(v) ? Object.assign({}, colorbar[k], v) : v;
    });
    return out;
  }

  function clearedBar(colorbar, over) {
    var out = Object.assign({}, colorbar);
    Object.keys(over).forEach(function (k) {
      var v = over[k];
      if (v && typeof v === "object" && !Array.isArray(v)) {
        out[k] = Object.assign({}, colorbar[k]);
        Object.keys(v).forEach(function (j) { if (!(j in out[k])) { out[k][j] = null; } });
      } else if (!(k in out)) {
        out[k] = null;
      }
    });
    return out;
  }

  // The bar of the view last drawn, so that turning a phone across the width in
  // style.narrow.query moves it without a round trip to the server.
  var shownBar = null, watched = {};
  function isNarrow(narrow) { return Boolean(narrow && window.matchMedia(narrow.query).matches); }
  function watchWidth(narrow) {
    if (!narrow || watched[narrow.query]) { return; }
    watched[narrow.query] = true;
    window.matchMedia(narrow.query).addEventListener("change", function (e) {
      var gd = document.querySelector("#map .js-plotly-plot");
      if (!shownBar || !gd || !window.Plotly) { return; }
      // Back to the wide bar, the narrow-only keys are cleared (restyle merges into the bar).
      var bar = e.matches ? narrowBar(shownBar.colorbar, narrow.colorbar)
                          : clearedBar(shownBar.colorbar, narrow.colorbar);
      var trace = shownBar.trace, labelSize = e.matches ? narrow.labelSize : shownBar.labelSize;
      // Fitted to the new width first, then the bar taken down and drawn anew: plotly leaves a
      // bar turned in place half drawn, and one turned before the resize placed for the old size.
      window.Plotly.Plots.resize(gd).then(function () {
        return window.Plotly.restyle(gd, {showscale: [false]}, [trace]);
      }).then(function () {
        return window.Plotly.restyle(gd, {colorbar: [bar], showscale: [true]}, [trace]);
      }).then(function () {
        return window.Plotly.restyle(gd, {"textfont.size": labelSize}, [2]);
      });
    });
  }

  // The progress, status and value maps: z, customdata and hover of each place.
  function standardDrawn(p, cfg, places, n) {
    var i, z = typeof p.z === "string" ? digits(p.z, p.zbase) : p.z;
    var status = digits(p.st, 0), words = cfg.statusWords[p.statusWords];
    var scale = cfg.scales[p.scale], colorbar = Object.assign({}, scale.colorbar);
    var zmin = scale.zmin, zmax = scale.zmax;
    if (p.range) {
      zmin = p.range.zmin; zmax = p.range.zmax;
      colorbar.tickvals = p.range.tickvals; colorbar.ticktext = p.range.ticktext;
    }
    // Each place's [name, value, target, numerator, denominator, status, share], as
    // build_choropleth's customdata; a value travels as numerator and denominator.
    var custom = [], gaps = {}, none = {};
    p.nd.forEach(function (k) { gaps[k] = true; });
    // Nothing to count here (not a gap): its own hover, and its reason in words.
    (p.na || []).forEach(function (k) { none[k] = true; });
    if (p.naText) { words = words.slice(); words[words.length - 1] = p.naText; }
    for (i = 0; i < n; i++) {
      var num = p.num[i], den = p.den ? p.den[i] : null, value;
      if (p.words) { value = p.words[i]; } else if (!p.den) { value = num; } else {
        value = num === null || !den ? null : num / den;
      }
      custom.push([places.names[i], value, p.targetText, num, den, words[status[i]], p.share ? p.share[i] : null]);
    }
    var template = cfg.hover[p.hover], templates = [];
    for (i = 0; i < n; i++) { templates.push(none[i] ? cfg.hover.na : gaps[i] ? cfg.hover.none : template); }
    return {z: z, custom: custom, templates: p.nd.length || p.na ? templates : null, template: template, scale: scale,
            colorbar: colorbar, zmin: zmin, zmax: zmax};
  }

  // Fixed-width base-36 numbers (layouts/figures/mode_maps.py pack): the largest is "none".
  function unpack(text, width, scale, from, count) {
    var out = [], none = Math.pow(36, width) - 1;
    for (var k = 0; k < count; k++) {
      var v = parseInt(text.substr((from + k) * width, width), 36);
      out.push(v === none ? null : v / scale);
    }
    return out;
  }

  // The "2015 outlook" and "change" maps (layouts/figures/mode_maps.py).
  function modeDrawn(p, m, places, n) {
    var share = p.unit === "share", width = p.w;
    var k = share ? m.shareScale : m.countScale, scale = m.scales[p.mode], i;
    var templates = m.hover[p.mode + "/" + p.unit], custom = [], z, per = [];
    var colorbar = Object.assign({}, scale.colorbar), zmin = scale.zmin, zmax = scale.zmax;
    if (p.mode === "outlook") {
      var value = unpack(p.pk, width, k, 0, n), proj = unpack(p.pk, width, k, n, n);
      var low = unpack(p.pk, width, k, 2 * n, n), high = unpack(p.pk, width, k, 3 * n, n);
      var words = m.words[p.ow];
      z = digits(p.z, 0);
      for (i = 0; i < n; i++) {
        custom.push([places.names[i], value[i], p.targetText, proj[i], low[i], high[i], words[z[i]], p.year, p.ty]);
        per.push(templates[parseInt(p.tk.charAt(i), 10)]);
      }
    } else {
      var a = unpack(p.pk, width, k, 0, n), b = unpack(p.pk, width, k, n, n);
      z = [];
      for (i = 0; i < n; i++) {
        var gone = a[i] === null || b[i] === null;
        // in tenths of a percent, then as the hover writes it (percentage points)
        var change = gone ? null : Math.round((b[i] - a[i]) * k) / k;
        z.push(gone ? p.range.none : change);
        custom.push([places.names[i], a[i], b[i], gone ? null : (share ? change * 100 : change), p.from, p.year]);
        per.push(templates[gone ? 1 : 0]);
      }
      zmin = p.range.zmin; zmax = p.range.zmax;
      colorbar.tickvals = p.range.tickvals; colorbar.ticktext = p.range.ticktext;
      colorbar.title = Object.assign({}, colorbar.title, {text: p.barTitle});
    }
    return {z: z, custom: custom, templates: per, template: null, scale: scale, colorbar: colorbar,
            zmin: zmin, zmax: zmax};
  }

  function update(p, cfg, fig) {
    var nu = window.dash_clientside.no_update;
    if (!p || !cfg) { return nu; }
    var places = cfg[p.level], n = places.codes.length, style = cfg.style, i;
    var drawn = (p.mode === "outlook" || p.mode === "change") ? modeDrawn(p, cfg.modes, places, n)
                                                             : standardDrawn(p, cfg, places, n);
    var z = drawn.z, custom = drawn.custom, templates = drawn.templates, template = drawn.template;
    var scale = drawn.scale, colorbar = drawn.colorbar, zmin = drawn.zmin, zmax = drawn.zmax;

    // Zoomed into a city at county level, only its counties are drawn; the other cities
    // lie underneath as context.
    var zoomed = Boolean(p.city && p.level === "county"), idx = [];
    for (i = 0; i < n; i++) { if (!zoomed || places.parent[i] === p.city) { idx.push(i); } }
    function pick(arr) { return idx.map(function (k) { return arr[k]; }); }

    var lineWidth = [], lineColour = [];
    for (i = 0; i < n; i++) {
      var selected = places.codes[i] === p.county || (p.level === "city" && places.codes[i] === p.city);
      lineWidth.push(selected ? style.selected.width : style.borderWidth[p.level]);
      lineColour.push(selected ? style.selected.colour : style.border);
    }
    var active = p.level === "county" ? 0 : 1, other = 1 - active;
    var labelSize = style.labelSize[zoomed ? "city" : "province"];
    shownBar = {trace: active, colorbar: colorbar, labelSize: labelSize};
    watchWidth(style.narrow);
    if (isNarrow(style.narrow)) {
      colorbar = narrowBar(colorbar, style.narrow.colorbar);
      labelSize = Math.min(labelSize, style.narrow.labelSize);
    }

    // Labels: the selected city's counties when zoomed in, otherwise the 14 cities.
    var lab = cfg.city, keep = [];
    if (zoomed) {
      lab = cfg.county;
      for (i = 0; i < lab.codes.length; i++) { if (lab.parent[i] === p.city && lab.named[i]) { keep.push(i); } }
    } else {
      for (i = 0; i < lab.codes.length; i++) { keep.push(i); }
    }

    var patch = new window.dash_clientside.Patch();
    var shown = (fig && fig.data) || [];
    // Assign arrays only when they change: plotly redraws the shapes (not just their
    // colours) when it sees a new locations or line array, which costs a year change
    // tens of milliseconds.
    function assignArray(path, value) {
      var trace = shown[path[1]] || {}, current = trace;
      for (var k = 2; k < path.length && current; k++) { current = current[path[k]]; }
      if (!sameArray(current, value)) { patch.assign(path, value); }
    }
    patch.assign(["data", active, "visible"], true);
    assignArray(["data", active, "locations"], pick(places.codes));
    patch.assign(["data", active, "z"], pick(z));
    patch.assign(["data", active, "zmin"], zmin);
    patch.assign(["data", active, "zmax"], zmax);
    patch.assign(["data", active, "colorscale"], scale.colorscale);
    patch.assign(["data", active, "showscale"], scale.showscale);
    patch.assign(["data", active, "colorbar"], colorbar);
    patch.assign(["data", active, "customdata"], pick(custom));
    patch.assign(["data", active, "hovertemplate"], templates ? pick(templates) : template);
    patch.assign(["data", active, "hoverinfo"], null);
    assignArray(["data", active, "marker", "line", "width"], pick(lineWidth));
    assignArray(["data", active, "marker", "line", "color"], pick(lineColour));
    if (zoomed) {
      var cities = cfg.city, context = style.context;
      var chosen = function (c) { return c === p.city ? 1 : 0; };
      patch.assign(["data", 1, "visible"], true);
      assignArray(["data", 1, "locations"], cities.codes);
      assignArray(["data", 1, "z"], cities.codes.map(chosen));
      patch.assign(["data", 1, "zmin"], 0);
      patch.assign(["data", 1, "zmax"], 1);
      patch.assign(["data", 1, "colorscale"], context.colorscale);
      patch.assign(["data", 1, "showscale"], false);
      patch.assign(["data", 1, "hoverinfo"], "skip");
      patch.assign(["data", 1, "hovertemplate"], null);
      assignArray(["data", 1, "marker", "line", "width"],
                  cities.codes.map(function (c) { return context.lineWidth[chosen(c)]; }));
      assignArray(["data", 1, "marker", "line", "color"],
                  cities.codes.map(function (c) { return context.lineColour[chosen(c)]; }));
    } else {
      patch.assign(["data", other, "visible"], false);
      patch.assign(["data", other, "showscale"], false);
    }
    assignArray(["data", 2, "lon"], keep.map(function (k) { return lab.lon[k]; }));
    assignArray(["data", 2, "lat"], keep.map(function (k) { return lab.lat[k]; }));
    assignArray(["data", 2, "text"], keep.map(function (k) { return lab.names[k]; }));
    patch.assign(["data", 2, "textfont", "size"], labelSize);
    if (p.city) {
      var f = cfg.city.frame[p.city];
      patch.assign(["layout", "geo", "fitbounds"], false);
      patch.assign(["layout", "geo", "lonaxis", "range"], [f[0], f[1]]);
      patch.assign(["layout", "geo", "lataxis", "range"], [f[2], f[3]]);
    } else {
      patch.assign(["layout", "geo", "fitbounds"], "locations");
      patch.assign(["layout", "geo", "lonaxis", "range"], null);
      patch.assign(["layout", "geo", "lataxis", "range"], null);
    }
    // The "numbers to check" markers (trace 3): shown only when the payload has "q".
    // Zoomed into a city, only its counties' markers.
    var qcfg = cfg.quality, qshown = (p.q || []).filter(function (e) { return !zoomed || places.parent[e[0]] === p.city; });
    patch.assign(["data", 3, "visible"], qshown.length > 0);
    patch.assign(["data", 3, "lon"], qshown.map(function (e) { return places.lon[e[0]]; }));
    patch.assign(["data", 3, "lat"], qshown.map(function (e) { return places.lat[e[0]] + qcfg.offset; }));
    // [name, warnings, code]: the code so that a click on a marker opens its place, as a click
    // on the place under it would (plotly gives the click to the nearest marker within 20 px).
    patch.assign(["data", 3, "customdata"], qshown.map(function (e) {
      return [places.names[e[0]], e[1], places.codes[e[0]]]; }));
    patch.assign(["data", 3, "hovertemplate"], qcfg.hover[p.level]);
    patch.assign(["data", 3, "hoverinfo"], null);
    // For tests and timing: what the map shows now.
    patch.assign(["layout", "meta"], {ind: p.ind, year: p.year, level: p.level, city: p.city, county: p.county,
                                      mode: p.mode, from: p.from, st: p.st || p.z,
                                      q: qshown.map(function (e) { return e[0]; })});
    return patch.build();
  }

  // The map's patch, and a token of the view for the panels to follow. On the page's
  // first colouring the panels are already drawn by the server, so no token then.
  function updateAndSignal(p, cfg, fig) {
    var nu = window.dash_clientside.no_update;
    var first = !(fig && fig.layout && fig.layout.meta);
    var token = p && !first ? [p.ind, p.year, p.level, p.city, p.county, p.mode, p.from].join("|") : nu;
    return [update(p, cfg, fig), token];
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    overviewMap: {update: update, updateAndSignal: updateAndSignal}
  });
})();

/* Each chart drawn in a task of its own (drawnApart below), and the world topojson fetched once
 * a page: plotly's geo maps (the overview's, the locators, the slides') each fetch it when none is loaded yet, so maps drawn together fetched it together
 * (four times on /present). Here it is fetched once, as the page loads (the page's preload, a
 * versioned URL that the browser keeps: app.py), a geo figure drawn before it has come waits
 * for it, and plotly then has it for every map. Without the preload, or if it fails, plotly
 * fetches it itself as before. */
(function () {
  "use strict";
  var NAME = "world_110m", world = null;

  function drawsGeo(args) {
    var fig = args[1] || {}, data = Array.isArray(fig) ? fig : fig.data || [];
    var layout = (Array.isArray(fig) ? args[2] : fig.layout) || {};
    return data.some(function (t) { return t && (t.type === "choropleth" || t.type === "scattergeo"); }) ||
      Object.keys(layout).some(function (k) { return /^geo[0-9]*$/.test(k); });
  }

  // A promise of the topojson in plotly's hands, or null when there is nothing to wait for.
  function topojson() {
    var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
    assets.topojson = assets.topojson || {};
    if (assets.topojson[NAME]) { return null; }
    if (!world) {
      var link = document.querySelector('link[rel="preload"][href*="/' + NAME + '.json"]');
      if (!link || !window.fetch) { return null; }
      // Same mode and credentials as the preload (crossorigin=anonymous), so the browser uses it.
      world = window.fetch(link.href).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (t) { if (t && !assets.topojson[NAME]) { assets.topojson[NAME] = t; } })
        .catch(function () {});
    }
    return world;
  }

  // A task of its own for each chart: React mounts a page's graphs in one task, and their draws
  // then ran one after another in it (the overview's map, sparkline and ranking: one task of
  // 230 ms, in which the page answered nothing). Yielding first lets input and the browser in
  // between them; scheduler.yield() resumes ahead of other waiting tasks.
  function nextTask() {
    if (window.scheduler && typeof window.scheduler.yield === "function") { return window.scheduler.yield(); }
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
  }

  function drawnApart(name) {
    var plotly = window.Plotly, draw = plotly && plotly[name];
    if (typeof draw !== "function") { return; }
    plotly[name] = function () {
      var args = arguments, self = this, wait = drawsGeo(args) ? topojson() : null;
      return Promise.resolve(wait).then(nextTask).then(function () { return draw.apply(self, args); });
    };
  }
  drawnApart("react");
  drawnApart("newPlot");
  topojson();  // now: the preload is taken up at once (and is ready before the first map)
})();

/* The overview map in the browser: turn the server's small payload (counts and status
 * codes, see layouts/figures.py map_payload) into a Patch of the figure. The geometry
 * never travels again after the page is built. Words, palettes and names come from the
 * map config (map_client_config), sent once with the page. */
(function () {
  "use strict";

  function fmtPct(x, digits) {
    return (x * 100).toFixed(digits === undefined ? 1 : digits) + "%";
  }
  function fmtInt(x) {
    return Math.round(x).toLocaleString("en-US");
  }

  function discreteScale(colours) {
    var out = [], n = colours.length;
    colours.forEach(function (c, k) { out.push([k / n, c]); out.push([(k + 1) / n, c]); });
    return out;
  }

  // Progress is drawn in classes: z is the class index, -1 for no data, the last class
  // only for places whose status is "achieved", so the legend has equal steps.
  function progressClass(progress, breaks, achieved) {
    if (achieved) { return breaks.length + 1; }
    var k = 0;
    while (k < breaks.length && progress >= breaks[k]) { k++; }
    return k;
  }
  function classLabels(breaks, w) {
    var labels = ["< " + fmtPct(breaks[0], 0)];
    for (var k = 1; k < breaks.length; k++) { labels.push(fmtPct(breaks[k - 1], 0) + "–" + fmtPct(breaks[k], 0)); }
    labels.push(fmtPct(breaks[breaks.length - 1], 0) + "–100%");
    labels.push(w.achieved);
    return labels;
  }

  // A grey step below zero for places with no data, then the continuous scale.
  function withNoData(scale, grey) {
    var gap = 1 / 11, out = [[0, grey], [gap, grey]];
    scale.forEach(function (s) { out.push([gap + s[0] * (1 - gap), s[1]]); });
    return out;
  }

  function sameArray(a, b) {
    if (!a || !b || a.length !== b.length) { return false; }
    for (var k = 0; k < a.length; k++) { if (a[k] !== b[k]) { return false; } }
    return true;
  }

  function update(p, cfg, fig) {
    var nu = window.dash_clientside.no_update;
    if (!p || !cfg) { return nu; }
    var places = cfg[p.level], n = places.codes.length, w = cfg.words;
    var colon = cfg.lang === "zh" ? "：" : ": ";
    var noData = cfg.statuses.indexOf("no_data");
    var values = [], z = [], custom = [], i, maxValue = 0, total = 0;
    for (i = 0; i < n; i++) {
      var num = p.num[i], den = p.den ? p.den[i] : null, v = null;
      if (num !== null && num !== undefined) {
        v = p.den ? (den > 0 ? num / den : null) : num;
      }
      values.push(v);
      if (v !== null) { maxValue = Math.max(maxValue, v); }
      if (p.unit === "count" && v !== null) { total += v; }
    }
    var zmin = -1 / 10, zmax = 1, scale, showscale = true, title = "", ticks = null;
    for (i = 0; i < n; i++) {
      var v2 = values[i], s = parseInt(p.st.charAt(i), 10);
      var missing = v2 === null || s === noData;
      if (p.mode === "status") {
        z.push(s);
      } else if (p.target !== null) {
        z.push(missing ? -1 : progressClass(v2 / p.target, cfg.progressBreaks, cfg.statuses[s] === "achieved"));
      } else {
        z.push(missing ? -0.05 * (maxValue || 1) : v2);
      }
      var valueText = missing ? w.none : (p.unit === "count" ? fmtInt(v2)
        : (p.unit === "yes_no" ? (v2 >= 0.5 ? w.yes : w.no) : fmtPct(v2)));
      if (!missing && p.unit === "count" && p.target === null && total > 0) {
        valueText += "（" + w.share + " " + fmtPct(v2 / total) + "）";
      }
      var countsText = missing ? w.none : (p.den ? fmtInt(p.num[i]) + " / " + fmtInt(p.den[i]) : fmtInt(p.num[i]));
      var statusText = cfg.statuses[s] === "no_target" && p.unit === "count" ? w.no_local_target : cfg.statusNames[s];
      custom.push([places.names[i], valueText, p.targetText, countsText, statusText]);
    }
    if (p.mode === "status") {
      scale = discreteScale(cfg.statusColours);
      zmin = -0.5; zmax = cfg.statuses.length - 0.5; showscale = false;
    } else if (p.target !== null) {
      scale = discreteScale([cfg.statusColours[noData]].concat(cfg.progressColours));
      zmin = -1.5; zmax = cfg.progressColours.length - 0.5;
      title = w.progress_title;
      var tv = [], tt = [w.none].concat(classLabels(cfg.progressBreaks, w));
      for (i = -1; i < cfg.progressColours.length; i++) { tv.push(i); }
      ticks = {tickvals: tv, ticktext: tt};
    } else {
      scale = withNoData(cfg.valueScale, cfg.statusColours[noData]);
      zmax = maxValue || 1; zmin = -0.1 * zmax;
      title = p.unit === "count" ? w.count_title : w.value_title;
      var step = zmax / 4, vals = [-0.05 * zmax], txt = [w.none];
      for (i = 0; i <= 4; i++) {
        vals.push(step * i);
        txt.push(p.unit === "count" ? fmtInt(step * i) : fmtPct(step * i, 0));
      }
      ticks = {tickvals: vals, ticktext: txt};
    }
    // Zoomed into a city at county level, only its counties are drawn; the other cities
    // lie underneath in grey, as context.
    var zoomed = Boolean(p.city && p.level === "county"), idx = [];
    for (i = 0; i < n; i++) { if (!zoomed || places.parent[i] === p.city) { idx.push(i); } }
    function pick(arr) { return idx.map(function (k) { return arr[k]; }); }

    var hover = "<b>%{customdata[0]}</b><br>" + w.value + colon + "%{customdata[1]}<br>" +
      w.target + colon + "%{customdata[2]}<br>" + w.counts + colon + "%{customdata[3]}<br>" +
      w.status + colon + "%{customdata[4]}<extra></extra>";
    var lineWidth = [], lineColour = [];
    for (i = 0; i < n; i++) {
      var selected = places.codes[i] === p.county || (p.level === "city" && places.codes[i] === p.city);
      lineWidth.push(selected ? 3.5 : (p.level === "county" ? 0.7 : 1.4));
      lineColour.push(selected ? "#111111" : "#ffffff");
    }
    var active = p.level === "county" ? 0 : 1, other = 1 - active;
    var colorbar = {title: {text: title, side: "right", font: {size: 14}}, thickness: 14, len: 0.6,
                    x: 1.0, xanchor: "right", y: 0.5, tickfont: {size: 13}, outlinewidth: 0,
                    bgcolor: "rgba(255,255,255,0.7)"};
    if (ticks) { colorbar.tickvals = ticks.tickvals; colorbar.ticktext = ticks.ticktext; }

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
    patch.assign(["data", active, "colorscale"], scale);
    patch.assign(["data", active, "showscale"], showscale);
    patch.assign(["data", active, "colorbar"], colorbar);
    patch.assign(["data", active, "customdata"], pick(custom));
    patch.assign(["data", active, "hovertemplate"], hover);
    patch.assign(["data", active, "hoverinfo"], null);
    assignArray(["data", active, "marker", "line", "width"], pick(lineWidth));
    assignArray(["data", active, "marker", "line", "color"], pick(lineColour));
    if (zoomed) {
      // The city trace becomes the grey surroundings, see-through over the chosen city.
      var cities = cfg.city;
      patch.assign(["data", 1, "visible"], true);
      assignArray(["data", 1, "locations"], cities.codes);
      assignArray(["data", 1, "z"], cities.codes.map(function (c) { return c === p.city ? 1 : 0; }));
      patch.assign(["data", 1, "zmin"], 0);
      patch.assign(["data", 1, "zmax"], 1);
      patch.assign(["data", 1, "colorscale"], [[0, "#e9edf1"], [0.5, "#e9edf1"], [0.5, "rgba(0,0,0,0)"],
                                               [1, "rgba(0,0,0,0)"]]);
      patch.assign(["data", 1, "showscale"], false);
      patch.assign(["data", 1, "hoverinfo"], "skip");
      patch.assign(["data", 1, "hovertemplate"], null);
      assignArray(["data", 1, "marker", "line", "width"],
                  cities.codes.map(function (c) { return c === p.city ? 2 : 1; }));
      assignArray(["data", 1, "marker", "line", "color"],
                  cities.codes.map(function (c) { return c === p.city ? "#16324f" : "#ffffff"; }));
    } else {
      patch.assign(["data", other, "visible"], false);
      patch.assign(["data", other, "showscale"], false);
    }
    assignArray(["data", 2, "lon"], keep.map(function (k) { return lab.lon[k]; }));
    assignArray(["data", 2, "lat"], keep.map(function (k) { return lab.lat[k]; }));
    assignArray(["data", 2, "text"], keep.map(function (k) { return lab.names[k]; }));
    patch.assign(["data", 2, "textfont", "size"], zoomed ? 14 : 15);
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
    // For tests and timing: what the map shows now.
    patch.assign(["layout", "meta"], {ind: p.ind, year: p.year, level: p.level, city: p.city, county: p.county,
                                      mode: p.mode, st: p.st});
    return patch.build();
  }

  // The map's patch, and a token of the view for the panels to follow. On the page's
  // first colouring the panels are already drawn by the server, so no token then.
  function updateAndSignal(p, cfg, fig) {
    var nu = window.dash_clientside.no_update;
    var first = !(fig && fig.layout && fig.layout.meta);
    var token = p && !first ? [p.ind, p.year, p.level, p.city, p.county, p.mode].join("|") : nu;
    return [update(p, cfg, fig), token];
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    overviewMap: {update: update, updateAndSignal: updateAndSignal}
  });
})();

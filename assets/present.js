/* Presentation mode in the browser: fit the 1920x1080 stage to the screen (letterboxed),
 * step through the slides with the keys a presentation clicker sends, advance on a timer
 * with a visible progress line, pause, and full screen. Nothing here asks the server. */
(function () {
  "use strict";
  var STAGE_W = 1920, STAGE_H = 1080, IDLE_MS = 2000;
  var current = null;

  function fit(s) {
    var scale = Math.min(window.innerWidth / STAGE_W, window.innerHeight / STAGE_H);
    var dx = (window.innerWidth - STAGE_W * scale) / 2, dy = (window.innerHeight - STAGE_H * scale) / 2;
    s.stage.style.transform = "translate(" + dx + "px, " + dy + "px) scale(" + scale + ")";
  }

  function show(s, index) {
    var n = s.slides.length;
    s.index = ((index % n) + n) % n;
    s.slides.forEach(function (slide, i) { slide.classList.toggle("active", i === s.index); });
    s.number.textContent = (s.index + 1) + " / " + n;
    s.stage.setAttribute("data-slide", String(s.index + 1));
    // #slide-3 in the address: a reload (or a link) opens the same slide.
    window.history.replaceState(window.history.state, "", "#slide-" + (s.index + 1));
    s.elapsed = 0;
    s.last = performance.now();
    paint(s);
  }

  function paint(s) {
    s.progress.style.width = Math.min(100, 100 * s.elapsed / s.interval) + "%";
    s.status.textContent = s.paused ? s.pausedLabel : "";
    s.stage.classList.toggle("paused", s.paused);
  }

  function tick(s) {
    return function (now) {
      if (current !== s) { return; }
      if (!s.paused) {
        s.elapsed += now - s.last;
        if (s.elapsed >= s.interval) { show(s, s.index + 1); } else { paint(s); }
      }
      s.last = now;
      window.requestAnimationFrame(tick(s));
    };
  }

  function onKey(event) {
    var s = current;
    if (!s || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var key = event.key;
    if (key === "ArrowRight" || key === "PageDown") { show(s, s.index + 1); }
    else if (key === "ArrowLeft" || key === "PageUp") { show(s, s.index - 1); }
    else if (key === " " || key === "Spacebar") { s.paused = !s.paused; s.last = performance.now(); paint(s); }
    else if (key === "f" || key === "F") {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (s.root.requestFullscreen) { s.root.requestFullscreen().catch(function () {}); }
    } else if (key === "Escape") {
      // Esc first leaves full screen (the browser does that); outside it, leaves the presentation.
      if (!document.fullscreenElement && s.leave) { window.location.assign(s.leave); }
      return;
    } else { return; }
    event.preventDefault();
  }

  function setup(stage) {
    stage.__ready = true;
    var parts = stage.dataset, root = document.getElementById(parts.rootId);
    var s = {
      stage: stage, root: root, slides: Array.prototype.slice.call(stage.querySelectorAll(".slide")),
      number: document.getElementById(parts.numberId), progress: document.getElementById(parts.progressId),
      status: document.getElementById(parts.stateId), interval: 1000 * Number(stage.dataset.interval || 20),
      leave: stage.dataset.leave, pausedLabel: stage.dataset.pausedLabel || "", paused: false, index: 0,
      elapsed: 0, last: performance.now(), idleTimer: null
    };
    current = s;
    s.onResize = function () { fit(s); };
    s.onMove = function () {
      root.classList.remove("idle");
      window.clearTimeout(s.idleTimer);
      s.idleTimer = window.setTimeout(function () { root.classList.add("idle"); }, IDLE_MS);
    };
    window.addEventListener("resize", s.onResize);
    document.addEventListener("fullscreenchange", s.onResize);
    document.addEventListener("mousemove", s.onMove);
    document.addEventListener("keydown", onKey);
    document.body.classList.add("presenting");
    fit(s);
    var fromLink = /^#slide-(\d+)$/.exec(window.location.hash);
    show(s, fromLink ? Number(fromLink[1]) - 1 : 0);
    s.onMove();
    window.requestAnimationFrame(tick(s));
  }

  function teardown() {
    var s = current;
    current = null;
    window.removeEventListener("resize", s.onResize);
    document.removeEventListener("fullscreenchange", s.onResize);
    document.removeEventListener("mousemove", s.onMove);
    document.removeEventListener("keydown", onKey);
    document.body.classList.remove("presenting");
  }

  // The stage arrives when Dash draws the page; it leaves when the page changes. It names the
  // ids of its parts (layouts/ids.py), so this script spells none of them.
  window.setInterval(function () {
    var stage = document.querySelector(".stage[data-root-id]");
    if (current && (!stage || stage !== current.stage)) { teardown(); }
    if (stage && !stage.__ready) { setup(stage); }
  }, 100);
})();

/* Presentation mode in the browser: fit the 1920x1080 stage to the screen (letterboxed),
 * step through the slides with the keys a presentation clicker sends or the stage's buttons
 * (mouse, touch, keyboard), advance on a timer with a visible progress line, pause, and full
 * screen; a polite live region says which slide is shown and when the timer is paused or
 * resumed. Nothing here asks the server. */
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
    announce(s, s.announceSlide.replace("{n}", String(s.index + 1)).replace("{total}", String(n))
      .replace("{title}", s.slides[s.index].getAttribute("data-title") || ""));
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
    if (s.pauseButton) {
      var text = s.pauseButton.querySelector(".stage-pause-text"), icon = s.pauseButton.querySelector(".stage-pause-icon");
      var label = s.paused ? s.resumeLabel : s.pauseLabel;
      if (text && text.textContent !== label) { text.textContent = label; }
      if (icon) { icon.textContent = s.paused ? "\u25B6" : "\u275A\u275A"; }
    }
  }

  // The live region's text; the same words twice in a row are set anew, so they are read again.
  function announce(s, text) {
    if (!s.announcer) { return; }
    s.announcer.textContent = s.announcer.textContent === text ? text + "\u00A0" : text;
  }

  function togglePause(s) {
    s.paused = !s.paused;
    s.last = performance.now();
    paint(s);
    announce(s, s.paused ? s.announcePaused : s.announceResumed);
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
    // Space and Enter on a focused button or link press it (the pause button pauses).
    var control = event.target.closest ? event.target.closest("button, a, input, select, textarea") : null;
    if (control && (key === " " || key === "Spacebar" || key === "Enter")) { return; }
    if (key === "ArrowRight" || key === "PageDown") { show(s, s.index + 1); }
    else if (key === "ArrowLeft" || key === "PageUp") { show(s, s.index - 1); }
    else if (key === " " || key === "Spacebar") { togglePause(s); }
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
      elapsed: 0, last: performance.now(), idleTimer: null,
      previousButton: document.getElementById(parts.previousId), nextButton: document.getElementById(parts.nextId),
      pauseButton: document.getElementById(parts.pauseId), announcer: document.getElementById(parts.announceId),
      announceSlide: parts.announce || "{n} / {total}: {title}", announcePaused: parts.announcePaused || "",
      announceResumed: parts.announceResumed || "", pauseLabel: parts.pauseLabel || "",
      resumeLabel: parts.resumeLabel || ""
    };
    // The buttons, for a mouse, a touch screen or the keyboard: what the keys do.
    if (s.previousButton) { s.previousButton.addEventListener("click", function () { show(s, s.index - 1); }); }
    if (s.nextButton) { s.nextButton.addEventListener("click", function () { show(s, s.index + 1); }); }
    if (s.pauseButton) { s.pauseButton.addEventListener("click", function () { togglePause(s); }); }
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

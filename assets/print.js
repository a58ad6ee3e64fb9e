/* Charts printed to the page's width (assets/print.css): before the print, the "printing" class
 * gives the page its printed layout and each plotly chart is redrawn to its box; after it, the
 * screen's layout comes back and the charts with it. Nothing is sent anywhere. */
(function () {
    "use strict";
    function redraw() {
        if (!window.Plotly || !window.Plotly.Plots) {
            return;
        }
        document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
            try {
                window.Plotly.Plots.resize(gd);
            } catch (e) { /* a chart still being drawn is redrawn with the page */ }
        });
    }
    window.addEventListener("beforeprint", function () {
        document.documentElement.classList.add("printing");
        redraw();
    });
    window.addEventListener("afterprint", function () {
        document.documentElement.classList.remove("printing");
        redraw();
    });
    if (window.matchMedia) {  // Safari and older Chrome tell of the print by the media query only
        var query = window.matchMedia("print");
        var listen = query.addEventListener ? function (f) { query.addEventListener("change", f); }
            : function (f) { query.addListener(f); };
        listen(function (event) {
            document.documentElement.classList.toggle("printing", event.matches);
            redraw();
        });
    }
}());

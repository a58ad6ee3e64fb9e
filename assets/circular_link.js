/* The overview's "draft circular" link (layouts/overview.py) names the year the page was drawn
 * for; the year then changes in the browser (the URL's ?year=), so the link takes the year from
 * the address whenever it is about to be used: pointed at, focused or clicked. */
(function () {
    "use strict";
    function follow(event) {
        var link = event.target && event.target.closest ? event.target.closest("a.circular-link") : null;
        if (!link) {
            return;
        }
        var year = new URLSearchParams(window.location.search).get("year");
        if (!year || !/^\d{4}$/.test(year)) {
            return;
        }
        var url = new URL(link.getAttribute("href"), window.location.href);
        url.searchParams.set("year", year);
        link.setAttribute("href", url.pathname + url.search);
    }
    ["mouseover", "focusin", "click", "auxclick", "contextmenu"].forEach(function (name) {
        document.addEventListener(name, follow, true);
    });
}());

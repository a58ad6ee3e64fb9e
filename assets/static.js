/* Static (layouts/static.py): a tree of plain HTML drawn from its data as one Dash component.
 * A node is a string, or [tag, props, child, ...] (tag "" for a fragment); props with "link"
 * true make an <a> a link
 * inside the app, followed as dcc.Link follows one (history.pushState, then the event that
 * Dash's dcc.Location listens for; a modified click, or another target, is left to the
 * browser). */
(function () {
  "use strict";
  var React = window.React, e = React.createElement;

  function follow(event) {
    var a = event.currentTarget;
    if (event.metaKey || event.shiftKey || event.altKey || event.ctrlKey || event.button !== 0) { return; }
    if (a.target && a.target !== "_self") { return; }
    event.preventDefault();
    window.history.pushState({}, "", a.getAttribute("href"));
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
  }

  function draw(node, key) {
    if (!Array.isArray(node)) { return node; }
    if (node[0] === "") { return e.apply(null, [React.Fragment, {key: key}].concat(node.slice(2).map(draw))); }
    var props = Object.assign({key: key}, node[1]);
    if (props.link) { delete props.link; props.onClick = follow; }
    var children = [];
    for (var i = 2; i < node.length; i++) { children.push(draw(node[i], i)); }
    return e.apply(null, [node[0], props].concat(children));
  }

  function Static(props) {
    return draw(props.tree, 0);
  }

  window.dashboard_components = Object.assign({}, window.dashboard_components, {Static: Static});
})();

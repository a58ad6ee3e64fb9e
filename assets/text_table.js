/* TextTable (layouts/text_table.py): a read-only table of texts drawn from its data in one
 * component. A chart's text alternative made of html.Table/Tr/Th/Td was one Dash component per
 * cell (the county map's: about 600), and Dash's renderer makes each newly drawn component
 * notify every component on the page, so that redrawing it held the page for 1-1.5 s after each
 * year change. Columns head their column; the first cell of each row heads its row. */
(function () {
  "use strict";
  var e = window.React.createElement;

  function TextTable(props) {
    var columns = props.columns || [], rows = props.rows || [];
    return e("table", {id: props.id, className: props.className},
      props.caption ? e("caption", null, props.caption) : null,
      e("thead", null, e("tr", null, columns.map(function (c, i) {
        return e("th", {key: i, scope: "col"}, c);
      }))),
      e("tbody", null, rows.map(function (row, i) {
        return e("tr", {key: i}, row.map(function (c, j) {
          return j === 0 ? e("th", {key: j, scope: "row"}, c) : e("td", {key: j}, c);
        }));
      })));
  }

  window.dashboard_components = Object.assign({}, window.dashboard_components, {TextTable: TextTable});
})();

// A partial plotly.js with only what the dashboard draws: choropleth and scattergeo maps,
// bar charts and line charts (scatter is in core), plus the Chinese locale.
var Plotly = require('plotly.js/lib/core');
Plotly.register([
  require('plotly.js/lib/bar'),
  require('plotly.js/lib/scattergeo'),
  require('plotly.js/lib/choropleth'),
  require('plotly.js/lib/locales/zh-cn'),
]);
window.Plotly = Plotly;

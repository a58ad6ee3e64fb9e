"""The dashboard's figures, pure functions tested without a browser: style (palettes and the
plotly template), overview_map (the overview map and its contract with assets/map.js), maps
(maps built on the server) and charts."""

"""Component ids, each defined once and imported wherever it is used."""

COUNTY_MAP = "county-map"
CITY_MAP = "city-map"
SIMULATED_BADGE = "simulated-badge"

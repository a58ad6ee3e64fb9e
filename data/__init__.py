"""Data: divisions, the indicator catalogue, the store and the queries the app asks."""

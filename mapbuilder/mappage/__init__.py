"""The map page: the folium map, its project layer and its assets."""

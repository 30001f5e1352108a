"""What a browser gets: the Folium map, URL state, sharing, exports."""

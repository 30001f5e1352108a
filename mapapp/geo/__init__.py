"""Places and dates: the gazetteer, the geoparser, event dates, geocoders."""

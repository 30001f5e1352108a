"""What a browser gets: the Folium map (``mapview`` over ``assets``, ``markers``, ``popups``,
``attribution``, ``escape``; behaviour and look in ``mapapp/static/mapapp``), URL state
(``view``), sharing (``share``, ``snapshots``, ``standalone``, ``png``), exports (``export``)."""

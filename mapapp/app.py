"""The script ``streamlit run`` runs (``mapapp serve``); the page itself is ``mapapp.ui.app``.

It sits at the package's top because Streamlit serves the ``static/`` folder beside the script it
runs, and ``mapapp/static`` holds the map's Leaflet, JavaScript and CSS. ``mapapp`` must be
importable: installed, or on ``PYTHONPATH`` (``mapapp serve`` sets it).
"""

from mapapp.ui.app import main

main()

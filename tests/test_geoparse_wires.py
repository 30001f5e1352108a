"""Short wire items from many outlets (a title-case headline, one or two sentences): a person named
like a village, a compass point's initial, a headline's verbs and a brand before a place, a stock
ticker, a race track and a tournament named after their town."""

from __future__ import annotations

from mapapp.geo.geoparse import NOT_MAPPED

from factories import mapped


def test_a_first_name_and_a_surname_are_a_person_not_the_village_named_after_one(parser):
    text = "ST. LOUIS (Reuters) - Pedro Martinez pitched seven shutout innings. Martinez struck out six."
    assert [m for m in mapped(parser, text) if "Martinez" in m[0]] == []
    # the text putting the name somewhere makes it the village
    placed = "Floods reached the village of Pedro Martinez, near Granada, on Monday."
    assert ("Pedro Martinez", "Pedro Martínez", "ES") in mapped(parser, placed)


def test_a_compass_points_initial_belongs_to_the_name(parser):
    assert ("N. Korea", "North Korea", "KP") in mapped(parser, "Powell presses N. Korea on weapons talks.")
    assert ("N.Korea", "North Korea", "KP") in mapped(parser, "U.S. says N.Korea blast probably not nuclear.")
    assert ("N. Ireland", "Northern Ireland", "GB") in mapped(parser, "Blair, Paisley confer on N. Ireland.")
    assert ("S. Africa", "South Africa", "ZA") in mapped(parser, "Rain fell across S. Africa on Monday.")
    # a person's middle initial stays an initial
    assert mapped(parser, "George W. Bush met John N. Smith.") == []


def test_a_title_case_headline_opening_the_text_is_read_as_a_headline(parser):
    text = "Powell Urges North Korea on Weapons Talks\n\nUS Secretary of State Colin Powell met leaders."
    assert ("North Korea", "North Korea", "KP") in mapped(parser, text)
    # a brand no word list knows before the place is still a brand's name
    brand = "Google Woos Froogle UK Shoppers\n\nThe service opened on Tuesday."
    assert [m for m in mapped(parser, brand) if m[0] == "UK"] == []


def test_a_headlines_ordinary_words_are_no_small_towns(parser):
    assert mapped(parser, "MP3 Portable Market to Hit $52B by 2008\n\nApple faces competition.") == []
    text = "Cleric Returns to Broker Najaf Peace Deal\n\nNAJAF, Iraq - The cleric returned on Wednesday."
    names = [m[0] for m in mapped(parser, text)]
    assert "Deal" not in names and "NAJAF" in names


def test_a_stock_tickers_exchange_is_no_country(parser):
    text = "WELLINGTON (Dow Jones)--Air New Zealand Ltd. (AIR.NZ) said Wednesday it expects a drop in profit."
    assert [m for m in mapped(parser, text) if m[0] == "NZ"] == []
    assert ("NZ", "New Zealand", "NZ") in mapped(parser, "Flights from the UK to NZ resumed on Monday.")


def test_a_speedway_and_a_tournament_named_after_their_towns(parser):
    text = "Fans cheered before the race at Martinsville Speedway in Martinsville, Va., on Sunday."
    assert [m for m in mapped(parser, text) if m[0] == "Martinsville"] == [("Martinsville", "Martinsville", "US")]
    va = [t for t in parser.parse(text) if t.name == "Martinsville" and t.reason not in NOT_MAPPED]
    assert va[0].place.admin1 == "Virginia" and va[0].start == text.index("in Martinsville") + 3
    golf = "Brent Geiberger won the Chrysler Classic of Greensboro on Sunday."
    assert [m for m in mapped(parser, golf) if m[0] == "Greensboro"] == []


def test_firms_and_teams_of_the_wires_whose_names_hold_a_place(parser):
    text = (
        "America Online is launching a shopping service. Petro-Canada shares fell. "
        "Fresno State upset Kansas State, and the Baltimore Orioles held the Tampa Bay Devil Rays to two hits "
        "while Chicago beat the Montreal Expos."
    )
    names = [m[0] for m in mapped(parser, text)]
    for inside in ("America", "Canada", "Fresno", "Kansas", "Tampa Bay", "Montreal"):
        assert inside not in names, inside
    # "St." for "State" after a state's name is the university's team too
    assert [m for m in mapped(parser, "Michigan St. beat Iowa 24-3 on Saturday.") if m[0] == "Michigan"] == []
    # the places themselves stay places
    assert ("Fresno", "Fresno", "US") in mapped(parser, "Fires burned near Fresno on Monday.")
    assert ("Michigan", "Michigan", "US") in mapped(parser, "Snow fell in Michigan. He flew to St. Louis.")


def test_an_island_off_california_and_a_golf_course_named_after_a_city(parser):
    text = "A fox is back from the brink of extinction on Santa Catalina Island, the group said."
    assert ("Santa Catalina Island", "Santa Catalina Island", "US") in mapped(parser, text)
    golf = "Daly will play in the Deutsche Bank Championship at TPC of Boston in Norton."
    assert [m for m in mapped(parser, golf) if m[0] == "Boston"] == []


def test_a_dateline_with_a_wires_double_hyphen_names_the_famous_city(parser):
    text = (
        "3 US boxers punched out of Games\n\nAthens -- Vanes Martirosyan became the second American to bow "
        "out of the Olympic boxing tournament, his coach said in Texas."
    )
    athens = [m for m in mapped(parser, text) if m[0] == "Athens"]
    assert athens == [("Athens", "Athens", "GR")]


def test_a_storm_a_team_and_a_university_named_like_towns(parser):
    text = (
        "President Bush will survey damage from Hurricane Frances. The Cleveland Indians beat the "
        "Minnesota Twins, and Notre Dame avenged an opening loss to Brigham Young."
    )
    names = [m[0] for m in mapped(parser, text)]
    for inside in ("Hurricane", "Cleveland", "Brigham"):
        assert inside not in names, inside
    towns = [m[0] for m in mapped(parser, "Floods hit Hurricane, Utah, and Cleveland, Ohio.")]
    assert "Hurricane" in towns and "Cleveland" in towns


def test_a_big_citys_hamlet_namesake_needs_more_than_the_storys_state(parser):
    # the Orioles' city puts Maryland in the story, and Oakland, Maryland has 1,875 people: the A's
    text = "Oakland's Durazo Piles on Misery for Baltimore\n\nErubiel Durazo drove in four runs on Monday."
    assert ("Oakland", "Oakland", "US") in mapped(parser, text)
    oak = [t for t in parser.parse(text) if t.name == "Oakland" and t.reason not in NOT_MAPPED]
    assert oak[0].place.admin1 == "California"
    # places near the hamlet still place it: Elida is eight miles from Rockford, Ohio
    local = "Winners were Kaitlin Craig of Elida, Ohio, and Devon Stansbury of Rockford."
    rock = [t for t in parser.parse(local) if t.name == "Rockford" and t.reason not in NOT_MAPPED]
    assert rock and rock[0].place.admin1 == "Ohio"


def test_people_characters_and_a_fault_whose_names_hold_a_place(parser):
    for text in (
        "Red Sox say goodbye to Pedro Martinez\n\nPedro Martinez closed in on a deal with the Mets.",
        "US astronaut Leroy Chiao will leave the station on Monday.",
        "Chiefs quarterback Trent Green is expected to start.",
        "Animation once meant Mickey Mouse and Winnie the Pooh.",
        "No Sign of El Nino for Now\n\nSea temperatures show no sign of El Nino weather.",
        "Seismologists study tremors deep under the San Andreas Fault.",
        "Mary Ann Daher of Woods Hole Oceanographic Institution said the whale was old.",
        "Westwood took the lead in the Sun City Golf Challenge on Saturday.",
    ):
        assert [m for m in mapped(parser, text) if m[1] not in ("United States",)] == [], text
    # a move to the village still places it
    moved = "They moved to Pedro Martinez, a village near Granada, in 1990."
    assert ("Pedro Martinez", "Pedro Martínez", "ES") in mapped(parser, moved)


def test_a_language_a_rocket_and_a_ship_named_like_places(parser):
    for text in (
        "Sun ships Java upgrade\n\nSun released Java 2 Platform Standard Edition this week.",
        "Boeing's new heavy-lift Delta 4 rocket must wait a further week.",
        "A court jailed five for the bombing of the French supertanker Limburg.",
    ):
        assert mapped(parser, text) == [], text
    assert ("Java", "Java", "ID") in mapped(parser, "Tourists flocked to Java and Bali in 2004.")


def test_a_derby_a_rally_a_cosmodrome_and_a_tour_named_after_places(parser):
    for text in (
        "Everton beat Liverpool 1-0 in the 200th Merseyside Derby on Saturday.",
        "The Spaniard was forced out of the Rally of Australia.",
        "The crew lifted off from the Baikonur cosmodrome on Thursday.",
        "His goal for 2005 is to win the Masters and US PGA titles.",
    ):
        assert [m for m in mapped(parser, text) if m[0] in ("Derby", "Australia", "Baikonur", "US")] == [], text
    assert ("Derby", "Derby", "GB") in mapped(parser, "Rolls-Royce cut 300 jobs in Derby, England, on Monday.")


def test_firms_rates_and_campuses_of_the_business_pages(parser):
    for text in (
        "Niagara Mohawk has a 41 pct interest, while Rochester Gas owns 14 pct.",
        "The Bundesbank's cuts in the discount and Lombard rates in January.",
        "The complaint was filed by the Florida Citrus Mutual on Monday.",
        "PalmSource Embraces Linux with China MobileSoft Acquisition",
        "Paul Bergstresser of the University of Texas told the meeting.",
    ):
        assert mapped(parser, text) == [], text
    # a surname's inner capital is no brand's: the governor's state stays on the map
    assert ("Florida", "Florida", "US") in mapped(parser, "He spoke with Florida Governor Ron DeSantis on Monday.")


def test_exchanges_rates_banks_and_a_delta_of_the_wires(parser):
    for text in (
        "The New York Stock Exchange sold 17 seats on the New York Futures Exchange.",
        "The notes pay 25 basis points over the London Interbank Offered Rate.",
        "The court ruled in favor of Suburban Bancorp of Bartlett on Monday.",
        "LLOYDS BANK CANADA 1ST QTR PROFIT RISES SHARPLY",
        "We now buy some products from Hitachi in dollars.",
        "The California Public Employees' Retirement System is tendering its shares.",
        "For some Australians, it's their Boston Tea Party.",
    ):
        assert mapped(parser, text) == [], text
    delta = mapped(parser, "Shell was handed a bill for damage in the Niger delta on Monday.")
    assert delta == [("Niger delta", "Niger Delta", "NG")]


def test_brokers_makes_parks_and_upstate_of_the_wires(parser):
    for text in (
        "First Albany lowered its stock price target for Intel on Monday.",
        "Prices of the Plymouth Gran Fury and Dodge Diplomat will remain unchanged.",
        "Sale of farm wheel tractors in February declined 26.7 pct.",
        "Bally bought the Great America theme park in May 1984.",
        "Team USA barely wins, but struggles not all players' fault",
        "The inspector general studied the Air Force Academy on Monday.",
    ):
        assert [
            m
            for m in mapped(parser, text)
            if m[0] in ("Albany", "Plymouth", "Sale", "America", "USA", "Air Force Academy")
        ] == [], text
    upstate = [
        t for t in parser.parse("Researchers will watch five upstate New York dairy herds.") if t.name == "New York"
    ]
    assert upstate and upstate[0].place.kind == "admin1"


def test_a_spaced_possessive_a_paper_a_crude_and_the_baja_coast(parser):
    prc = "Formula One made its debut in the People 's Republic of China today."
    assert [m[1] for m in mapped(parser, prc)] == ["China"]
    assert [m[1] for m in mapped(parser, "Smugglers use the Baja coast, officials said.")] == ["Baja California"]
    for text in ("The explosion killed 45, the official China Legal News reported.", "North Sea Brent rose 17 cents."):
        assert mapped(parser, text) == [], text


def test_a_county_in_lower_case_a_saints_spaced_possessive_a_mine_and_a_brands_arm(parser):
    court = "BOSTON, March 12 - The Massachusetts state court for Suffolk county granted the order."
    suffolk = [t for t in parser.parse(court) if t.name == "Suffolk county"]
    assert suffolk and suffolk[0].place.admin1 == "Massachusetts"
    grenada = "ST. GEORGE 'S, Grenada - Hurricane Ivan took aim at Jamaica."
    assert ("ST. GEORGE 'S", "Saint George's", "GD") in mapped(parser, grenada)
    for text in ("Workers began a sit-in at the Grootvlei gold mine.", "Sony Europe has launched two MP3 players."):
        assert mapped(parser, text) == [], text
    # a state before "county" stays the state; a bare possessive stays the country's
    assert ("Maryland", "Maryland", "US") in mapped(parser, "Physicians in a northwest Maryland county halted surgery.")
    assert ("France", "France", "FR") in mapped(parser, "LOS ANGELES : France 's Amelie Mauresmo won.")

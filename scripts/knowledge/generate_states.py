#!/usr/bin/env python3
"""Generates Sources/SeedwatchCore/Resources/Knowledge/states.json: the names of every ISO 3166-1
state in en, es, pt, fr, de, it, ru, ko, zh and ja, from maintained datasets (no name is typed here).

Sources, read where Debian installs them:
  - CLDR territory display names (package unicode-cldr-core):
    /usr/share/unicode/cldr/common/main/<locale>.xml, //localeDisplayNames/territories/territory,
    including the alt="short" and alt="variant" forms ("North Korea", "UK", "Ivory Coast");
    regional locales that rename states (pt_PT, es_419, zh_Hant) are read too.
  - ISO 3166-1 (package iso-codes): /usr/share/iso-codes/json/iso_3166-1.json (the list of codes,
    English name, common name, official name) and its translations
    /usr/share/locale/<locale>/LC_MESSAGES/iso_3166-1.mo.

The iso-codes names written in inverted order ("Korea, Republic of", "Virgin Islands, British")
are left out: articles never write them so. CLDR's names are kept as they are.

Usage (stdlib only; CI does not run it, the output is committed):
  apt-get install unicode-cldr-core iso-codes
  python3 scripts/knowledge/generate_states.py [--out PATH]
"""
import argparse
import gettext
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

CLDR_MAIN = "/usr/share/unicode/cldr/common/main"
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
LOCALE_DIR = "/usr/share/locale"

# language -> CLDR locales (base first) and iso-codes message catalogues
LANGUAGES = {
    "en": (["en"], []),
    "es": (["es", "es_419"], ["es"]),
    "pt": (["pt", "pt_PT"], ["pt", "pt_BR", "pt_PT"]),
    "fr": (["fr"], ["fr"]),
    "de": (["de"], ["de"]),
    "it": (["it"], ["it"]),
    "ru": (["ru"], ["ru"]),
    "ko": (["ko"], ["ko"]),
    "zh": (["zh", "zh_Hant"], ["zh_CN", "zh_TW"]),
    "ja": (["ja"], ["ja"]),
}


def package_version(name):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True, text=True, check=True)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def cldr_names(locale):
    """{code: [default name, alt names...]} of one CLDR locale file (only what it defines)."""
    path = os.path.join(CLDR_MAIN, locale + ".xml")
    if not os.path.exists(path):
        sys.exit(f"generate_states: {path} is missing (apt-get install unicode-cldr-core)")
    root = ET.parse(path).getroot()
    names = {}
    for t in root.iterfind("./localeDisplayNames/territories/territory"):
        code, alt, text = t.get("type"), t.get("alt"), (t.text or "").strip()
        if not text:
            continue
        entry = names.setdefault(code, {"default": None, "alt": []})
        if alt is None:
            entry["default"] = text
        else:
            entry["alt"].append(text)
    return names


def add(names, name, inverted_possible=False):
    if not name or (inverted_possible and "," in name):
        return
    if name not in names:
        names.append(name)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(here, "..", "..", "Sources", "SeedwatchCore", "Resources", "Knowledge", "states.json")
    parser.add_argument("--out", default=os.path.normpath(default_out))
    args = parser.parse_args()

    with open(ISO_JSON, encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    cldr = {loc: cldr_names(loc) for locs, _ in LANGUAGES.values() for loc in locs}
    catalogues = {}
    for lang, (_, mos) in LANGUAGES.items():
        catalogues[lang] = []
        for loc in mos:
            try:
                catalogues[lang].append(gettext.translation("iso_3166-1", localedir=LOCALE_DIR, languages=[loc]))
            except OSError:
                sys.exit(f"generate_states: no iso_3166-1.mo for {loc} under {LOCALE_DIR} (apt-get install iso-codes)")

    states = {}
    for entry in sorted(iso, key=lambda e: e["alpha_2"]):
        code = entry["alpha_2"]
        english = [entry.get("common_name"), entry["name"], entry.get("official_name")]
        names = {}
        for lang, (locales, _) in LANGUAGES.items():
            out = []
            for loc in locales:  # CLDR: default name, then short and variant forms
                e = cldr[loc].get(code)
                if e:
                    add(out, e["default"])
                    for alt in e["alt"]:
                        add(out, alt)
            for src in english:  # iso-codes: common, ISO and official names, translated
                if not src:
                    continue
                if lang == "en":
                    add(out, src, inverted_possible=True)
                for cat in catalogues[lang]:
                    translated = cat.gettext(src)
                    if translated != src:
                        add(out, translated, inverted_possible=True)
            names[lang] = out
        states[code] = {"alpha3": entry["alpha_3"], "names": names}

    document = {
        "generated_by": "scripts/knowledge/generate_states.py",
        "sources": {
            "cldr": "unicode-cldr-core " + package_version("unicode-cldr-core"),
            "iso_codes": "iso-codes " + package_version("iso-codes"),
        },
        "languages": list(LANGUAGES),
        "states": states,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    # One state per line, so that a regeneration's diff reads state by state.
    header = {k: v for k, v in document.items() if k != "states"}
    lines = [json.dumps(header, ensure_ascii=False)[:-1] + ', "states": {']
    codes = list(states)
    for i, code in enumerate(codes):
        comma = "," if i + 1 < len(codes) else ""
        lines.append(json.dumps(code) + ": " + json.dumps(states[code], ensure_ascii=False) + comma)
    lines.append("}}")
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{args.out}: {len(states)} states, {len(LANGUAGES)} languages")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Compare each translated content page with its English source, structure only.

A translation may change every word a pupil reads, but not the shape a reviewer and
the app rely on: front matter keys, the fixed values (order, video, captions, poster,
helpline names, phones and web addresses), the number of transcript scenes and
helplines, and in the body the headings, list items, link targets and the numbers a
pupil may dial (999, 0800 1111 ...). Words are not checked; a fluent reader does that.

It also compares each locales/<code>/pupil.ftl with the English catalogue: the same
message keys, the same { $variables } in each message, a review line in the header,
and plural variants only from the language's CLDR categories (as the app's
intl_pluralrules data has them). The app's own check (src/i18n/check.rs) is the
authority; this one runs without building.

Usage: scripts/check-translations.py [--english PATH] [CODE ...]
With no codes, every language directory under content/ and locales/ is checked.
--english names the English catalogue (default locales/en-GB/pupil.ftl); with none
found, catalogues are not checked.
Exit status 1 on any mismatch or missing file, listing each one.
"""

import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
LOCALES = ROOT / "locales"
ENGLISH_CODE = "en-GB"
# CLDR cardinal categories as the app's plural rules give them (CLDR 37).
PLURALS = {
    "cy": {"zero", "one", "two", "few", "many", "other"},
    "ar": {"zero", "one", "two", "few", "many", "other"},
    "pl": {"one", "few", "many", "other"},
    "ro": {"one", "few", "other"},
}
DEFAULT_PLURALS = {"one", "other"}
CLDR_CATEGORIES = {"zero", "one", "two", "few", "many", "other"}
MESSAGE = re.compile(r"^([a-zA-Z][\w-]*)\s*=\s?(.*)$")
VARIABLE = re.compile(r"\{\s*\$([\w-]+)")
VARIANT = re.compile(r"^\s*\*?\[([\w-]+)\]")
ENGLISH_SECTIONS = ("topics", "pages")
FIXED_KEYS = ("order", "video", "captions", "poster")
FIXED_HELPLINE_KEYS = ("name", "phone", "url")
TRANSLATED_KEYS = ("title", "summary")

HEADING = re.compile(r"^(#{1,6})\s+\S")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S")
LINK = re.compile(r"\]\(([^)\s]+)\)")
# Runs of three or more Western digits, with the single spaces inside UK phone
# numbers kept, so "0800 1111" is one number and "999" another.
NUMBER = re.compile(r"(?<![\d])\d{3,}(?: \d{3,})*(?![\d])")
NON_WESTERN_DIGIT = re.compile(r"[০-৯٠-٩۰-۹੦-੯]")


def split_page(path):
    text = path.read_text(encoding="utf-8").lstrip("\ufeff")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "+++":
        raise ValueError("does not start with +++ front matter")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        raise ValueError("front matter has no closing +++") from None
    front = tomllib.loads("\n".join(lines[1:end]))
    body = lines[end + 1 :]
    return front, body


def body_shape(body):
    shape = {"headings": [], "list items": 0, "links": [], "numbers": Counter()}
    for line in body:
        heading = HEADING.match(line)
        if heading:
            shape["headings"].append(len(heading.group(1)))
        if LIST_ITEM.match(line):
            shape["list items"] += 1
        shape["links"].extend(LINK.findall(line))
        shape["numbers"].update(NUMBER.findall(line))
    return shape


def compare(english_path, translated_path):
    problems = []
    try:
        en_front, en_body = split_page(english_path)
    except (ValueError, tomllib.TOMLDecodeError) as error:
        return [f"English source unreadable: {error}"]
    try:
        tr_front, tr_body = split_page(translated_path)
    except (ValueError, tomllib.TOMLDecodeError) as error:
        return [f"unreadable: {error}"]

    if set(en_front) != set(tr_front):
        problems.append(
            f"front matter keys differ: missing {sorted(set(en_front) - set(tr_front))}, "
            f"extra {sorted(set(tr_front) - set(en_front))}"
        )
    for key in FIXED_KEYS:
        if en_front.get(key) != tr_front.get(key):
            problems.append(f"{key} is {tr_front.get(key)!r}, English has {en_front.get(key)!r}")
    for key in TRANSLATED_KEYS:
        if not str(tr_front.get(key, "")).strip():
            problems.append(f"{key} is empty")

    en_scenes, tr_scenes = en_front.get("transcript", []), tr_front.get("transcript", [])
    if len(en_scenes) != len(tr_scenes):
        problems.append(f"{len(tr_scenes)} transcript scenes, English has {len(en_scenes)}")
    for n, scene in enumerate(tr_scenes, 1):
        if set(scene) != {"slide", "say"}:
            problems.append(f"transcript scene {n} has keys {sorted(scene)}")
        for key in ("slide", "say"):
            if not str(scene.get(key, "")).strip():
                problems.append(f"transcript scene {n} has an empty {key}")

    en_lines, tr_lines = en_front.get("helplines", []), tr_front.get("helplines", [])
    if len(en_lines) != len(tr_lines):
        problems.append(f"{len(tr_lines)} helplines, English has {len(en_lines)}")
    for n, (en_line, tr_line) in enumerate(zip(en_lines, tr_lines), 1):
        if set(en_line) != set(tr_line):
            problems.append(f"helpline {n} has keys {sorted(tr_line)}, English {sorted(en_line)}")
        for key in FIXED_HELPLINE_KEYS:
            if en_line.get(key) != tr_line.get(key):
                problems.append(
                    f"helpline {n} {key} is {tr_line.get(key)!r}, English has {en_line.get(key)!r}"
                )
        if not str(tr_line.get("text", "")).strip():
            problems.append(f"helpline {n} text is empty")

    en_shape, tr_shape = body_shape(en_body), body_shape(tr_body)
    for part in ("headings", "list items", "links", "numbers"):
        if en_shape[part] != tr_shape[part]:
            problems.append(f"body {part}: {show(tr_shape[part])}, English {show(en_shape[part])}")
    first = next((line for line in tr_body if line.strip()), "")
    if first.lstrip().startswith("<!--"):
        problems.append("body starts with a comment (review state belongs in pupil.ftl)")
    whole = "\n".join(tr_body) + repr(tr_front)
    if NON_WESTERN_DIGIT.search(whole):
        problems.append("uses non-Western digits (keep 999, 0800 1111 as in English)")
    return problems


def catalogue(path):
    """Each message key with the variables it uses and its plural variant names."""
    messages = {}
    key = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            key = None if line.startswith("#") else key
            continue
        found = MESSAGE.match(line)
        if found and not line[0].isspace():
            key = found.group(1)
            messages[key] = {"variables": set(), "variants": set()}
            text = found.group(2)
        elif key is None:
            continue
        else:
            text = line
            variant = VARIANT.match(line)
            if variant:
                messages[key]["variants"].add(variant.group(1))
        messages[key]["variables"].update(VARIABLE.findall(text))
    return messages


def review_line(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            return None
        if line.startswith("## review:"):
            return line
    return None


def compare_catalogue(code, english_path, path):
    problems = []
    english, theirs = catalogue(english_path), catalogue(path)
    allowed = PLURALS.get(code.split("-")[0], DEFAULT_PLURALS)
    for key, source in english.items():
        if key not in theirs:
            problems.append(f"missing key {key}")
            continue
        translated = theirs[key]
        for var in sorted(source["variables"] - translated["variables"]):
            problems.append(f"{key}: missing variable ${var}")
        for var in sorted(translated["variables"] - source["variables"]):
            problems.append(f"{key}: unknown variable ${var}")
        if source["variants"] and not source["variants"] <= CLDR_CATEGORIES:
            # A choice by keyword (such as a weekday), not by number: the same names.
            if translated["variants"] != source["variants"]:
                problems.append(f"{key}: variants differ from English's {sorted(source['variants'])}")
            continue
        for name in sorted(translated["variants"] - allowed):
            problems.append(f"{key}: plural form [{name}] is not one of {sorted(allowed)}")
        if source["variants"] and "other" not in translated["variants"]:
            problems.append(f"{key}: no [other] variant")
    for key in theirs:
        if key not in english:
            problems.append(f"extra key {key} (not in English)")
    if not review_line(path):
        problems.append("no '## review:' line in the header")
    return problems


def show(value):
    if isinstance(value, Counter):
        return dict(sorted(value.items()))
    return value


def english_pages():
    for section in ENGLISH_SECTIONS:
        for path in sorted((CONTENT / section).glob("*.md")):
            yield Path(section) / path.name


def language_codes(args):
    if args:
        return args
    return sorted(
        p.name for p in CONTENT.iterdir() if p.is_dir() and p.name not in ENGLISH_SECTIONS
    )


def catalogue_codes(args):
    if args:
        return args
    if not LOCALES.is_dir():
        return []
    return sorted(p.name for p in LOCALES.iterdir() if p.is_dir() and p.name != ENGLISH_CODE)


def check_catalogues(codes, english):
    failures = checked = 0
    if not english.is_file():
        print(f"{english}: no English catalogue, catalogues not checked")
        return 0, 0
    for code in codes:
        path = LOCALES / code / "pupil.ftl"
        if not path.is_file():
            if (LOCALES / code).is_dir():
                print(f"locales/{code}/pupil.ftl: missing")
                failures += 1
            continue
        checked += 1
        for problem in compare_catalogue(code, english, path):
            print(f"locales/{code}/pupil.ftl: {problem}")
            failures += 1
    return checked, failures


def main(args):
    english_ftl = LOCALES / ENGLISH_CODE / "pupil.ftl"
    if len(args) >= 2 and args[0] == "--english":
        english_ftl, args = Path(args[1]), args[2:]
    failures = 0
    checked = 0
    for code in language_codes(args):
        if not (CONTENT / code).is_dir():
            continue
        expected = {Path(code) / rel for rel in english_pages()}
        present = {p.relative_to(CONTENT) for p in (CONTENT / code).rglob("*.md")}
        for rel in sorted(expected - present):
            print(f"content/{rel}: missing")
            failures += 1
        for rel in sorted(present - expected):
            print(f"content/{rel}: has no English source")
            failures += 1
        for rel in sorted(expected & present):
            checked += 1
            english = CONTENT / Path(*rel.parts[1:])
            for problem in compare(english, CONTENT / rel):
                print(f"content/{rel}: {problem}")
                failures += 1
    ftl_checked, ftl_failures = check_catalogues(catalogue_codes(args), english_ftl)
    failures += ftl_failures
    print(
        f"{checked} translated pages and {ftl_checked} catalogues checked, {failures} problems"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

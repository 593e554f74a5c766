#!/usr/bin/env python3
"""Checks that each translation keeps the shape of its English source.

A translation may change the words but not the structure a pupil relies on: the
same front matter keys and fixed values (order, video, captions, poster), the same
number of transcript scenes and helplines with unchanged service names, phone
numbers and addresses, and a body with the same headings, list items, link targets
and numbers (phone numbers, 999, ages). English lives at content/topics and
content/pages; a translation at content/<code>/topics and content/<code>/pages.

It also checks each locales/<code>/pupil.ftl against locales/en-GB/pupil.ftl (or the
file given with --english-ftl): the header's review line, the same message keys and
attributes, the same { $variables } in each message, and plural variants only from the
language's CLDR categories, each plural select with a default (*) variant.

Usage: scripts/check-translations.py [--english-ftl PATH] [code ...]
       (default: every content/<code> and locales/<code> other than en-GB)
Exits 1 if any file is missing, extra or differs in structure.
"""

import argparse
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
LOCALES = ROOT / "locales"
# CLDR cardinal plural categories of each language translated here.
PLURALS = {
    "cy": {"zero", "one", "two", "few", "many", "other"},
    "ar": {"zero", "one", "two", "few", "many", "other"},
    "pl": {"one", "few", "many", "other"},
    "ro": {"one", "few", "other"},
}
DEFAULT_PLURALS = {"one", "other"}
CLDR = {"zero", "one", "two", "few", "many", "other"}
REVIEW = re.compile(r"^## review: (machine-assisted, not yet checked by a fluent speaker|checked by .+, \d{4}-\d{2}-\d{2})$")
SECTIONS = ("topics", "pages")
FIXED_KEYS = ("order", "video", "captions", "poster")
HELPLINE_FIXED = ("name", "phone", "url")

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^(#{1,6})\s+\S")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S")
# Digit runs kept together with inner spaces, so "0800 1111" is one number.
NUMBER = re.compile(r"\d+(?: \d+)*")


def split(text):
    """Returns (front matter dict, body) of a +++ delimited page."""
    text = text.lstrip("\ufeff")
    if not text.startswith("+++\n"):
        raise ValueError("does not start with a line of +++")
    rest = text[4:]
    end = rest.find("\n+++")
    if end < 0:
        raise ValueError("front matter has no closing +++")
    front = tomllib.loads(rest[:end])
    body = rest[end + 4 :].lstrip("\r\n")
    return front, body


def body_shape(body):
    lines = body.splitlines()
    return {
        "headings": [HEADING.match(l).group(1) for l in lines if HEADING.match(l)],
        "list items": sum(1 for l in lines if LIST_ITEM.match(l)),
        "links": LINK.findall(body),
        "paragraph blocks": len([b for b in re.split(r"\n\s*\n", body.strip()) if b.strip()]),
    }


def thousands(text):
    """5,000 and 5 000 and 5.000 read as 5000, as languages group digits differently."""
    return re.sub(r"(?<=\d)[ ,.\u00a0](?=\d{3}\b)", "", text)


def numbers(text):
    return sorted(set(NUMBER.findall(text)))


def compare(english_path, translated_path):
    problems = []
    warnings = []
    en_front, en_body = split(english_path.read_text(encoding="utf-8"))
    try:
        tr_front, tr_body = split(translated_path.read_text(encoding="utf-8"))
    except (ValueError, tomllib.TOMLDecodeError) as e:
        return [f"cannot parse: {e}"], []

    if set(en_front) != set(tr_front):
        problems.append(f"front matter keys {sorted(tr_front)} != English {sorted(en_front)}")
    for key in FIXED_KEYS:
        if en_front.get(key) != tr_front.get(key):
            problems.append(f"{key} = {tr_front.get(key)!r}, English has {en_front.get(key)!r}")
    for key in ("title", "summary"):
        value = tr_front.get(key, "")
        if not str(value).strip():
            problems.append(f"{key} is empty")
        elif value == en_front.get(key):
            warnings.append(f"{key} is the same as the English")

    en_scenes = en_front.get("transcript", [])
    tr_scenes = tr_front.get("transcript", [])
    if len(en_scenes) != len(tr_scenes):
        problems.append(f"{len(tr_scenes)} transcript scenes, English has {len(en_scenes)}")
    for i, (en, tr) in enumerate(zip(en_scenes, tr_scenes), 1):
        if set(en) != set(tr):
            problems.append(f"scene {i} keys {sorted(tr)} != English {sorted(en)}")
        for key in ("slide", "say"):
            if not tr.get(key, "").strip():
                problems.append(f"scene {i} {key} is empty")
            elif tr.get(key) == en.get(key):
                warnings.append(f"scene {i} {key} is the same as the English")
        if numbers(en.get("say", "")) != numbers(tr.get("say", "")):
            problems.append(
                f"scene {i} numbers {numbers(tr.get('say', ''))} != English {numbers(en.get('say', ''))}"
            )

    en_lines = en_front.get("helplines", [])
    tr_lines = tr_front.get("helplines", [])
    if len(en_lines) != len(tr_lines):
        problems.append(f"{len(tr_lines)} helplines, English has {len(en_lines)}")
    for i, (en, tr) in enumerate(zip(en_lines, tr_lines), 1):
        if set(en) != set(tr):
            problems.append(f"helpline {i} keys {sorted(tr)} != English {sorted(en)}")
        for key in HELPLINE_FIXED:
            if en.get(key) != tr.get(key):
                problems.append(f"helpline {i} {key} = {tr.get(key)!r}, English has {en.get(key)!r}")
        if not tr.get("text", "").strip():
            problems.append(f"helpline {i} text is empty")
        elif tr.get("text") == en.get("text"):
            warnings.append(f"helpline {i} text is the same as the English")

    en_shape, tr_shape = body_shape(en_body), body_shape(tr_body)
    for key in en_shape:
        if en_shape[key] != tr_shape[key]:
            problems.append(f"body {key}: {tr_shape[key]} != English {en_shape[key]}")
    en_numbers, tr_numbers = numbers(en_body), numbers(tr_body)
    missing = [n for n in en_numbers if n not in tr_numbers]
    extra = [n for n in tr_numbers if n not in en_numbers]
    if missing:
        problems.append(f"body lacks the numbers {missing}")
    if extra:
        warnings.append(f"body has numbers the English lacks: {extra}")
    first = tr_body.lstrip().splitlines()[0] if tr_body.strip() else ""
    if first.startswith("<!--"):
        problems.append("body starts with a comment (the review state lives in pupil.ftl)")
    return problems, warnings


def languages(args):
    if args:
        return args
    found = {p.name for p in CONTENT.iterdir() if p.is_dir() and p.name not in SECTIONS}
    if LOCALES.is_dir():
        found |= {p.name for p in LOCALES.iterdir() if p.is_dir() and p.name != "en-GB"}
    return sorted(found)


MESSAGE = re.compile(r"^(-?[A-Za-z][A-Za-z0-9_-]*)\s*=(.*)$")
ATTRIBUTE = re.compile(r"^\s+\.([A-Za-z][A-Za-z0-9_-]*)\s*=")
VARIABLE = re.compile(r"\{\s*\$([A-Za-z][A-Za-z0-9_-]*)")
SELECT = re.compile(r"\{\s*\$([A-Za-z][A-Za-z0-9_-]*)\s*->")
VARIANT = re.compile(r"^\s*(\*?)\[\s*([^\]\s]+)\s*\]")


def ftl_messages(text):
    """Each message's key with its text (value, attributes and variants), comments left out."""
    messages = {}
    current = None
    for line in text.splitlines():
        if line.startswith("#") or (not line.strip() and current is None):
            current = None
            continue
        match = MESSAGE.match(line)
        if match:
            current = match.group(1)
            if current in messages:
                messages[current].append("\0duplicate")
            messages.setdefault(current, []).append(match.group(2))
        elif current is not None and (line.startswith((" ", "}")) or not line.strip()):
            messages[current].append(line)
        elif line.strip():
            messages.setdefault("\0stray", []).append(line)
    return messages


def ftl_shape(lines):
    body = "\n".join(lines)
    selects = {}
    current = None
    for line in lines:
        sel = SELECT.search(line)
        if sel:
            current = sel.group(1)
            selects.setdefault(current, {"keys": [], "default": 0})
        var = VARIANT.match(line)
        if var and current is not None:
            selects[current]["keys"].append(var.group(2))
            selects[current]["default"] += bool(var.group(1))
    return {
        "variables": set(VARIABLE.findall(body)),
        "attributes": sorted(m.group(1) for l in lines if (m := ATTRIBUTE.match(l))),
        "selects": selects,
        "duplicate": "\0duplicate" in lines,
    }


def compare_ftl(code, english_text, translated_text):
    problems, warnings = [], []
    header = translated_text.splitlines()[:2]
    if len(header) < 2 or not header[0].startswith("### Confide pupil pages — "):
        problems.append("first line is not '### Confide pupil pages — <language>'")
    if len(header) < 2 or not REVIEW.match(header[1]):
        problems.append("second line is not a '## review:' line (machine-assisted ... or checked by ..., date)")
    english, theirs = ftl_messages(english_text), ftl_messages(translated_text)
    english.pop("\0stray", None)
    for stray in theirs.pop("\0stray", []):
        problems.append(f"line outside any message: {stray!r}")
    categories = PLURALS.get(code, DEFAULT_PLURALS)
    for key, lines in english.items():
        if key not in theirs:
            problems.append(f"missing key {key}")
            continue
        en, tr = ftl_shape(lines), ftl_shape(theirs[key])
        if tr["duplicate"]:
            problems.append(f"{key}: defined twice")
        for var in sorted(en["variables"] - tr["variables"]):
            problems.append(f"{key}: missing variable ${var}")
        for var in sorted(tr["variables"] - en["variables"]):
            problems.append(f"{key}: unknown variable ${var}")
        if en["attributes"] != tr["attributes"]:
            problems.append(f"{key}: attributes {tr['attributes']} != English {en['attributes']}")
        for var, select in tr["selects"].items():
            en_keys = set(en["selects"].get(var, {"keys": []})["keys"])
            plural = set(select["keys"]) <= CLDR or (en_keys and en_keys <= CLDR)
            if select["default"] != 1:
                problems.append(f"{key}: select on ${var} needs exactly one default *[...] variant")
            if plural:
                wrong = [k for k in select["keys"] if k not in categories]
                if wrong:
                    problems.append(
                        f"{key}: plural forms {wrong} are not {code}'s: {' '.join(sorted(categories))}"
                    )
                missing = categories - set(select["keys"])
                en_select = en["selects"].get(var, {"keys": []})
                if missing and len(en_select["keys"]) > 1:
                    warnings.append(f"{key}: no variant for {sorted(missing)} (the default is used)")
        en_numbers = numbers(thousands("\n".join(lines)))
        tr_numbers = numbers(thousands("\n".join(theirs[key])))
        lost = [n for n in en_numbers if n not in tr_numbers]
        if lost:
            warnings.append(f"{key}: numbers {lost} of the English are not in the translation")
    for key in sorted(set(theirs) - set(english)):
        problems.append(f"extra key {key} (not in English)")
    return problems, warnings


def check_content(code):
    failed, checked = False, 0
    for section in SECTIONS:
        english = {p.name: p for p in sorted((CONTENT / section).glob("*.md"))}
        translated_dir = CONTENT / code / section
        translated = {p.name: p for p in sorted(translated_dir.glob("*.md"))}
        for name in sorted(set(english) - set(translated)):
            print(f"FAIL {code}/{section}/{name}: missing")
            failed = True
        for name in sorted(set(translated) - set(english)):
            print(f"FAIL {code}/{section}/{name}: no English file of that name")
            failed = True
        for name in sorted(set(english) & set(translated)):
            checked += 1
            problems, warnings = compare(english[name], translated[name])
            for p in problems:
                print(f"FAIL {code}/{section}/{name}: {p}")
            for w in warnings:
                print(f"warn {code}/{section}/{name}: {w}")
            failed |= bool(problems)
    return failed, checked


def check_catalogue(code, english_ftl):
    path = LOCALES / code / "pupil.ftl"
    if not path.exists():
        print(f"FAIL locales/{code}/pupil.ftl: missing")
        return True, 0
    if english_ftl is None or not english_ftl.exists():
        print(f"warn locales/{code}/pupil.ftl: no English catalogue to compare with (use --english-ftl)")
        return False, 0
    problems, warnings = compare_ftl(
        code, english_ftl.read_text(encoding="utf-8"), path.read_text(encoding="utf-8")
    )
    for p in problems:
        print(f"FAIL locales/{code}/pupil.ftl: {p}")
    for w in warnings:
        print(f"warn locales/{code}/pupil.ftl: {w}")
    return bool(problems), 1


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("codes", nargs="*")
    parser.add_argument("--english-ftl", type=Path, default=LOCALES / "en-GB" / "pupil.ftl")
    args = parser.parse_args(argv)
    failed = False
    checked = 0
    for code in languages(args.codes):
        if (CONTENT / code).is_dir() or args.codes:
            f, n = check_content(code)
            failed |= f
            checked += n
        if (LOCALES / code).is_dir() or args.codes:
            f, n = check_catalogue(code, args.english_ftl)
            failed |= f
            checked += n
    print(f"{checked} translated files checked: {'FAILED' if failed else 'ok'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

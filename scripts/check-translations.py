#!/usr/bin/env python3
"""Compare every translated content page with its English source, structure only.

English lives at content/topics/*.md and content/pages/*.md; a translation at
content/<code>/topics/<slug>.md and content/<code>/pages/<slug>.md. A translation
must keep the front matter keys and the untranslated values (order, video, captions,
poster; each helpline's name, phone and url), the number of transcript scenes and
helplines, and in the body the same headings (count, levels, order), list items,
link targets and numbers (phone numbers, 999, ages). Numbers must stay in ASCII
digits. Text fields must be present and not empty.

Usage: scripts/check-translations.py [code ...]   (default: every content/<code>/)
Exit status 1 when anything differs; each problem is printed as file: problem.
"""

import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SECTIONS = ("topics", "pages")
KEPT_TOP = ("order", "video", "captions", "poster")
KEPT_HELPLINE = ("name", "phone", "url")
TEXT_TOP = ("title", "summary")
# Digits a translation must not use in place of 0-9: Arabic-Indic, Extended
# Arabic-Indic (Urdu), Bengali, Gurmukhi, Devanagari.
NATIVE_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9\u09e6-\u09ef\u0a66-\u0a6f\u0966-\u096f]")
NUMBER = re.compile(r"\d+(?: \d+)*")
HEADING = re.compile(r"^(#{1,6})\s+\S")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def split(text):
    """Front matter (parsed TOML) and Markdown body of a content file."""
    text = text.lstrip("\ufeff")
    if not text.startswith("+++\n"):
        raise ValueError("does not start with a line of +++")
    end = text.find("\n+++", 4)
    if end < 0:
        raise ValueError("front matter has no closing +++")
    front = text[4:end]
    body = text[end + 4 :].lstrip("\r\n")
    return tomllib.loads(front), body


def numbers(text):
    return Counter(NUMBER.findall(text))


def body_shape(body):
    lines = body.splitlines()
    return {
        "headings": [len(m.group(1)) for m in map(HEADING.match, lines) if m],
        "list items": sum(1 for line in lines if LIST_ITEM.match(line)),
        "link targets": LINK.findall(body),
        "numbers": numbers(body),
        "bold spans": body.count("**") // 2,
    }


def compare_text(where, english, translated, problems):
    """A translated text field: present, not empty, same numbers, ASCII digits."""
    if not isinstance(translated, str) or not translated.strip():
        problems.append(f"{where} is missing or empty")
        return
    if numbers(english) != numbers(translated):
        problems.append(
            f"{where} numbers differ: {sorted(numbers(english).elements())} "
            f"vs {sorted(numbers(translated).elements())}"
        )


def compare_records(label, english, translated, kept, problems):
    if len(english) != len(translated):
        problems.append(f"{label}: {len(english)} in English, {len(translated)} here")
        return
    for i, (en, tr) in enumerate(zip(english, translated), 1):
        if set(en) != set(tr):
            problems.append(f"{label} {i}: keys {sorted(tr)} instead of {sorted(en)}")
        for key in en:
            if key in kept:
                if en.get(key) != tr.get(key):
                    problems.append(f"{label} {i}: {key} {tr.get(key)!r} must be {en[key]!r}")
            else:
                compare_text(f"{label} {i} {key}", en[key], tr.get(key), problems)


def compare(english_path, translated_path):
    problems = []
    en_text = english_path.read_text(encoding="utf-8")
    tr_text = translated_path.read_text(encoding="utf-8")
    en_front, en_body = split(en_text)
    try:
        tr_front, tr_body = split(tr_text)
    except (ValueError, tomllib.TOMLDecodeError) as e:
        return [f"cannot be read: {e}"]
    if set(en_front) != set(tr_front):
        problems.append(f"front matter keys {sorted(tr_front)} instead of {sorted(en_front)}")
    for key in KEPT_TOP:
        if en_front.get(key) != tr_front.get(key):
            problems.append(f"{key} {tr_front.get(key)!r} must be {en_front.get(key)!r}")
    for key in TEXT_TOP:
        compare_text(key, en_front.get(key, ""), tr_front.get(key), problems)
    compare_records(
        "transcript", en_front.get("transcript", []), tr_front.get("transcript", []), (), problems
    )
    compare_records(
        "helplines", en_front.get("helplines", []), tr_front.get("helplines", []),
        KEPT_HELPLINE, problems,
    )
    en_shape, tr_shape = body_shape(en_body), body_shape(tr_body)
    for key, en_value in en_shape.items():
        if en_value != tr_shape[key]:
            if key == "numbers":
                en_value, tr_value = sorted(en_value.elements()), sorted(tr_shape[key].elements())
            else:
                tr_value = tr_shape[key]
            problems.append(f"body {key}: {tr_value} instead of {en_value}")
    first = tr_body.lstrip().splitlines()[0] if tr_body.strip() else ""
    if first.startswith("<!--") or first.lower().startswith("review"):
        problems.append("body starts with a review note (the review state lives in pupil.ftl)")
    if NATIVE_DIGITS.search(tr_text):
        problems.append("uses non-ASCII digits; keep 0-9 as in English")
    if tr_body.strip() == en_body.strip():
        problems.append("body is still the English text")
    return problems


def languages(args):
    if args:
        return args
    return sorted(p.name for p in CONTENT.iterdir() if p.is_dir() and p.name not in SECTIONS)


def main(args):
    failed = False
    checked = 0
    for code in languages(args):
        for section in SECTIONS:
            for english in sorted((CONTENT / section).glob("*.md")):
                translated = CONTENT / code / section / english.name
                name = translated.relative_to(ROOT)
                if not translated.exists():
                    print(f"{name}: missing")
                    failed = True
                    continue
                checked += 1
                for problem in compare(english, translated):
                    print(f"{name}: {problem}")
                    failed = True
        for section in SECTIONS:
            for extra in sorted((CONTENT / code / section).glob("*.md")):
                if not (CONTENT / section / extra.name).exists():
                    print(f"{extra.relative_to(ROOT)}: has no English source")
                    failed = True
    print(f"{checked} translated files checked" + (", problems above" if failed else ", all match"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

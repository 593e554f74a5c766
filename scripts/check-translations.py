#!/usr/bin/env python3
"""Checks that each translated content page keeps the shape of its English source.

A translation may change the words but not the structure a pupil relies on: the
same front matter keys and fixed values (order, video, captions, poster), the same
number of transcript scenes and helplines with unchanged service names, phone
numbers and addresses, and a body with the same headings, list items, link targets
and numbers (phone numbers, 999, ages). English lives at content/topics and
content/pages; a translation at content/<code>/topics and content/<code>/pages.

Usage: scripts/check-translations.py [code ...]   (default: every content/<code>)
Exits 1 if any file is missing, extra or differs in structure.
"""

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
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
    return sorted(
        p.name for p in CONTENT.iterdir() if p.is_dir() and p.name not in SECTIONS
    )


def main(args):
    failed = False
    checked = 0
    for code in languages(args):
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
    print(f"{checked} translated files checked: {'FAILED' if failed else 'ok'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

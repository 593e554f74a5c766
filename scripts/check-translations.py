#!/usr/bin/env python3
"""Compare each translated content page with its English source, structure only.

A translation may change every word a pupil reads, but not the shape a reviewer and
the app rely on: front matter keys, the fixed values (order, video, captions, poster,
helpline names, phones and web addresses), the number of transcript scenes and
helplines, and in the body the headings, list items, link targets and the numbers a
pupil may dial (999, 0800 1111 ...). Words are not checked; a fluent reader does that.

Usage: scripts/check-translations.py [CODE ...]
With no codes, every language directory under content/ is checked.
Exit status 1 on any mismatch or missing file, listing each one.
"""

import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
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


def main(args):
    failures = 0
    checked = 0
    for code in language_codes(args):
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
    print(f"{checked} translated pages checked, {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

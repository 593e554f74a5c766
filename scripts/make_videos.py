#!/usr/bin/env python3
"""Generate the narrated "slides" videos for the safety topic pages.

For every topic file content/topics/<slug>.md (TOML front matter between two
lines that are exactly `+++`, then Markdown) this writes, into static/videos/:

  <slug>.mp4  H.264 baseline + AAC mono, faststart, one slide per transcript scene
  <slug>.vtt  WebVTT captions timed from the measured narration
  <slug>.jpg  poster frame (the first slide)

Each `[[transcript]]` entry needs `slide` (short on-screen text) and `say`
(narration and captions). An optional `speak` key overrides the text given
to the speech synthesiser only (captions always show `say`), for words the
synthesiser mispronounces.

Needs: espeak-ng, ffmpeg/ffprobe and the DejaVu fonts (scripts/make-videos.sh
installs them). Only the Python standard library is used. Output is
deterministic: the same input and tool versions give byte-identical files.

Usage: make_videos.py [--content DIR] [--out DIR] [--verify-only] [slug ...]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import itertools
import json
import math
import os
import re
import struct
import subprocess
import sys
import tempfile
import tomllib
import wave
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT = ROOT / "content" / "topics"
DEFAULT_OUT = ROOT / "static" / "videos"

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

# --- picture -----------------------------------------------------------------
W, H = 640, 360
FPS = 10                 # slides are static; 10 fps keeps timing at 0.1 s steps
GOP = 10 * FPS           # a keyframe at least every 10 s (and at every slide)
CRF = 30
MARGIN = 40              # left/right margin for text, px
TITLE_SIZE = 22
TITLE_BASELINE = 40
RULE_Y = 56
FOOTER_H = 42
FOOTER_SIZE = 20
FOOTER_TEXT = "In danger now? Call 999"
BODY_SIZE = 38
BODY_LINE = 1.25         # line height as a multiple of the font size
BODY_TOP, BODY_BOTTOM = RULE_Y + 8, H - FOOTER_H - 8
WRAP_CHARS = 22
CAP_HEIGHT = 0.73        # DejaVu Sans cap height / em, for visual centring
POSTER_QSCALE = 5        # ffmpeg mjpeg -q:v (2 best .. 31 worst); ~libjpeg q70-75

# --- sound -------------------------------------------------------------------
VOICE = "en-gb"
WPM = 155
PAD_S = 0.4              # silence after each scene
AUDIO_RATE = 22050
# (nominal bitrate, low-pass Hz), best first; real rates are about 41/38/35 kbps
AUDIO_LADDER = [("32k", 8000), ("28k", 8000), ("24k", 7000)]
TARGET_BYTES = 400 * 1024

# --- captions ----------------------------------------------------------------
CUE_LINE = 42
CUE_MAX = 2 * CUE_LINE
COMMA_SPLIT = 80

# Calm dark backgrounds; white text on each must pass WCAG AA (4.5:1). A topic
# not listed gets one picked by a stable hash of its slug.
PALETTE = {
    "bullying": "1d4f91",             # blue
    "online-bullying": "2d3e8c",      # indigo
    "knife-crime": "37474f",          # blue grey
    "gangs": "8a3324",                # brick
    "drugs-and-alcohol": "1b6470",    # teal
    "extremism": "5c2e7e",            # violet
    "journey-to-school": "1e6b52",    # green
    "home": "7a4a10",                 # brown
    "sexual-exploitation": "8a2d52",  # berry
    "hate-crime": "6a3d9a",           # purple
    "scams-and-money-muling": "4d5a1e",  # olive
}
FALLBACK = sorted(set(PALETTE.values()))


def rel_luminance(hexrgb: str) -> float:
    def chan(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hexrgb[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)


def contrast_with_white(hexrgb: str) -> float:
    return 1.05 / (rel_luminance(hexrgb) + 0.05)


for _c in FALLBACK:
    assert contrast_with_white(_c) >= 4.5, f"palette colour {_c} fails WCAG AA"


def colour_for(slug: str) -> str:
    if slug in PALETTE:
        return PALETTE[slug]
    h = int(hashlib.sha256(slug.encode()).hexdigest(), 16)
    return FALLBACK[h % len(FALLBACK)]


# --- font metrics (to wrap and size text so nothing is cut off) ---------------
class FontMetrics:
    """Advance widths from a TrueType font's cmap (format 4) and hmtx tables."""

    def __init__(self, path: str):
        data = Path(path).read_bytes()
        num_tables = struct.unpack_from(">H", data, 4)[0]
        tables = {}
        for i in range(num_tables):
            tag, _, off, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            tables[tag.decode("latin-1")] = (off, length)
        head = tables["head"][0]
        self.upem = struct.unpack_from(">H", data, head + 18)[0]
        hhea = tables["hhea"][0]
        n_hmetrics = struct.unpack_from(">H", data, hhea + 34)[0]
        hmtx = tables["hmtx"][0]
        self.adv = [struct.unpack_from(">H", data, hmtx + 4 * i)[0] for i in range(n_hmetrics)]
        self.data = data
        cmap = tables["cmap"][0]
        n = struct.unpack_from(">H", data, cmap + 2)[0]
        sub = None
        for i in range(n):
            pid, eid, off = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
            if (pid, eid) in ((3, 1), (0, 3)) and struct.unpack_from(">H", data, cmap + off)[0] == 4:
                sub = cmap + off
                break
        if sub is None:
            raise RuntimeError(f"{path}: no cmap format 4 subtable")
        seg2 = struct.unpack_from(">H", data, sub + 6)[0]
        segs = seg2 // 2
        self.end = struct.unpack_from(f">{segs}H", data, sub + 14)
        self.start = struct.unpack_from(f">{segs}H", data, sub + 16 + seg2)
        self.delta = struct.unpack_from(f">{segs}h", data, sub + 16 + 2 * seg2)
        self.ro_base = sub + 16 + 3 * seg2
        self.ro = struct.unpack_from(f">{segs}H", data, self.ro_base)
        self.cache: dict[str, float] = {}

    def _glyph(self, cp: int) -> int:
        for i, end in enumerate(self.end):
            if cp <= end:
                if cp < self.start[i]:
                    return 0
                if self.ro[i] == 0:
                    return (cp + self.delta[i]) & 0xFFFF
                addr = self.ro_base + 2 * i + self.ro[i] + 2 * (cp - self.start[i])
                g = struct.unpack_from(">H", self.data, addr)[0]
                return (g + self.delta[i]) & 0xFFFF if g else 0
        return 0

    def em_width(self, text: str) -> float:
        total = 0.0
        for ch in text:
            if ch not in self.cache:
                g = self._glyph(ord(ch))
                a = self.adv[min(g, len(self.adv) - 1)]
                self.cache[ch] = a / self.upem
            total += self.cache[ch]
        return total

    def px(self, text: str, size: float) -> float:
        # FreeType hinting can round each advance up; allow for it.
        return self.em_width(text) * size + 0.5 * len(text)


WEAK_END = {"a", "an", "the", "to", "of", "and", "or", "in", "on", "at", "for",
            "with", "your", "my", "if"}


def wrap_words(text: str, width: int) -> list[str]:
    """Wrap to at most `width` characters a line (a longer word gets a line of
    its own), in as few lines as greedy wrapping needs; among those layouts
    prefer even lines, breaks after punctuation and no line ending on a small
    word like "a" or "the"."""
    lines = _greedy(text, width)
    words = text.split()
    n = len(lines)
    if n == 1 or len(words) > 24:
        return lines

    def score(layout: list[str]) -> float:
        lens = [len(l) for l in layout]
        sc = max(lens) - min(lens)
        for l in layout[:-1]:
            if l[-1] in ",;:.?!":
                sc -= 12
            elif l.split()[-1].lower() in WEAK_END:
                sc += 4
        return sc

    best, best_sc = lines, score(lines)
    for cuts in itertools.combinations(range(1, len(words)), n - 1):
        bounds = (0, *cuts, len(words))
        layout = [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]
        if any(len(l) > width and " " in l for l in layout):
            continue
        sc = score(layout)
        if sc < best_sc:
            best, best_sc = layout, sc
    return best


def _greedy(text: str, width: int) -> list[str]:
    lines: list[str] = []
    cur = ""
    for word in text.split():
        if not cur:
            cur = word
        elif len(cur) + 1 + len(word) <= width:
            cur += " " + word
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines


# --- front matter ---------------------------------------------------------------
@dataclass
class Scene:
    slide: str
    say: str
    speak: str


@dataclass
class Topic:
    slug: str
    title: str
    scenes: list[Scene]
    meta: dict


def parse_topic(path: Path) -> Topic:
    lines = path.read_text(encoding="utf-8").splitlines()
    marks = [i for i, l in enumerate(lines) if l.rstrip("\r") == "+++"]
    if len(marks) < 2 or marks[0] != 0:
        raise ValueError(f"{path}: front matter must start and end with a line '+++'")
    meta = tomllib.loads("\n".join(lines[1:marks[1]]))
    title = str(meta.get("title", "")).strip()
    if not title:
        raise ValueError(f"{path}: missing title")
    scenes = []
    for n, t in enumerate(meta.get("transcript", []), 1):
        slide = " ".join(str(t.get("slide", "")).split())
        say = " ".join(str(t.get("say", "")).split())
        if not slide or not say:
            raise ValueError(f"{path}: transcript entry {n} needs both slide and say")
        speak = " ".join(str(t.get("speak", say)).split())
        scenes.append(Scene(slide, say, speak))
    if not scenes:
        raise ValueError(f"{path}: no [[transcript]] entries")
    return Topic(path.stem, title, scenes, meta)


# --- narration --------------------------------------------------------------------
# Words espeak-ng gets wrong (checked with `espeak-ng -v en-gb -x WORD`).
# CEOP ("see-op"), PIN and NSPCC are already right.
PRONOUNCE = {
    "IWF": "I W F",
}


def speech_text(text: str) -> str:
    """Tweak text for espeak-ng: read phone numbers digit by digit
    ("999" as "nine nine nine", "0800 1111" as "0 8 0 0, 1 1 1 1"),
    but leave amounts of money and ordinary numbers alone."""

    def digits(m: re.Match) -> str:
        if re.fullmatch(r"(?:19|20)\d\d", m.group(0)):
            return m.group(0)  # a year
        groups = m.group(0).split()
        return ", ".join(" ".join(g) for g in groups)

    for word, say in PRONOUNCE.items():
        text = re.sub(rf"\b{re.escape(word)}\b", say, text)
    # runs of 3+ digit groups not after a currency sign or inside a decimal/comma number
    return re.sub(r"(?<![£$€\d.,])\d{3,}(?: \d{3,})*(?![\d.,]\d)", digits, text)


def narrate(text: str, wav: Path) -> None:
    subprocess.run(
        ["espeak-ng", "-v", VOICE, "-s", str(WPM), "-w", str(wav), "--stdin"],
        input=speech_text(text).encode("utf-8"), check=True,
    )


def read_wav(path: Path) -> tuple[bytes, int]:
    with wave.open(str(path), "rb") as w:
        if w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise RuntimeError(f"{path}: expected 16-bit mono WAV from espeak-ng")
        return w.readframes(w.getnframes()), w.getframerate()


# --- slides -------------------------------------------------------------------------
def ff_escape(s: str) -> str:
    """Escape a value for an ffmpeg filter option inside a filtergraph."""
    return s.replace("\\", "\\\\").replace(":", "\\:").replace("'", "\\'") \
        .replace(",", "\\,").replace("[", "\\[").replace("]", "\\]").replace(";", "\\;")


def fit_size(fm: FontMetrics, lines: list[str], size: int, max_w: float) -> int:
    """Largest font size <= size at which every line fits in max_w pixels."""
    while size > 8 and max(fm.px(l, size) for l in lines) > max_w:
        size -= 1
    return size


def render_slide(fm: FontMetrics, topic: Topic, scene: Scene, colour: str,
                 work: Path, idx: int, out_png: Path) -> None:
    max_w = W - 2 * MARGIN
    filters = []
    n_txt = 0

    def text(s: str, size: float, baseline: float, alpha: float = 1.0) -> None:
        nonlocal n_txt
        f = work / f"s{idx}_t{n_txt}.txt"
        n_txt += 1
        f.write_text(s, encoding="utf-8")  # no trailing newline
        filters.append(
            "drawtext=fontfile=" + ff_escape(FONT) + ":textfile=" + ff_escape(str(f))
            + ":expansion=none:fix_bounds=0"
            + f":fontsize={size:g}:fontcolor=white@{alpha:g}"
            + f":x=(w-text_w)/2:y={baseline:g}-ascent"
        )

    # title, small at the top, with a faint rule under it
    title_size = fit_size(fm, [topic.title], TITLE_SIZE, max_w)
    text(topic.title, title_size, TITLE_BASELINE)
    filters.append(f"drawbox=x={MARGIN}:y={RULE_Y}:w={W - 2 * MARGIN}:h=2:color=white@0.35:t=fill")

    # footer band (darker than the background, so contrast only goes up)
    filters.append(f"drawbox=x=0:y={H - FOOTER_H}:w={W}:h={FOOTER_H}:color=black@0.3:t=fill")
    text(FOOTER_TEXT, FOOTER_SIZE, H - FOOTER_H / 2 + CAP_HEIGHT * FOOTER_SIZE / 2)

    # slide text: wrapped to ~22 characters, shrunk if wide or tall, centred
    lines = wrap_words(scene.slide, WRAP_CHARS)
    size = fit_size(fm, lines, BODY_SIZE, max_w)
    area_h = BODY_BOTTOM - BODY_TOP
    while size > 12 and (len(lines) - 1) * size * BODY_LINE + size * 1.0 > area_h:
        size -= 1
    lh = size * BODY_LINE
    block = (len(lines) - 1) * lh + CAP_HEIGHT * size
    first = (BODY_TOP + BODY_BOTTOM) / 2 - block / 2 + CAP_HEIGHT * size
    for i, line in enumerate(lines):
        text(line, size, round(first + i * lh))

    subprocess.run(
        ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
         "-f", "lavfi", "-i", f"color=c=0x{colour}:s={W}x{H}:r=1",
         "-vf", ",".join(filters), "-frames:v", "1",
         "-fflags", "+bitexact", "-flags:v", "+bitexact", str(out_png)],
        check=True,
    )


# --- captions -----------------------------------------------------------------------
def split_words(chunk: str, limit: int) -> list[str]:
    """Split text longer than `limit` at word boundaries into balanced pieces."""
    if len(chunk) <= limit:
        return [chunk]
    words = chunk.split()
    n = math.ceil(len(chunk) / limit)
    while True:
        target = len(chunk) / n
        pieces, cur = [], ""
        for w in words:
            if cur and (len(cur) + 1 + len(w) > limit or
                        (len(cur) >= target and len(pieces) < n - 1)):
                pieces.append(cur)
                cur = w
            else:
                cur = f"{cur} {w}" if cur else w
        pieces.append(cur)
        if all(len(p) <= limit for p in pieces) or n > len(words):
            return pieces
        n += 1


def cue_chunks(say: str) -> list[str]:
    sentences = [s.strip() for s in re.findall(r".+?(?:[.!?][\"'”’)]*(?=\s|$)|$)", say) if s.strip()]
    out: list[str] = []
    for s in sentences:
        parts = [s]
        if len(s) > COMMA_SPLIT:
            parts = [p.strip() for p in re.findall(r"[^,;:]+(?:[,;:]|$)", s) if p.strip()]
            # glue very short comma pieces back onto a neighbour while they still fit
            merged: list[str] = []
            for p in parts:
                if merged and (len(merged[-1]) < 20 or len(p) < 20) and len(merged[-1]) + 1 + len(p) <= CUE_MAX:
                    merged[-1] += " " + p
                else:
                    merged.append(p)
            parts = merged
        for p in parts:
            # up to 84 characters may still not break into two lines of <= 42;
            # then split into more cues
            limit = CUE_MAX
            while True:
                pieces = split_words(p, limit)
                if all(fits_cue(x) for x in pieces) or limit < CUE_LINE:
                    break
                limit -= 4
            out.extend(pieces)
    return out


def fits_cue(text: str) -> bool:
    return all(len(line) <= CUE_LINE for line in cue_lines(text).split("\n"))


def cue_lines(text: str) -> str:
    if len(text) <= CUE_LINE:
        return text
    words = text.split()
    best = None
    for i in range(1, len(words)):
        a, b = " ".join(words[:i]), " ".join(words[i:])
        score = (max(len(a), len(b)) > CUE_LINE, abs(len(a) - len(b)))
        if best is None or score < best[0]:
            best = (score, a, b)
    return text if best is None else f"{best[1]}\n{best[2]}"


def ts(t: float) -> str:
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def vtt_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_vtt(topic: Topic, timings: list[tuple[float, float, float]]) -> str:
    """timings: (scene start, speech end, scene end) in seconds."""
    out = ["WEBVTT", ""]
    for scene, (start, speech_end, end) in zip(topic.scenes, timings):
        chunks = cue_chunks(scene.say)
        total = sum(len(c) for c in chunks)
        t = start
        for i, c in enumerate(chunks):
            t2 = t + (speech_end - start) * len(c) / total
            if i == len(chunks) - 1:
                t2 = end  # let the last caption stay up through the pause
            out += [f"{ts(t)} --> {ts(t2)}", vtt_escape(cue_lines(c)), ""]
            t = t2
    return "\n".join(out)


# --- one topic ----------------------------------------------------------------------
def atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def make_topic(fm: FontMetrics, topic: Topic, out_dir: Path) -> dict:
    colour = colour_for(topic.slug)
    for key, ext in (("video", "mp4"), ("captions", "vtt"), ("poster", "jpg")):
        want = f"videos/{topic.slug}.{ext}"
        if topic.meta.get(key) not in (None, want):
            print(f"warning: {topic.slug}: front matter {key} = {topic.meta.get(key)!r}, "
                  f"but the file is written as {want}", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix=f"vid-{topic.slug}-") as tmpd:
        work = Path(tmpd)
        pcm = bytearray()
        timings = []
        frames = []
        rate = None
        for i, scene in enumerate(topic.scenes):
            wav = work / f"s{i}.wav"
            narrate(scene.speak, wav)
            data, r = read_wav(wav)
            if rate is None:
                rate = r
            elif r != rate:
                raise RuntimeError("espeak-ng changed sample rate between scenes")
            start = len(pcm) / 2 / rate
            speech = len(data) / 2 / rate
            # scene lasts speech + pad, rounded up to whole video frames; keep
            # audio and video in step by padding audio to the frame boundary
            start_frame = round(start * FPS)
            end_frame = math.ceil((start + speech + PAD_S) * FPS - 1e-9)
            end_sample = end_frame * rate // FPS
            pcm += data
            pcm += b"\0\0" * (end_sample - len(pcm) // 2)
            frames.append(end_frame - start_frame)
            timings.append((start_frame / FPS, start + speech, end_frame / FPS))
            render_slide(fm, topic, scene, colour, work, i, work / f"s{i}.png")

        audio = work / "audio.wav"
        with wave.open(str(audio), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(bytes(pcm))
        duration = sum(frames) / FPS

        # video: each slide held for an exact number of frames, then joined
        cmd = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
        graph = []
        for i, n in enumerate(frames):
            cmd += ["-i", str(work / f"s{i}.png")]
            graph.append(f"[{i}:v]loop=loop={n - 1}:size=1:start=0,"
                         f"setpts=N/({FPS}*TB),setsar=1[v{i}]")
        graph.append("".join(f"[v{i}]" for i in range(len(frames)))
                     + f"concat=n={len(frames)}:v=1:a=0,"
                     "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p[v]")
        cmd += ["-i", str(audio)]
        keys = ",".join(f"{t[0]:.3f}" for t in timings)
        mp4 = work / "out.mp4"
        cmd += [
            "-filter_complex", ";".join(graph),
            "-map", "[v]", "-map", f"{len(frames)}:a",
            "-c:v", "libx264", "-profile:v", "baseline", "-level", "3.0",
            "-pix_fmt", "yuv420p", "-tune", "stillimage", "-crf", str(CRF),
            "-preset", "veryslow", "-threads", "1", "-r", str(FPS),
            "-g", str(GOP), "-force_key_frames", keys,
            "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709",
            "-map_metadata", "-1", "-map_chapters", "-1",
            "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
            "-movflags", "+faststart",
        ]
        # ffmpeg's native AAC encoder overshoots its nominal bitrate by ~30%
        # on speech; step down until the file is within the size target
        for abr, cutoff in AUDIO_LADDER:
            subprocess.run(cmd + ["-c:a", "aac", "-b:a", abr, "-cutoff", str(cutoff),
                                  "-ar", str(AUDIO_RATE), "-ac", "1", str(mp4)], check=True)
            if mp4.stat().st_size <= TARGET_BYTES:
                break

        jpg = work / "poster.jpg"
        subprocess.run(
            ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
             "-i", str(work / "s0.png"), "-frames:v", "1",
             "-vf", "format=yuvj420p", "-q:v", str(POSTER_QSCALE),
             "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
             str(jpg)],
            check=True,
        )

        vtt = build_vtt(topic, timings).encode("utf-8")
        out_dir.mkdir(parents=True, exist_ok=True)
        atomic_write(out_dir / f"{topic.slug}.mp4", mp4.read_bytes())
        atomic_write(out_dir / f"{topic.slug}.vtt", vtt)
        atomic_write(out_dir / f"{topic.slug}.jpg", jpg.read_bytes())

    return {"duration": duration, "scenes": len(frames), "audio": abr}


# --- verification -------------------------------------------------------------------
TS_RE = r"(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})"
CUE_RE = re.compile(rf"^{TS_RE} --> {TS_RE}(?: .*)?$")


def parse_vtt(text: str) -> list[tuple[float, float, str]]:
    """A strict-enough WebVTT check; returns (start, end, text) cues."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").split("\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise ValueError("missing WEBVTT header")
    if len(lines) < 2 or lines[1] != "":
        raise ValueError("header must be followed by a blank line")
    blocks, cur = [], []
    for l in lines[2:]:
        if l == "":
            if cur:
                blocks.append(cur)
            cur = []
        else:
            cur.append(l)
    if cur:
        blocks.append(cur)
    cues, prev_end = [], 0.0
    for b in blocks:
        if b[0].startswith("NOTE"):
            continue
        tl = b[0] if "-->" in b[0] else (b[1] if len(b) > 1 else "")
        m = CUE_RE.match(tl)
        if not m:
            raise ValueError(f"bad cue timing line: {tl!r}")
        g = [int(x) for x in m.groups()]
        start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
        end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
        if end <= start:
            raise ValueError(f"cue ends before it starts: {tl}")
        if start < prev_end - 1e-6:
            raise ValueError(f"cues overlap or go backwards at {tl}")
        body = b[b.index(tl) + 1:]
        if not body or len(body) > 2:
            raise ValueError(f"cue at {tl} has {len(body)} lines (want 1-2)")
        for line in body:
            if "-->" in line or "<" in line or re.search(r"&(?!amp;|lt;|gt;)", line):
                raise ValueError(f"cue text not plain/escaped: {line!r}")
            if len(html.unescape(line)) > CUE_LINE + 8:
                raise ValueError(f"cue line too long ({len(line)}): {line!r}")
        cues.append((start, end, "\n".join(body)))
        prev_end = end
    if not cues:
        raise ValueError("no cues")
    return cues


def verify(slug: str, out_dir: Path, expect_duration: float | None = None) -> list[str]:
    errs = []
    mp4, vtt, jpg = (out_dir / f"{slug}.{e}" for e in ("mp4", "vtt", "jpg"))
    for p in (mp4, vtt, jpg):
        if not p.is_file():
            return [f"{p.name} missing"]
    probe = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(mp4)],
        check=True, capture_output=True).stdout)
    streams = probe["streams"]
    v = [s for s in streams if s["codec_type"] == "video"]
    a = [s for s in streams if s["codec_type"] == "audio"]
    if len(v) != 1 or v[0]["codec_name"] != "h264":
        errs.append(f"want one h264 video stream, got {[s['codec_name'] for s in v]}")
    elif (v[0]["width"], v[0]["height"]) != (W, H) or v[0].get("pix_fmt") != "yuv420p" \
            or v[0].get("profile") not in ("Constrained Baseline", "Baseline"):
        errs.append(f"video stream is {v[0]['width']}x{v[0]['height']} "
                    f"{v[0].get('pix_fmt')} {v[0].get('profile')}")
    if len(a) != 1 or a[0]["codec_name"] != "aac" or a[0].get("channels") != 1:
        errs.append(f"want one mono aac audio stream, got {[(s['codec_name'], s.get('channels')) for s in a]}")
    if len(streams) != 2:
        errs.append(f"{len(streams)} streams")
    dur = float(probe["format"]["duration"])
    if probe["format"].get("tags", {}).keys() - {"major_brand", "minor_version", "compatible_brands"}:
        errs.append(f"metadata left: {probe['format']['tags']}")
    # faststart: the moov box must come before mdat
    head = mp4.read_bytes()
    pos, order = 0, []
    while pos + 8 <= len(head):
        size, typ = struct.unpack_from(">I4s", head, pos)
        if size == 1:
            size = struct.unpack_from(">Q", head, pos + 8)[0]
        order.append(typ.decode("latin-1"))
        if size < 8:
            break
        pos += size
    if "moov" not in order or "mdat" not in order or order.index("moov") > order.index("mdat"):
        errs.append(f"not faststart (boxes {order})")
    try:
        cues = parse_vtt(vtt.read_text(encoding="utf-8"))
        if abs(cues[-1][1] - dur) > 1.0:
            errs.append(f"mp4 {dur:.2f}s but last cue ends {cues[-1][1]:.2f}s")
    except ValueError as e:
        errs.append(f"vtt: {e}")
    if expect_duration is not None:
        if abs(dur - expect_duration) > 0.15:
            errs.append(f"mp4 {dur:.2f}s, expected {expect_duration:.2f}s")
        if v and int(v[0].get("nb_frames", -1)) != round(expect_duration * FPS):
            errs.append(f"video has {v[0].get('nb_frames')} frames, "
                        f"expected {round(expect_duration * FPS)}")
    jp = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-of", "json", str(jpg)],
        check=True, capture_output=True).stdout)["streams"][0]
    if (jp["width"], jp["height"]) != (W, H):
        errs.append(f"poster is {jp['width']}x{jp['height']}")
    sizes = {p.suffix: p.stat().st_size for p in (mp4, vtt, jpg)}
    if sizes[".mp4"] > 600 * 1024:
        errs.append(f"mp4 is {sizes['.mp4'] // 1024} KiB (> 600 KiB)")
    if sizes[".jpg"] > 30 * 1024:
        errs.append(f"poster is {sizes['.jpg'] // 1024} KiB (> 30 KiB)")
    return errs


def summary(slug: str, out_dir: Path) -> str:
    mp4, vtt, jpg = (out_dir / f"{slug}.{e}" for e in ("mp4", "vtt", "jpg"))
    dur = float(subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(mp4)],
        check=True, capture_output=True, text=True).stdout.strip())
    return (f"{slug:<24} {dur:6.1f} s  mp4 {mp4.stat().st_size / 1024:6.1f} KiB  "
            f"vtt {vtt.stat().st_size / 1024:5.1f} KiB  jpg {jpg.stat().st_size / 1024:5.1f} KiB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("slugs", nargs="*", help="topics to build (default: all)")
    ap.add_argument("--content", type=Path, default=DEFAULT_CONTENT)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--verify-only", action="store_true",
                    help="only check existing outputs")
    args = ap.parse_args()

    if args.slugs:
        paths = []
        for s in args.slugs:
            s = s.removesuffix(".md")
            p = args.content / f"{s}.md"
            if not p.is_file():
                print(f"error: no topic file {p}", file=sys.stderr)
                return 2
            paths.append(p)
    else:
        paths = sorted(args.content.glob("*.md"))
        if not paths:
            print(f"error: no topic files in {args.content}", file=sys.stderr)
            return 2

    fm = FontMetrics(FONT)
    failed = 0
    for p in paths:
        slug = p.stem
        expect = None
        if not args.verify_only:
            try:
                topic = parse_topic(p)
                info = make_topic(fm, topic, args.out)
                expect = info["duration"]
            except (ValueError, RuntimeError, subprocess.CalledProcessError) as e:
                print(f"{slug}: FAILED: {e}", file=sys.stderr)
                failed += 1
                continue
        errs = verify(slug, args.out, expect)
        if errs:
            failed += 1
            for e in errs:
                print(f"{slug}: CHECK FAILED: {e}", file=sys.stderr)
        else:
            print(summary(slug, args.out), flush=True)
    if len(paths) > 1:
        total = sum(f.stat().st_size for f in args.out.glob("*") if f.suffix in (".mp4", ".vtt", ".jpg"))
        print(f"total {args.out}: {total / 1024:.1f} KiB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Cuts a font to some characters and converts its CFF outlines to TrueType
(glyf) outlines with fontTools' subsetter and cu2qu.

duban calls this once per prepared font (the result is cached by content hash):
Chromium embeds CFF fonts in PDFs as Type 3 fonts, TrueType fonts as subset CID
fonts. Usage: cff2ttf.py IN.otf OUT.ttf [UNICODES.txt]
UNICODES.txt lists code points in hex, one per line. The conversion follows
fontTools' Snippets/otf2ttf.py; curves are approximated within 1 font unit
(1/1000 em), far below what print shows.
"""
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

MAX_ERR = 1.0


def cut(font: TTFont, unicodes_file: str) -> None:
    with open(unicodes_file, encoding="ascii") as f:
        unicodes = [int(line, 16) for line in f if line.strip()]
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False  # CFF hints mean nothing once the outlines are TrueType
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def convert(src: str, dst: str, unicodes_file: str = "") -> None:
    font = TTFont(src)
    if unicodes_file:
        cut(font, unicodes_file)
    if "CFF " not in font:
        font.save(dst)  # already TrueType: nothing to convert
        return
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # CFF contours run counter-clockwise, TrueType clockwise.
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    # TrueType rasterisers take the left side bearing from hmtx: keep it equal to xMin.
    hmtx = font["hmtx"]
    for name, g in glyphs.items():
        g.recalcBounds(glyf)
        advance, _ = hmtx[name]
        hmtx[name] = (advance, getattr(g, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID-keyed sources have none worth keeping
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(dst)


def main(argv: list) -> int:
    if len(argv) not in (2, 3):
        print("usage: cff2ttf.py IN.otf OUT.ttf [UNICODES.txt]", file=sys.stderr)
        return 2
    convert(*argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

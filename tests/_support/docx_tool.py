"""Reads or edits a .docx with python-docx (Debian: python3-docx), an OOXML
implementation independent of the one that wrote the file.

usage: docx_tool.py read FILE            -> JSON: styles, sections, paragraphs
       docx_tool.py edit FILE OUT FIND NEW  -> replaces the text of the first
                                           paragraph containing FIND by NEW
                                           (its style kept), saves OUT
"""
import json
import os
import sys

import docx
from docx.oxml.ns import qn


def length(v):
    return None if v is None else int(v)


def read(path):
    d = docx.Document(path)
    styles = []
    for s in d.styles:
        entry = {"name": s.name, "id": s.style_id, "type": str(s.type)}
        rpr = s.element.find(qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None:
            entry["eastAsia"] = fonts.get(qn("w:eastAsia"))
        size = rpr.find(qn("w:sz")) if rpr is not None else None
        if size is not None:
            entry["size"] = int(size.get(qn("w:val"))) / 2
        ppr = s.element.find(qn("w:pPr"))
        if ppr is not None:
            entry["pPr"] = [child.tag.split("}")[1] for child in ppr]
        styles.append(entry)
    sections = []
    for sec in d.sections:
        grid = sec._sectPr.find(qn("w:docGrid"))
        sections.append({
            "start": str(sec.start_type),
            "width": length(sec.page_width), "height": length(sec.page_height),
            "top": length(sec.top_margin), "bottom": length(sec.bottom_margin),
            "left": length(sec.left_margin), "right": length(sec.right_margin),
            "grid": None if grid is None else {k.split("}")[1]: v for k, v in grid.attrib.items()},
        })
    paragraphs = [{"style": p.style.name if p.style is not None else None, "text": p.text} for p in d.paragraphs]
    settings = d.settings.element
    compress = settings.find(qn("w:characterSpacingControl"))
    print(json.dumps({
        "styles": styles,
        "sections": sections,
        "paragraphs": paragraphs,
        "tables": len(d.tables),
        "evenAndOddHeaders": settings.find(qn("w:evenAndOddHeaders")) is not None,
        "characterSpacingControl": None if compress is None else compress.get(qn("w:val")),
        "core": {"title": d.core_properties.title},
    }, ensure_ascii=False))


def edit(path, out, find, new):
    d = docx.Document(path)
    for p in d.paragraphs:
        if find in p.text:
            p.text = new
            os.makedirs(os.path.dirname(out) or '.', exist_ok=True)
            d.save(out)
            print(json.dumps({"style": p.style.name}, ensure_ascii=False))
            return
    sys.exit(f"no paragraph contains {find}")


if __name__ == "__main__":
    if sys.argv[1] == "read":
        read(sys.argv[2])
    elif sys.argv[1] == "edit":
        edit(*sys.argv[2:6])

#!/usr/bin/env python3
"""Makes the document-format fixtures in tests/fixtures/formats/ from the seeds.

Each text-bearing fixture carries the text of one seed, so tests/formats.rs
can check that yoy reads the same figures from it as from the seed:

  cid_font.pdf      seed 001 typeset with reportlab's STSong-Light, a CID
                    font that is not embedded (UniGB-UCS2-H), with a running
                    header and "— N —" page numbers on every page
  numbered.docx     seed 002 as Word XML: its item numbers (一、 (一) 1.) made
                    automatic list numbering in numbering.xml, the numbers
                    taken out of the text, and a table
  from_docx.pdf     numbered.docx printed to PDF by LibreOffice (needs
                    `soffice`; the committed file is used when it is absent)
  tasks.xlsx        seed 001 as a task table: a header row, one row per
                    paragraph; a second sheet whose header carries the unit
  portal_gbk.html   seed 000 as a GBK page saved from a portal, with
                    navigation, breadcrumbs, a link list and a footer
  scanned.pdf       an image-only PDF (no text layer)
  random.bin        random bytes without NUL (seeded, reproducible)

Needs: pip install reportlab python-docx openpyxl. Run from the repository
root: python3 scripts/make_fixtures.py
"""

import io
import os
import random
import re
import shutil
import subprocess
import tempfile
import zipfile

OUT = "tests/fixtures/formats"


def seed(name):
    with open(os.path.join("seeds", name), encoding="utf-8") as f:
        return f.read()


def paragraphs(text):
    return [line.strip() for line in text.split("\n") if line.strip()]


def cid_pdf(text, path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle(
        "body", fontName="STSong-Light", fontSize=12, leading=20,
        wordWrap="CJK", firstLineIndent=24, spaceAfter=6,
    )

    def page(canvas, doc):
        canvas.saveState()
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 15 * mm, "青岛市人民政府办公厅 2024年市办实事项目")
        canvas.drawCentredString(A4[0] / 2, 12 * mm, "— %d —" % doc.page)
        canvas.restoreState()

    doc = SimpleDocTemplate(path, pagesize=A4, topMargin=25 * mm, bottomMargin=25 * mm,
                            invariant=1, title="2024年青岛15件市办实事")
    story = [Paragraph(p.replace("&", "&amp;").replace("<", "&lt;"), style) for p in paragraphs(text)]
    doc.build(story, onFirstPage=page, onLaterPages=page)


# Item numbers of the key-task list and the list each makes: sections
# 一、 (with sub-sections （一） below them), and the tasks 1. 2. … numbered
# on through the whole list, as a list of their own.
LEVELS = [
    (re.compile(r"^([一二三四五六七八九十]+)、"), 1, 0),
    (re.compile(r"^\(([一二三四五六七八九十]+)\)"), 1, 1),
    (re.compile(r"^(\d+)\."), 2, 0),
]
ABSTRACT = {
    1: [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")],
    2: [("decimal", "%1.")],
}

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def docx(text, path):
    body = []
    for p in paragraphs(text):
        numpr = ""
        for rx, num, lvl in LEVELS:
            m = rx.match(p)
            if m:
                p = p[m.end():]
                numpr = f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>'
                break
        body.append(f'<w:p><w:pPr>{numpr}</w:pPr><w:r><w:t xml:space="preserve">{esc(p)}</w:t></w:r></w:p>')
    # A table: the header row and two rows of figures restated from the text.
    rows = [("指标", "目标"), ("新增城镇就业", "35万人"), ("新增托位", "6000个")]
    cells = lambda r: "".join(f"<w:tc><w:p><w:r><w:t>{esc(c)}</w:t></w:r></w:p></w:tc>" for c in r)
    table = "<w:tbl>" + "".join(f"<w:tr>{cells(r)}</w:tr>" for r in rows) + "</w:tbl>"
    body.append('<w:p><w:r><w:t>附表 主要指标</w:t></w:r></w:p>')
    body.append(table)
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'
                + "".join(body) + "<w:sectPr/></w:body></w:document>")
    abstracts = "".join(
        f'<w:abstractNum w:abstractNumId="{a}">'
        + "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                  f'<w:lvlText w:val="{txt}"/></w:lvl>' for i, (fmt, txt) in enumerate(lv))
        + "</w:abstractNum>" for a, lv in ABSTRACT.items())
    nums = "".join(f'<w:num w:numId="{a}"><w:abstractNumId w:val="{a}"/></w:num>' for a in ABSTRACT)
    numbering = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}>'
                 f'{abstracts}{nums}</w:numbering>')
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
                '</Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("[Content_Types].xml", ct), ("_rels/.rels", rels),
                           ("word/document.xml", document), ("word/_rels/document.xml.rels", doc_rels),
                           ("word/numbering.xml", numbering)]:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def pdf_from_docx(src, path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print(f"note: soffice not found; {path} left as committed")
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, src],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.move(os.path.join(tmp, os.path.basename(src)[:-5] + ".pdf"), path)


def xlsx(text, path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "市办实事"
    ws.append(["内容"])
    for p in paragraphs(text):
        ws.append([p])
    # The unit lives in the header, as task tables write it.
    ws2 = wb.create_sheet("投资")
    ws2.append(["单位：亿元"])
    ws2.append(["项目", "总投资", "年度计划投资"])
    ws2.append(["地铁6号线一期", 228, 35.5])
    ws2.append(["项目", "长度（公里）"])
    ws2.append(["农村供水主管网", 70])
    wb.properties.creator = "yoy"
    import datetime
    wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
    wb.save(path)


def portal_html(text, path):
    nav = "".join(f'<li><a href="/{i}.html">{w}</a></li>' for i, w in
                  enumerate(["首页", "政务公开", "2024年计划", "办事服务", "互动交流", "数据开放"]))
    crumbs = '<div class="crumbs"><a href="/">首页</a> &gt; <a href="/xw/">新闻中心</a> &gt; <a href="/xw/qd/">青岛要闻</a></div>'
    links = "".join(f'<li><a href="/x{i}.html">青岛新闻第{i}期:市区新增绿地{i * 10}公顷</a></li>' for i in range(1, 6))
    body = "".join(f"<p>{esc(p)}</p>\n" for p in paragraphs(text))
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>青岛市人民政府 青岛要闻</title>
<style>body {{ font: 14px sans-serif }}</style><script>var visits = 123456;</script></head>
<body>
<header><div class="logo">青岛市人民政府 2024</div><ul class="nav">{nav}</ul></header>
{crumbs}
<div class="main"><div class="content">
<h1>青岛市住建、生态环境、人社系统2023年成绩与2024年工作</h1>
<div class="info">来源:观海新闻 发布时间:2024-01-25 浏览次数:3021</div>
{body}
</div>
<div class="related"><h3>相关新闻</h3><ul>{links}</ul></div>
</div>
<footer><p>主办:青岛市人民政府办公厅 <a href="/map">网站地图</a> 联系电话:0532-12345678 鲁ICP备05003039号</p></footer>
</body></html>
"""
    with open(path, "wb") as f:
        f.write(page.encode("gbk"))


def scanned_pdf(path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from PIL import Image, ImageDraw

    img = Image.new("L", (600, 800), 255)
    d = ImageDraw.Draw(img)
    for y in range(60, 760, 24):
        d.rectangle([60, y, 540 - (y * 7) % 120, y + 10], fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, A4[0], A4[1])
    c.showPage()
    c.save()


def random_bytes(path):
    rng = random.Random(20240101)
    with open(path, "wb") as f:
        f.write(bytes(rng.randrange(1, 256) for _ in range(200_000)))


def main():
    os.makedirs(OUT, exist_ok=True)
    out = lambda n: os.path.join(OUT, n)
    cid_pdf(seed("001_a9bf2c6de2e6aed3.txt"), out("cid_font.pdf"))
    docx(seed("002_3d3cdc7cbf504bdd.txt"), out("numbered.docx"))
    pdf_from_docx(out("numbered.docx"), out("from_docx.pdf"))
    xlsx(seed("001_a9bf2c6de2e6aed3.txt"), out("tasks.xlsx"))
    portal_html(seed("000_25ce8405e5d1b496.txt"), out("portal_gbk.html"))
    scanned_pdf(out("scanned.pdf"))
    random_bytes(out("random.bin"))


if __name__ == "__main__":
    main()

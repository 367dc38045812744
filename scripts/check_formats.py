#!/usr/bin/env python3
"""Checks the document readers on the provincial reports in ../shared.

For each report (plain text) it makes, in a scratch folder (never in the
repository): a DOCX (python-docx), a PDF printed from that DOCX and an old
binary .doc (LibreOffice, `soffice`), and a PDF typeset with reportlab's
non-embedded CID font STSong-Light; then runs `yoy extract` on each and
scores its figures against the plain text's: F1 over (value, unit, year,
kind, qualifier, metric). The .doc must be refused (exit 2).

Needs: a release build (target/release/yoy), pdftotext, soffice,
pip install reportlab python-docx. Run from the repository root:
python3 scripts/check_formats.py [SHARED_DIR]
"""

import collections
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from make_fixtures import cid_pdf, paragraphs  # noqa: E402

YOY = os.path.abspath("target/release/yoy")
REGIONS = {"henan": "河南省", "hunan": "湖南省", "jilin": "吉林省"}


def figures(path, region, year):
    d = tempfile.mkdtemp()
    name = os.path.basename(path)
    shutil.copy(path, os.path.join(d, name))
    with open(os.path.join(d, "manifest.toml"), "w", encoding="utf-8") as f:
        f.write(f'[[document]]\nfile = "{name}"\nregion = "{region}"\nkind = "work_report"\nyear = {year}\n')
    p = subprocess.run([YOY, "extract", d], capture_output=True)
    shutil.rmtree(d)
    if p.returncode != 0:
        return None, p.returncode, p.stderr.decode("utf-8", "replace").strip()
    rows = csv.DictReader(io.StringIO(p.stdout.decode("utf-8")))
    keys = collections.Counter(
        (r["value"], r["unit"], r["year"], r["kind"], r["qualifier"],
         "auto:<unique>" if "@" in r["metric"] else r["metric"])
        for r in rows)
    return keys, 0, ""


def f1(got, want):
    tp = sum((got & want).values())
    p = tp / max(1, sum(got.values()))
    r = tp / max(1, sum(want.values()))
    return 2 * p * r / max(1e-9, p + r), p, r


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
    folder = os.path.join(shared, "corpus", "provinces")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    from docx import Document

    scratch = tempfile.mkdtemp(prefix="yoy-formats-")
    totals = collections.defaultdict(lambda: [0, 0, 0])
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        src = os.path.join(folder, name)
        stem = name[:-4]
        region = REGIONS.get(stem.split("_")[0], stem)
        year = int(stem.split("_")[1])
        with open(src, encoding="utf-8") as f:
            text = f.read()
        base, _, _ = figures(src, region, year)
        made = {}
        doc = Document()
        for p in paragraphs(text):
            doc.add_paragraph(p)
        made["docx"] = os.path.join(scratch, stem + ".docx")
        doc.save(made["docx"])
        made["cid.pdf"] = os.path.join(scratch, stem + ".cid.pdf")
        cid_pdf(text, made["cid.pdf"])
        if soffice:
            for fmt, ext in [("pdf", "docx.pdf"), ("doc", "doc")]:
                out = os.path.join(scratch, fmt)
                subprocess.run([soffice, "--headless", "--convert-to", fmt, "--outdir", out, made["docx"]],
                               check=True, capture_output=True)
                made[ext] = os.path.join(scratch, stem + "." + ext)
                shutil.move(os.path.join(out, stem + "." + fmt), made[ext])
        for kind, path in made.items():
            if kind == "doc":
                # Named on the command line, as a folder would only skip it.
                p = subprocess.run([YOY, "extract", path], capture_output=True)
                code, err = p.returncode, p.stderr.decode("utf-8", "replace").strip()
                ok = code == 2 and os.path.basename(path) in err and ".docx" in err
                print(f"{stem:28} {kind:9} refused={'yes' if ok else 'NO'}  {err[:90]}")
                continue
            got, code, err = figures(path, region, year)
            if got is None:
                print(f"{stem:28} {kind:9} FAILED exit {code}: {err[:120]}")
                continue
            f, p, r = f1(got, base)
            tp = sum((got & base).values())
            t = totals[kind]
            t[0] += tp
            t[1] += sum(got.values())
            t[2] += sum(base.values())
            print(f"{stem:28} {kind:9} figures {sum(got.values()):4}/{sum(base.values()):4}  "
                  f"P={p:.3f} R={r:.3f} F1={f:.3f}")
    for kind, (tp, g, w) in totals.items():
        p, r = tp / max(1, g), tp / max(1, w)
        print(f"{'all':28} {kind:9} figures {g:4}/{w:4}  P={p:.3f} R={r:.3f} F1={2 * p * r / max(1e-9, p + r):.3f}")
    shutil.rmtree(scratch)


if __name__ == "__main__":
    main()

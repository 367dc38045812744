#!/usr/bin/env python3
"""Throughput of Microsoft Recognizers-Text (Chinese number model) on the
same text yoy reads: every .txt file of a folder, paragraph by paragraph.

  pip install recognizers-text-number "emoji<1.0"
  python3 scripts/peer.py DIR [MAX_MB]

Prints: bytes, seconds, MB/s, numbers found.
"""
import os, sys, time
from recognizers_number import NumberRecognizer
from recognizers_text import Culture

folder = sys.argv[1]
max_bytes = int(float(sys.argv[2]) * 1048576) if len(sys.argv) > 2 else None
texts, total = [], 0
for name in sorted(os.listdir(folder)):
    if not name.endswith(".txt"):
        continue
    t = open(os.path.join(folder, name), encoding="utf-8").read()
    texts.append(t)
    total += len(t.encode("utf-8"))
    if max_bytes and total >= max_bytes:
        break
model = NumberRecognizer(Culture.Chinese).get_number_model()
found = 0
start = time.perf_counter()
for t in texts:
    for para in t.split("\n"):
        if para.strip():
            found += len(model.parse(para))
secs = time.perf_counter() - start
print(f"bytes={total} seconds={secs:.2f} mb_per_s={total / 1048576 / secs:.3f} numbers={found}")

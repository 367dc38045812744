#!/usr/bin/env python3
"""The code's shape, for reviews of issue 11's rules: lines of code per
file under src/ (no blank or comment lines, test modules aside; none may
pass 800), the top-level module import graph and its cycles (there must be
none), and the code lines holding a string or char literal with Chinese in
it outside the numeral grammar (src/numbers/), three ways: Chinese words
(2+ Han characters), any Han character, any CJK character or glyph.

    python3 scripts/layout.py [REPO]
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
src = root / "src"
LIT = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)\'')
KINDS = {
    "Chinese words": re.compile(r"[\u3400-\u9fff]{2,}"),
    "Han characters": re.compile(r"[\u3400-\u9fff]"),
    "CJK and glyphs": re.compile(
        r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014\u2018-\u201d\u25a0-\u25ff\u2605\u2606]"
    ),
}


def code_lines(p):
    """(number, line) of each code line before the test module."""
    for i, line in enumerate(p.read_text().split("\n"), 1):
        s = line.strip()
        if s.startswith("#[cfg(test)]"):
            return
        if s and not s.startswith("//"):
            yield i, line


files = sorted(src.rglob("*.rs"))
print("lines of code (largest 8):")
loc = sorted(((sum(1 for _ in code_lines(p)), p) for p in files), reverse=True)
for n, p in loc[:8]:
    print(f"  {n:5} {p.relative_to(root)}")

graph = {}
for p in files:
    parts = p.relative_to(src).parts
    if parts[0] in ("main.rs", "lib.rs", "bin", "cmd"):
        continue
    m = parts[0].removesuffix(".rs")
    text = "\n".join(l for _, l in code_lines(p))
    graph.setdefault(m, set()).update(d for d in re.findall(r"crate::(\w+)", text) if d != m)


def cycles(g):
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in g.get(v, ()):
            if w not in g:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


print("module imports:")
for m in sorted(graph):
    print(f"  {m:10} -> {', '.join(sorted(graph[m])) or '-'}")
print("import cycles:", cycles(graph) or "none")

print("code lines with Chinese literals (outside src/numbers/):")
for name, pat in KINDS.items():
    per = {}
    for p in files:
        if p.relative_to(src).parts[0] in ("numbers", "numbers.rs"):
            continue
        n = sum(
            1
            for _, l in code_lines(p)
            if any(pat.search(m.group()) for m in LIT.finditer(l))
        )
        if n:
            per[str(p.relative_to(root))] = n
    detail = ", ".join(f"{f} {n}" for f, n in sorted(per.items(), key=lambda x: -x[1]))
    print(f"  {name}: {sum(per.values())} ({detail})")

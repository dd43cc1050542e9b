#!/usr/bin/python3
"""Checks that the layout docs/ARCHITECTURE.md describes is the layout of the code (stdlib only).

1. The module graph: the table "Module dependencies" of docs/ARCHITECTURE.md lists, per Maven module,
   the marquee-* modules it depends on (compile scope, and test scope apart); it must equal the
   <dependencies> of every module's pom.xml.
2. No cycle between the Java packages of the main sources (imports and fully qualified names in
   code, comments ignored), across all modules.
3. Every package of the main sources has a package-info.java.

Usage: /usr/bin/python3 tests/e2e/architecture_check.py   (exit 0 when all hold, 1 otherwise)
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

HOME = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def modules():
    root = ET.parse(os.path.join(HOME, "pom.xml")).getroot()
    return [m.text for m in root.find("m:modules", NS)]


def pom_edges(module):
    """{(dependency module, scope)} of marquee-* dependencies; scope compile or test."""
    root = ET.parse(os.path.join(HOME, module, "pom.xml")).getroot()
    out = set()
    for d in root.find("m:dependencies", NS) or []:
        group, artifact = d.find("m:groupId", NS).text, d.find("m:artifactId", NS).text
        if group != "com.marquee" or not artifact.startswith("marquee-"):
            continue
        scope = d.find("m:scope", NS)
        out.add((artifact[len("marquee-"):], "test" if scope is not None and scope.text == "test" else "compile"))
    return out


def doc_edges():
    """{module: {(dependency, scope)}} from the table under '## Module dependencies'."""
    text = open(os.path.join(HOME, "docs/ARCHITECTURE.md"), encoding="utf-8").read()
    section = text.split("## Module dependencies", 1)[1].split("\n## ", 1)[0]
    out = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        names = lambda cell: {n for n in re.findall(r"`([\w-]+)`", cell)}
        out[cells[0].strip("`")] = {(n, "compile") for n in names(cells[1])} | {(n, "test") for n in names(cells[2])}
    return out


def package_edges():
    edges, packages, infos = {}, set(), set()
    for module in modules():
        base = os.path.join(HOME, module, "src/main/java")
        for d, _, files in os.walk(base):
            for f in files:
                if not f.endswith(".java"):
                    continue
                src = open(os.path.join(d, f), encoding="utf-8").read()
                m = re.search(r"^package ([\w.]+);", src, re.M)
                if not m:
                    continue
                pkg = m.group(1)
                packages.add(pkg)
                if f == "package-info.java":
                    infos.add(pkg)
                code = re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", "", src, flags=re.S))
                for ref in re.findall(r"\b(com\.marquee(?:\.[a-z]\w*)+)\.[A-Z]", code):
                    if ref != pkg:
                        edges.setdefault(pkg, set()).add(ref)
    return edges, packages, infos


def cycles(edges):
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
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
                found.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def main():
    failures = []
    documented = doc_edges()
    for module in modules():
        actual = pom_edges(module)
        if documented.get(module) != actual:
            failures.append("module %s: pom.xml depends on %s, docs/ARCHITECTURE.md says %s"
                            % (module, sorted(actual), sorted(documented.get(module, set()))))
    for extra in sorted(set(documented) - set(modules())):
        failures.append("docs/ARCHITECTURE.md lists %s, which is not a module of pom.xml" % extra)
    edges, packages, infos = package_edges()
    for comp in cycles(edges):
        failures.append("package cycle: " + " <-> ".join(comp))
    for pkg in sorted(packages - infos):
        failures.append("package %s has no package-info.java" % pkg)
    for f in failures:
        print("FAIL " + f)
    print("architecture: %d modules, %d packages, %d package dependencies, %d failures"
          % (len(modules()), len(packages), sum(len(v) for v in edges.values()), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

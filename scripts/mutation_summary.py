#!/usr/bin/env python3
"""Prints the mutation score per folder from Stryker's JSON reports (StrykerOutput/*/reports/mutation-report.json).

Given several reports of the same code (runs with different tests), each mutant counts as killed if any run killed
it (the whole suite is unit and web tests together), as surviving if any run covered it without killing it, and as
uncovered only if no run's tests reached it. With --survivors, lists each mutant left alive (file:line, mutator,
replacement).
"""
import json
import sys

GROUPS = [
    ("Scoring/", "Scoring/"),
    ("  of which Scoring/SmallNumbers.cs", "Scoring/SmallNumbers.cs"),
    ("Auditing/", "Auditing/"),
    ("Training/TrainingRules.cs", "Training/TrainingRules.cs"),
    ("Cases/ReportCase.cs", "Cases/ReportCase.cs"),
]
COUNTED = ("Killed", "Timeout", "Survived", "NoCoverage")


def relative(path):
    marker = "Compliance.Core/"
    return path[path.index(marker) + len(marker):] if marker in path else path


# The better of two results for one mutant: killed (or timed out) over survived over not covered over the rest.
RANK = {"Killed": 4, "Timeout": 4, "Survived": 3, "NoCoverage": 2}


def key(mutant):
    start, end = mutant["location"]["start"], mutant["location"]["end"]
    return (start["line"], start["column"], end["line"], end["column"], mutant["mutatorName"], mutant.get("replacement"))


def load(paths):
    files = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        for name, data in report["files"].items():
            known = files.setdefault(relative(name), {"source": data["source"], "mutants": {}})["mutants"]
            for m in data["mutants"]:
                if RANK.get(m["status"], 0) >= RANK.get(known.get(key(m), {}).get("status"), 0):
                    known[key(m)] = m
    return {name: {"source": data["source"], "mutants": list(data["mutants"].values())} for name, data in files.items()}


def main(args):
    survivors = "--survivors" in args
    paths = [a for a in args if not a.startswith("--")]
    if not paths:
        sys.exit("usage: mutation_summary.py [--survivors] REPORT.json [MORE.json ...]")
    files = load(paths)
    print(f"{'Folder or file':38} {'killed':>7} {'timeout':>8} {'survived':>9} {'no cover':>9} {'total':>6} {'score':>7}")
    for label, prefix in GROUPS:
        counts = {s: 0 for s in COUNTED}
        for name, data in files.items():
            if name.startswith(prefix):
                for m in data["mutants"]:
                    if m["status"] in counts:
                        counts[m["status"]] += 1
        total = sum(counts.values())
        score = 100.0 * (counts["Killed"] + counts["Timeout"]) / total if total else 0.0
        print(f"{label:38} {counts['Killed']:7} {counts['Timeout']:8} {counts['Survived']:9} {counts['NoCoverage']:9} {total:6} {score:6.1f}%")
    if survivors:
        for name in sorted(files):
            lines = files[name]["source"].splitlines()
            for m in sorted(files[name]["mutants"], key=lambda m: m["location"]["start"]["line"]):
                if m["status"] in ("Survived", "NoCoverage"):
                    line = m["location"]["start"]["line"]
                    code = lines[line - 1].strip() if line <= len(lines) else ""
                    print(f"{m['status']:10} {name}:{line} {m['mutatorName']} -> {m.get('replacement', '')!r:.80} | {code:.100}")


if __name__ == "__main__":
    main(sys.argv[1:])

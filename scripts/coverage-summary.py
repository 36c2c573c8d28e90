#!/usr/bin/env python3
"""Sums gcovr's JSON summary per top-level folder (core, providers, app, cli,
gateway, mcp) and per part of core/ and providers/, prints the table and
writes it to the given file.

Usage: coverage-summary.py SUMMARY.json OUTPUT.txt"""
import json
import sys
from collections import defaultdict


def main():
    summary_path, out_path = sys.argv[1], sys.argv[2]
    with open(summary_path, encoding="utf-8") as f:
        summary = json.load(f)

    folders = defaultdict(lambda: [0, 0])
    parts = defaultdict(lambda: [0, 0])
    for entry in summary["files"]:
        path = entry["filename"]
        top, _, rest = path.partition("/")
        covered, total = entry["line_covered"], entry["line_total"]
        folders[top][0] += covered
        folders[top][1] += total
        sub = rest.split("/")[0] if "/" in rest else "(top)"
        parts[f"{top}/{sub}"][0] += covered
        parts[f"{top}/{sub}"][1] += total

    def row(name, covered, total):
        percent = 100.0 * covered / total if total else 100.0
        return f"{name:<28} {covered:>7} / {total:<7} {percent:6.1f}%"

    lines = [f"{'folder':<28} {'lines covered':>17} {'':>7}"]
    order = ["core", "providers", "app", "cli", "gateway", "mcp"]
    for name in order + sorted(set(folders) - set(order)):
        if name in folders:
            lines.append(row(name, *folders[name]))
    lines.append(row("total", summary["line_covered"], summary["line_total"]))
    lines.append("")
    for name in sorted(parts):
        lines.append(row(name, *parts[name]))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()

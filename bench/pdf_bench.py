"""Time to read a 40-page PDF (not a test): minutes of many items with a decision table, and the
initiative overview as a table over many pages, made in Word format and turned into PDF by LibreOffice.

    .venv/bin/python bench/pdf_bench.py [--pages 40] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.detect import parse_file  # noqa: E402
from loaders.reference import load_reference  # noqa: E402
from tests.conftest import seed  # noqa: E402
from tests.documents import Writer, pages, to_pdf  # noqa: E402
from tests.test_documents import overview_writer  # noqa: E402


def minutes(items: int) -> Writer:
    seed_text = seed("003").read_text().splitlines()
    body = [line for line in seed_text[40:400] if line.strip()]
    writer = Writer().para("Udvalg: Sundhedsstyregruppen").para("Mødedato: 12. september 2025 kl. 12:30")
    writer.para("Mødested: Regionshuset Viborg")
    writer.table(["Pkt.", "Emne", "Beslutning"], [[str(n), f"Sag nummer {n}", "Godkendt."] for n in range(1, items + 1)])
    for n in range(1, items + 1):
        writer.para(f"Sagnr.: 1-01-72-{n}-25").para(f"{n}. Sag nummer {n}").para("Sagsfremstilling")
        writer.paras("\n".join(body[(n * 7) % 300:(n * 7) % 300 + 12]))
        writer.para("Beslutning").para("Godkendt som indstillet.")
    return writer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ref = load_reference(ROOT / "data" / "reference")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        items = 10
        while True:  # grow the minutes until they fill the pages asked for
            pdf = to_pdf([minutes(items).save(folder / "referat.docx")], folder)[0]
            if pages(pdf) >= args.pages:
                break
            items = int(items * args.pages / max(pages(pdf), 1)) + 2
        overview_pdf = to_pdf([overview_writer().save(folder / "overblik.docx")], folder)[0]
        for path, what in ((pdf, "minutes"), (overview_pdf, "overview")):
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                parsed = parse_file(path, ref)
                times.append(time.perf_counter() - started)
            count = len(parsed.get("items") or parsed.get("initiatives") or [])
            print(f"pdf {what}: {pages(path)} pages, {count} records, parse median {statistics.median(times):.2f} s "
                  f"({statistics.median(times) / pages(path) * 1000:.0f} ms a page), runs {len(times)}")


if __name__ == "__main__":
    main()

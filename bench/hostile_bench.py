"""The hostile set, each file read by the parse worker (loaders/limits.py) as the app reads an upload: the
worker's CPU seconds per KB of file and its peak memory, and how the file ended (read, or refused with which
reason). A benchmark, not a test: `python bench/hostile_bench.py`.

Each file is parsed from a fresh measuring process, so the peak is that file's worker's own. The floor beside
each: the same worker reading only the file's bytes (fork, limits, pipe), in the same run."""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.connection
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders import limits  # noqa: E402
from loaders.reference import load_reference  # noqa: E402
from tests.test_hostile_files import BOMB_OP, _text, _without_sections, pdf  # noqa: E402


def _docx_without_sections() -> bytes:
    import docx

    document = docx.Document()
    for line in ["Punkt 1: Godkendelse af dagsorden", "Beslutning: Godkendt."] * 200:
        document.add_paragraph(line)
    return _without_sections(document)


def hostile_set(folder: Path) -> dict[str, Path]:
    seeds = ROOT / "data" / "sources"
    overview = next(seeds.glob("000_*")).read_text(encoding="utf-8")
    minutes = next(seeds.glob("001_*")).read_text(encoding="utf-8")
    status = next(seeds.glob("002_*")).read_text(encoding="utf-8")
    files = {
        "pdf-bomb.pdf": pdf([_text(720, "Referat af mødet") + BOMB_OP * 160_000]),
        "docx-uden-sectPr.docx": _docx_without_sections(),
        "overblik-300kb-datoer.txt": overview.replace("\nPrimo 2025\t", "\nPrimo 2025\t" + "1/1-25 " * 43_000, 1)
        .encode("utf-8"),
        "referat-300kb-punkt.txt": (minutes + "\nPunkt 9: " + "Punkt 1. " * 33_000 + "\nBeslutning: Godkendt.\n")
        .encode("utf-8"),
        "referat-300kb-blanke.txt": (minutes + "\nBeslutning: Godkendt," + " " * 300_000 + "at\n").encode("utf-8"),
        "status-300kb-pile.txt": (status[:4000] + "\n" + "↑ 12,5 % " * 30_000 + "\n" + status[4000:]).encode("utf-8"),
        "udtraek-300kb-celle.csv": ("indikator;kode;periode;værdi\nacute_admissions_65plus;751;2025M01;"
                                    + "1." * 150_000 + "\n").encode("utf-8"),
        "udtraek-300kb-semikolon.csv": ("indikator;kode;periode;værdi\n" + ";" * 300_000 + "\n").encode("utf-8"),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    os.mkfifo(folder / "pipe.csv")
    paths["pipe.csv"] = folder / "pipe.csv"
    return paths


def _read_only(path: Path, *args: object) -> dict[str, object]:
    return {"kind": "bytes", "size": len(path.read_bytes())}


def _measure(path: str, out: multiprocessing.connection.Connection, floor: bool = False) -> None:
    """In a fresh process: one parse of ``path`` by a worker; ``floor``: the same worker only reading the bytes
    (the fork, the limits and the pipe: what any parse in a worker costs)."""
    if floor:
        limits._source = _read_only  # (this process's own copy of the module; the worker is its fork)
    ref = load_reference(ROOT / "data" / "reference")
    started = time.perf_counter()
    try:
        parsed = limits.parse_file(Path(path), ref, stream=True)
        rows = parsed.get("observation_rows")
        if rows is not None:
            sum(len(c) for c in rows.chunks())
        outcome = f"read ({parsed['kind']})"
    except Exception as exc:  # noqa: BLE001 - the outcome is the point
        outcome = f"refused: {getattr(exc, 'problem', exc)}"[:110]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    out.send({"cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
              "wall": time.perf_counter() - started, "outcome": outcome})


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = hostile_set(Path(tmp))
        context = multiprocessing.get_context("fork")
        results = {}
        for name, path in paths.items():
            for floor in (False, True):
                receive, send = context.Pipe(duplex=False)
                proc = context.Process(target=_measure, args=(str(path), send, floor))
                proc.start()
                got = receive.recv()
                proc.join()
                if floor:
                    results[name]["floor_cpu"] = got["cpu"]
                else:
                    results[name] = got
            size_kb = max(1, path.stat().st_size // 1024) if path.is_file() else 0
            results[name]["kb"] = size_kb
            r = results[name]
            per_kb = f"{1000 * r['cpu'] / size_kb:7.3f} ms/KB" if size_kb else "      –     "
            print(f"{name:28} {size_kb:4} KB  CPU {r['cpu']:5.2f} s (floor {r['floor_cpu']:4.2f} s, "
                  f"{r['cpu'] / max(r['floor_cpu'], 0.001):4.1f}x)  {per_kb}  peak {r['peak_mb']:3.0f} MB  "
                  f"{r['outcome'][:60]}")
        files = [r for r in results.values() if r["kb"]]
        worst = max(files, key=lambda r: r["cpu"] / r["kb"])
        print(f"worst: {1000 * worst['cpu'] / worst['kb']:.3f} ms of CPU per KB; highest peak "
              f"{max(r['peak_mb'] for r in results.values()):.0f} MB")
        print(json.dumps(results, ensure_ascii=False), file=sys.stderr)


if __name__ == "__main__":
    main()

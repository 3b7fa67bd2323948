"""Benchmark: latency from one answer in the area walkthrough to the re-scored screen.

    python bench/tui_rescore.py [--edits 200]

Measures, for ``--edits`` alternating answers to 三(2) dress violations on the typical county:

1. engine: ``Session.set`` alone (record the edit, ``checking.score`` on all areas);
2. handler: ``UcmApp.answer``, the whole synchronous work an answer triggers (engine + updating
   the area header, every rule card's status and the top bar);
3. to paint: from setting the input's value to the screen being idle again (Textual's message
   round trip and the repaint included), through Pilot in a headless app; ``idle`` is the same
   ``pilot.pause()`` with nothing changed, Pilot's own floor, to subtract. Wall time includes
   Textual's frame-rate timers (it sleeps between refreshes); CPU time is the work itself.

Aim: under 16 ms (one frame at 60 Hz). Results go by hand into docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "profiles" / "hunan-county-typical.toml"


def report(name: str, samples: list[float]) -> None:
    samples = sorted(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"{name:<9} median {statistics.median(samples) * 1000:6.2f} ms   p95 {p95 * 1000:6.2f} ms   max {samples[-1] * 1000:6.2f} ms")


async def measure(edits: int) -> None:
    from textual.widgets import Input

    from ucm_check.engine.host import build_host
    from ucm_check.tui.app import UcmApp

    folder = Path(tempfile.mkdtemp())
    path = folder / "t.toml"
    shutil.copy(PROFILE, path)
    app = UcmApp(build_host(entry_points=False), path)
    engine, handler, paint, idle, paint_cpu, idle_cpu = [], [], [], [], [], []
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_area("uniform")
        await pilot.pause()
        for i in range(edits):
            start = time.perf_counter()
            app.session.set("uniform", "dress_violations", i % 11)
            engine.append(time.perf_counter() - start)
        for i in range(edits):
            start = time.perf_counter()
            app.answer("uniform", "dress_violations", i % 11)
            handler.append(time.perf_counter() - start)
        box = app.screen.query_one("#fact-uniform-dress_violations Input", Input)
        for i in range(edits):
            start, cpu = time.perf_counter(), time.process_time()
            box.value = str(i % 11)
            await pilot.pause()
            paint.append(time.perf_counter() - start)
            paint_cpu.append(time.process_time() - cpu)
        for _ in range(edits):
            start, cpu = time.perf_counter(), time.process_time()
            await pilot.pause()
            idle.append(time.perf_counter() - start)
            idle_cpu.append(time.process_time() - cpu)
        app.session.editor.edits.clear()
        app.session.editor.discard_draft()
    shutil.rmtree(folder)
    report("engine", engine)
    report("handler", handler)
    report("to paint", paint)
    report("idle", idle)
    report("paint cpu", paint_cpu)
    report("idle cpu", idle_cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    asyncio.run(measure(parser.parse_args().edits))


if __name__ == "__main__":
    main()

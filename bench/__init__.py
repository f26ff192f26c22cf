"""``python -m bench`` (``make bench``): performance figures of the conformance harness.

It prints figures, it asserts nothing about time. Measured in one run on this machine:

1. start-up: the three servers (Sirene fake, SMTP capture, reference implementation) and Chromium;
2. the full suite from the command a user types (``chorus-conformance``), serially and with ``-n 2``,
   with per-channel scenario costs from ``verdict.json``;
3. the harness's overhead on the complete sign-up: the harness's scenario ``T_PARCOURS_COMPLET`` on the
   browser channel versus a bare Playwright script (``bench/bare_playwright.py``) against the same
   running implementation;
4. the reference implementation's own throughput over plain HTTP, and where its time goes;
5. what axe-core on every page adds to the browser channel (issue 14);
6. the browser channel on a remote Playwright browser server against a local Chromium, per scenario (issue 16);
7. the seeded-fault kill matrix (``make mutants``), wall time and CPU-seconds (issue 16).

Every run of a command is timed from the command to its end, wall and CPU-seconds (the CPU of the process and
all its descendants: pytest, its workers, Chromium, the servers), the figure that does not move with the load
of the machine.

Modules: ``services`` (start/stop the servers), ``demarrage``, ``suite``, ``surcout`` (+ ``repetition``,
a small pytest plugin), ``bare_playwright``, ``debit``, ``rapport``, ``machine``.
"""

CIBLES = {
    "suite_s": 20.0,          # full suite wall time, both channels, command to verdict, default options (issue 16)
    "suite_cpu_s": 22.0,      # CPU-seconds of that run, every process included (issue 16)
    "http_scenario_s": 0.1,   # mean cost of an HTTP-channel scenario
    "surcout_ratio": 1.15,    # harness / bare Playwright, full sign-up (issue 16)
    "demarrage_s": 3.0,       # three servers and Chromium
    "mutants_s": 300.0,       # make mutants, every seeded fault, control included (issue 16)
}

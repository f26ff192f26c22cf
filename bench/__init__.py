"""``python -m bench`` (``make bench``): performance figures of the conformance harness.

It prints figures, it asserts nothing about time. Measured in one run on this machine:

1. start-up: the three servers (Sirene fake, SMTP capture, reference implementation) and Chromium;
2. the full suite from the command a user types (``chorus-conformance``), serially and with ``-n 2``,
   with per-channel scenario costs from ``verdict.json``;
3. the harness's overhead on the complete sign-up: the harness's scenario ``T_PARCOURS_COMPLET`` on the
   browser channel versus a bare Playwright script (``bench/bare_playwright.py``) against the same
   running implementation;
4. the reference implementation's own throughput over plain HTTP, and where its time goes.

Modules: ``services`` (start/stop the servers), ``demarrage``, ``suite``, ``surcout`` (+ ``repetition``,
a small pytest plugin), ``bare_playwright``, ``debit``, ``rapport``, ``machine``.
"""

CIBLES = {
    "suite_s": 60.0,          # full suite wall time, both channels, with start-up and reports
    "http_scenario_s": 0.1,   # mean cost of an HTTP-channel scenario
    "surcout_ratio": 1.3,     # harness / bare Playwright, full sign-up
    "demarrage_s": 3.0,       # three servers and Chromium
}

"""The CI size gate: checks, baselines, attribution and reports (``imgopt gate``).

The flow, one module per concern:

- :mod:`.expr`: check expressions (``size:300MB``, ``size:+5%``, ``efficiency:0.9``...) and
  :mod:`.units` (``MB`` = 10^6 bytes, ``MiB`` = 2^20 bytes).
- :mod:`.config`: checks from ``--check``, ``imgopt.toml``, ``pyproject.toml``; :mod:`.dive_ci`:
  dive's ``.dive-ci``, with dive's meanings.
- :mod:`.measure`: an image measured into an :class:`~.record.ImageRecord` with the bench's
  functions; :mod:`.baseline`: the same record as a committed JSON file.
- :mod:`.checks`: the :class:`~.checks.GateCheck` interface and one module per kind (budget,
  growth, waste, time); :mod:`.machine`: whether two measurements share a machine.
- :mod:`.attribution`: which layers grew, matched to the baseline by instruction, with their
  largest new files and the rule findings on them.
- :mod:`.runner`: checks over records into a :class:`~.runner.GateReport`;
  :mod:`.render`: that report as text, JSON, Markdown or JUnit XML.

Nothing here builds: the ``imgopt gate`` command builds a PATH first with an engine builder.
"""

from __future__ import annotations

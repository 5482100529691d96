"""Results: one model of a run folder, one recommendation, one way to print a figure or a table.

- :mod:`~imgopt.results.frames`: a run folder read once into tidy pandas frames (builds, layers,
  checks), and :func:`~imgopt.results.frames.summarize`, the one place per-variant figures
  (medians, ranges, sizes, waste, verification) are computed.
- :mod:`~imgopt.results.recommend`: :func:`~imgopt.results.recommend.recommend`, the one
  recommendation every command prints (smallest verified variant, Pareto front, tradeoff).
- :mod:`~imgopt.results.units`: how every size, time, percentage and ratio is written.
- :mod:`~imgopt.results.tables`: every table, as Markdown or as text drawn by rich.

``imgopt bench``'s summary, ``imgopt report``, ``imgopt analyze`` and ``imgopt gate`` read these;
none computes a figure or a recommendation of its own.
"""

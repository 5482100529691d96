"""Build every variant for real and turn it into measured, verified facts.

- :mod:`~imgopt.bench.runner`: cold and warm builds per variant, measurement, verification,
  clean-up by run label (``BenchRun``, ``summarize``).
- :mod:`~imgopt.bench.layers`: each layer's tar size, exact gzip size and entry list, cached on
  disk by diff id (``measure_layers``; what "compressed size" means is documented there).
- :mod:`~imgopt.bench.sizes`: layers tied to the Dockerfile instructions that made them, base
  layers versus own layers (``image_sizes``).
- :mod:`~imgopt.bench.waste`: dive's efficiency and wasted bytes, plus recoverable bytes
  (``analyze_waste``).
- :mod:`~imgopt.bench.tarlist`: a streaming tar header reader.
- :mod:`~imgopt.bench.edit`: the one-line source change behind a warm rebuild.
- :mod:`~imgopt.bench.results`: the run folder (``results.csv`` + ``run.json``) and
  ``load_run(path)``, which loads a run into one pandas DataFrame.
"""

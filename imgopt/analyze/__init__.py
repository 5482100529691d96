"""``imgopt analyze``: from a Dockerfile, a project or a Compose file to a verified recommendation.

The stages, each another package's work, chained:

1. **lint** (:mod:`imgopt.rules`): findings on the original Dockerfile;
2. **propose** (:mod:`imgopt.variants`): the variants, written to ``OUT/dockerfiles/``;
3. **bench** (:mod:`imgopt.bench`): every variant built cold and warm, measured and verified;
   ``OUT`` is the run folder;
4. **report** (:mod:`imgopt.report`): ``OUT/report/``, and the recommendation this command prints.

Modules:

- :mod:`~imgopt.analyze.pipeline`: :func:`analyze`, the stages and their timings;
- :mod:`~imgopt.analyze.targets`: what PATH means (context folder, Dockerfile, Compose file);
- :mod:`~imgopt.analyze.compose`: reading a Compose file's services;
- :mod:`~imgopt.analyze.workspace`: the output folder, never touching the user's files;
- :mod:`~imgopt.analyze.apply`: ``--apply`` (``Dockerfile.imgopt``);
- :mod:`~imgopt.analyze.render`: text, Markdown and the JSON schema (``imgopt.analyze/1``);
- :mod:`~imgopt.analyze.model`: the result values.

Example:
    >>> from imgopt.analyze import AnalyzeOptions, analyze  # doctest: +SKIP
    >>> options = AnalyzeOptions(out=Path("out/demo"))  # doctest: +SKIP
    >>> a = analyze(Path("sample_apps/flask-tutorial"), options=options)  # doctest: +SKIP
    >>> a.targets[0].recommended.name  # doctest: +SKIP
    'distroless'
"""

from __future__ import annotations

from imgopt.analyze.model import STAGES, Analysis, ImageService, Target, TargetAnalysis
from imgopt.analyze.pipeline import AnalyzeOptions, Observer, QuietObserver, analyze

__all__ = [
    "STAGES",
    "Analysis",
    "AnalyzeOptions",
    "ImageService",
    "Observer",
    "QuietObserver",
    "Target",
    "TargetAnalysis",
    "analyze",
]

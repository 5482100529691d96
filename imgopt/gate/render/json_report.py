"""``--format json``: the report as one JSON document (see :func:`.base.report_dict`)."""

from __future__ import annotations

import json

from imgopt.gate.render.base import report_dict
from imgopt.gate.runner import GateReport


class JsonRenderer:
    """``{"passed": ..., "checks": [{"expr", "status", "value", "threshold", ...}], ...}``."""

    name = "json"
    extension = ".json"

    def render(self, report: GateReport) -> str:
        """The report as indented JSON."""
        return json.dumps(report_dict(report), indent=2) + "\n"

"""``--format junit``: JUnit XML, one test case per check, for CI test-report views."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from imgopt.gate.checks import Status
from imgopt.gate.render.text_report import check_lines
from imgopt.gate.runner import GateReport


class JunitRenderer:
    """``<testsuites><testsuite><testcase name="size:+5%">`` with ``<failure>``/``<skipped>``."""

    name = "junit"
    extension = ".xml"

    def render(self, report: GateReport) -> str:
        """The report as JUnit XML."""
        tests = str(len(report.results))
        failures = str(report.count(Status.FAIL))
        skipped = str(report.count(Status.SKIP))
        suites = ET.Element(
            "testsuites", name="imgopt gate", tests=tests, failures=failures, skipped=skipped
        )
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=f"imgopt gate: {report.current.ref}",
            tests=tests,
            failures=failures,
            skipped=skipped,
            errors="0",
            timestamp=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        )
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="image", value=report.current.ref)
        ET.SubElement(props, "property", name="image_id", value=report.current.image_id)
        if report.baseline is not None:
            ET.SubElement(props, "property", name="baseline", value=report.baseline_source or "")
        for result in report.results:
            case = ET.SubElement(
                suite, "testcase", classname=f"imgopt.gate.{result.spec.kind}", name=result.expr
            )
            ET.SubElement(case, "properties")
            for key, value in (
                ("value", result.value),
                ("threshold", result.threshold),
                ("unit", result.unit),
                ("source", result.spec.source),
            ):
                if value is not None:
                    ET.SubElement(case[0], "property", name=key, value=str(value))
            if result.status == Status.FAIL:
                failure = ET.SubElement(case, "failure", message=result.message, type="gate")
                failure.text = "\n".join(line.strip() for line in check_lines(result)[1:])
            elif result.status == Status.SKIP:
                ET.SubElement(case, "skipped", message=result.message)
            out = ET.SubElement(case, "system-out")
            out.text = result.message
        ET.indent(suites)
        body = ET.tostring(suites, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"

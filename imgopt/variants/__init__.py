"""The variant planner: candidate smaller Dockerfiles for one Dockerfile, each with its changes.

Public API::

    plan_variants(text, *, context_dir=None, path=None, image_available=None,
                  dockerignore=None, only=None) -> Plan
    plan_file(dockerfile, *, context_dir=None, image_available=None, only=None) -> Plan
    Plan(path, original, variants, skipped)      .get(name), .skip_reason(name), .to_dict()
    Variant(name, dockerfile, changes, dockerignore, images, notes)   .diff(original), .safety
    Skipped(name, reason, missing_images, dockerfile)
    Change(source, title, rationale, safety, lines)
    VARIANT_NAMES  # original, hygiene, slim-base, multistage, multistage-slim, distroless, alpine

Example:
    >>> plan = plan_variants("FROM debian:bookworm\\nRUN echo hi\\n")
    >>> plan.names
    ('original', 'slim-base')
    >>> print(plan.get("slim-base").dockerfile, end="")
    FROM debian:bookworm-slim
    RUN echo hi
    >>> plan.skip_reason("multistage")[:30]
    'nothing is built in the image '
"""

from __future__ import annotations

from imgopt.variants.model import VARIANT_NAMES, Change, Plan, Skipped, Variant
from imgopt.variants.planner import ImageAvailable, line_map, plan_file, plan_variants

__all__ = [
    "VARIANT_NAMES",
    "Change",
    "ImageAvailable",
    "Plan",
    "Skipped",
    "Variant",
    "line_map",
    "plan_file",
    "plan_variants",
]

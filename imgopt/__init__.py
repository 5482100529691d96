"""imgopt: propose, build, measure and verify smaller Docker images for a Dockerfile."""

from __future__ import annotations

__version__ = "0.1.0"

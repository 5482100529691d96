"""Image references: ``[registry/]repository[:tag][@digest]``, as Docker reads them.

Example:
    >>> ref = parse_image_ref("gcr.io/distroless/static-debian12:nonroot")
    >>> (ref.registry, ref.repository, ref.tag, ref.name)
    ('gcr.io', 'distroless/static-debian12', 'nonroot', 'static-debian12')
    >>> parse_image_ref("python:3.11-slim").family
    'python'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class ImageRef:
    """A parsed image reference.

    Attributes:
        raw: the reference as given.
        registry: the registry host (``"gcr.io"``, ``"localhost:5000"``), None for Docker Hub.
        repository: the path as written, without registry (``"python"``,
            ``"distroless/static-debian12"``, ``"library/node"``).
        tag: the tag, or None (Docker then uses ``latest`` unless a digest is given).
        digest: ``"sha256:..."``, or None.
    """

    raw: str
    registry: str | None
    repository: str
    tag: str | None
    digest: str | None

    @property
    def name(self) -> str:
        """The last path component: ``"python"``, ``"static-debian12"``."""
        return self.repository.rsplit("/", 1)[-1]

    @property
    def family(self) -> str:
        """The Docker Hub official name when it is one (``library/`` dropped), else ``name``."""
        repo = self.repository
        if self.registry in (None, "docker.io", "index.docker.io", "registry-1.docker.io"):
            repo = repo.removeprefix("library/")
        return repo.rsplit("/", 1)[-1]

    @property
    def is_docker_hub(self) -> bool:
        """Whether the image lives on Docker Hub."""
        return self.registry in (None, "docker.io", "index.docker.io", "registry-1.docker.io")

    @property
    def is_official(self) -> bool:
        """A Docker Hub official image (``python``, ``library/python``)."""
        return self.is_docker_hub and (
            "/" not in self.repository or self.repository.startswith("library/")
        )

    @property
    def is_scratch(self) -> bool:
        """``FROM scratch``: the empty image."""
        return self.registry is None and self.repository == "scratch"

    @property
    def has_variables(self) -> bool:
        """The reference still contains ``$`` (an ARG that could not be resolved)."""
        return "$" in self.raw

    @property
    def effective_tag(self) -> str | None:
        """The tag Docker pulls: ``tag``, or ``latest`` when neither tag nor digest is given."""
        if self.tag is None and self.digest is None and not self.is_scratch:
            return "latest"
        return self.tag

    def with_tag(self, tag: str | None) -> ImageRef:
        """The same repository with another tag (and no digest)."""
        return replace(self, tag=tag, digest=None, raw="")._with_raw()

    def with_repository(self, repository: str, tag: str | None = None) -> ImageRef:
        """Another repository on the same registry, with ``tag`` (and no digest)."""
        return replace(self, repository=repository, tag=tag, digest=None, raw="")._with_raw()

    def _with_raw(self) -> ImageRef:
        return replace(self, raw=self.render())

    def render(self) -> str:
        """The reference as text: ``[registry/]repository[:tag][@digest]``."""
        out = f"{self.registry}/{self.repository}" if self.registry else self.repository
        if self.tag is not None:
            out += f":{self.tag}"
        if self.digest is not None:
            out += f"@{self.digest}"
        return out

    def __str__(self) -> str:
        return self.raw or self.render()


@functools.lru_cache(maxsize=2048)
def parse_image_ref(ref: str) -> ImageRef:
    """Split an image reference into registry, repository, tag and digest.

    The first path component is a registry when it contains ``.`` or ``:`` or is ``localhost``
    (Docker's rule). Never raises: odd input still gives an ImageRef whose ``repository`` holds it.

    Args:
        ref: e.g. ``"node@sha256:abc..."``, ``"localhost:5000/app:1"``, ``"scratch"``.
    """
    rest = ref.strip()
    digest: str | None = None
    if "@" in rest:
        rest, _, digest = rest.partition("@")
    registry: str | None = None
    first, slash, remainder = rest.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        registry, rest = first, remainder
    tag: str | None = None
    last_slash = rest.rfind("/")
    colon = rest.rfind(":")
    if colon > last_slash:
        rest, tag = rest[:colon], rest[colon + 1 :]
    return ImageRef(raw=ref, registry=registry, repository=rest, tag=tag, digest=digest)

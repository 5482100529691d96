"""Everything that talks to the Docker engine. The only package that imports ``docker``.

- ``client``: connect to the engine, versions, turning SDK/CLI failures into ``EngineError``.
- ``containers``: run a container safely (limits, loopback ports, hard timeout, always removed).
- ``builders``: BuildKit via ``docker buildx build`` and the classic builder via the SDK.
- ``images``: inspect images, save layers, history.
"""

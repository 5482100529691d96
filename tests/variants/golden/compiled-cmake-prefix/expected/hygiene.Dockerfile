FROM buildpack-deps:bookworm
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install --no-install-recommends -y cmake libcurl4-openssl-dev
COPY . /src
RUN cmake -S /src -B /build -DCMAKE_INSTALL_PREFIX=/opt/tool \
    && cmake --build /build \
    && cmake --install /build
ENV PATH=/opt/tool/bin:$PATH
ENTRYPOINT ["tool"]
CMD ["--help"]

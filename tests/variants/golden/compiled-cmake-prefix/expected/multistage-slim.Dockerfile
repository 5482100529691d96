FROM buildpack-deps:bookworm AS build
RUN apt-get update && apt-get install --no-install-recommends -y cmake libcurl4-openssl-dev && rm -rf /var/lib/apt/lists/*
COPY . /src
RUN cmake -S /src -B /build -DCMAKE_INSTALL_PREFIX=/opt/tool \
    && cmake --build /build \
    && cmake --install /build

# runtime: what the install step put in /opt/tool
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/tool /opt/tool
ENV PATH=/opt/tool/bin:$PATH
ENTRYPOINT ["tool"]
CMD ["--help"]

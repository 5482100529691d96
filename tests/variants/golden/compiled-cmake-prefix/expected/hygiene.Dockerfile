FROM buildpack-deps:bookworm
RUN apt-get update && apt-get install --no-install-recommends -y cmake libcurl4-openssl-dev && rm -rf /var/lib/apt/lists/*
COPY . /src
RUN cmake -S /src -B /build -DCMAKE_INSTALL_PREFIX=/opt/tool \
    && cmake --build /build \
    && cmake --install /build
ENV PATH=/opt/tool/bin:$PATH
ENTRYPOINT ["tool"]
CMD ["--help"]

FROM debian:bookworm-slim
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install --no-install-recommends -y build-essential libssl-dev zlib1g-dev
WORKDIR /src
COPY . .
RUN ./configure && make -j2 && make install
EXPOSE 9000
CMD ["/usr/local/bin/tinyd", "--port", "9000"]

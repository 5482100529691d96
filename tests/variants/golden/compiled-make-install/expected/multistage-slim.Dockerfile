FROM debian:bookworm AS build
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install --no-install-recommends -y build-essential libssl-dev zlib1g-dev
WORKDIR /src
COPY . .
RUN ./configure && make -j2 && make install

# runtime: what the install step put in /usr/local
FROM debian:bookworm-slim
WORKDIR /src
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update \
    && apt-get install -y --no-install-recommends libssl3 zlib1g
COPY --from=build /usr/local /usr/local
RUN ldconfig
EXPOSE 9000
CMD ["/usr/local/bin/tinyd", "--port", "9000"]

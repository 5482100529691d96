FROM ubuntu:22.04
RUN apt-get update \
    # tools we need at build time
    && apt-get install -y \
        build-essential \
    # and at run time
        libpq5 \

        curl \
    && rm -rf /var/lib/apt/lists/*
# trailing comment

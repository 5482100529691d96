FROM python:3.12
ENV PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
ENV LEGACY value with spaces
LABEL org.opencontainers.image.title="my app" \
      org.opencontainers.image.version=1.0
ARG A=1 B="two words"
EXPOSE 8000/tcp 9000/udp
USER 1000:1000
ADD https://example.com/archive.tar.gz /tmp/
ADD --checksum=sha256:0123 https://example.com/x.bin /x.bin

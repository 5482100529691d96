FROM debian:bookworm
ENV DEBIAN_FRONTEND=noninteractive
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install --no-install-recommends -y python3 python3-pip
WORKDIR /app
COPY requirements.txt .
# The tutorial ran on ubuntu:20.04, whose pip installs into the system Python. Debian 12 marks its
# Python as externally managed (PEP 668) and pip refuses; this flag restores the tutorial's behaviour
# with the smallest change to its Dockerfile.
RUN --mount=type=cache,target=/root/.cache/pip \
    pip3 install --break-system-packages -r requirements.txt
COPY . /app
EXPOSE 5000
CMD ["python3", "app.py"]

FROM debian:bookworm AS build
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install --no-install-recommends -y python3 python3-pip python3-venv && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
WORKDIR /app
COPY requirements.txt .
# The tutorial ran on ubuntu:20.04, whose pip installs into the system Python. Debian 12 marks its
# Python as externally managed (PEP 668) and pip refuses; this flag restores the tutorial's behaviour
# with the smallest change to its Dockerfile.
RUN pip3 install --no-cache-dir --break-system-packages -r requirements.txt
RUN python3 -m pip uninstall -y pip

# runtime: the virtualenv and the app, nothing used only to build
FROM debian:bookworm
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
WORKDIR /app
COPY . /app
EXPOSE 5000
CMD ["python3", "app.py"]

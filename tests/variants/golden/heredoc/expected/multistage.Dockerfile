FROM python:3.11 AS build
WORKDIR /srv
COPY requirements.txt .
RUN python3 -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
RUN --mount=type=cache,target=/root/.cache/pip \
    <<EOF
apt-get update
apt-get install --no-install-recommends -y libxml2-dev libxslt1-dev
pip install -r requirements.txt
rm -rf /var/lib/apt/lists/*
EOF
RUN python3 -m pip uninstall -y pip setuptools wheel

# runtime: the virtualenv and the app, nothing used only to build
FROM python:3.11
WORKDIR /srv
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update \
    && apt-get install -y --no-install-recommends libxml2 libxslt1.1
COPY --from=build /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY . .
CMD ["python", "-m", "srv"]

FROM python:3.11 AS build
WORKDIR /srv
COPY requirements.txt .
RUN python3 -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
RUN <<EOF
apt-get update
apt-get install --no-install-recommends -y libxml2-dev libxslt1-dev
pip install --no-cache-dir -r requirements.txt
rm -rf /var/lib/apt/lists/*
EOF
RUN python3 -m pip uninstall -y pip

# runtime: the virtualenv and the app, nothing used only to build
FROM python:3.11-slim
WORKDIR /srv
RUN apt-get update \
    && apt-get install -y --no-install-recommends libxml2 libxslt1.1 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY . .
CMD ["python", "-m", "srv"]

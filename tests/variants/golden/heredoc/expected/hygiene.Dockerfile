FROM python:3.11
WORKDIR /srv
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \
    <<EOF
apt-get update
apt-get install --no-install-recommends -y libxml2-dev libxslt1-dev
pip install -r requirements.txt
rm -rf /var/lib/apt/lists/*
EOF
COPY . .
CMD ["python", "-m", "srv"]

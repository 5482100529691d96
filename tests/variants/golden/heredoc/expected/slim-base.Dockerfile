FROM python:3.11-slim
WORKDIR /srv
COPY requirements.txt .
RUN <<EOF
apt-get update
apt-get install --no-install-recommends -y libxml2-dev libxslt1-dev
pip install --no-cache-dir -r requirements.txt
rm -rf /var/lib/apt/lists/*
EOF
COPY . .
CMD ["python", "-m", "srv"]

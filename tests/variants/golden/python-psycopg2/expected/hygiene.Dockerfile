FROM python:3.11-slim
RUN apt-get update && apt-get install --no-install-recommends -y gcc libpq-dev libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["gunicorn", "app:app"]

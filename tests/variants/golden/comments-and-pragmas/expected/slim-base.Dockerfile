# syntax=docker/dockerfile:1
# A service with comments everywhere; a pragma keeps the apt lists on purpose.
FROM python:3.11-slim

# system packages
# imgopt: ignore=IMG101 the lists are read by a health script
RUN apt-get update && apt-get install -y --no-install-recommends libffi-dev

WORKDIR /app
# dependencies first, for the cache
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install -r requirements.txt

# the app itself
COPY . .
# run it
CMD ["python", "app.py"]

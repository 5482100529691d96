FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
COPY --chown=1000:1000 . .
USER 1000
CMD ["python", "main.py"]

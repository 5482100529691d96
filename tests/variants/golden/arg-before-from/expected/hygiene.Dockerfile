ARG PY=3.11
FROM python:${PY}
ARG APP_HOME=/app
WORKDIR ${APP_HOME}
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install -r requirements.txt
COPY . .
ENV PORT=8080
EXPOSE 8080
CMD ["gunicorn", "-b", "0.0.0.0:8080", "app:app"]

ARG PY=3.11
FROM python:${PY} AS build
RUN python3 -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
ARG APP_HOME=/app
WORKDIR ${APP_HOME}
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install -r requirements.txt
RUN python3 -m pip uninstall -y pip setuptools wheel

# runtime: the virtualenv and the app, nothing used only to build
FROM python:${PY}-slim
ARG APP_HOME=/app
WORKDIR ${APP_HOME}
COPY --from=build /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY . .
ENV PORT=8080
EXPOSE 8080
CMD ["gunicorn", "-b", "0.0.0.0:8080", "app:app"]

FROM python:3.11 AS build
RUN python3 -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
RUN useradd --create-home app
WORKDIR /home/app/srv
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install -r requirements.txt
RUN python3 -m pip uninstall -y pip setuptools wheel

# runtime: the virtualenv and the app, nothing used only to build
FROM python:3.11-slim
LABEL org.opencontainers.image.title="carry"
RUN useradd --create-home app
WORKDIR /home/app/srv
COPY --from=build /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY --chown=app:app . .
ENV APP_ENV=prod \
    PORT=8000
VOLUME /home/app/data
USER app
EXPOSE 8000
STOPSIGNAL SIGINT
HEALTHCHECK --interval=30s CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/')"]
ENTRYPOINT ["python", "-m"]
CMD ["srv"]

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
# gcr.io/distroless/python3-debian12 runs Debian's /usr/bin/python3.11: point the virtualenv there
RUN cd /opt/venv/bin \
    && ln -sf /usr/bin/python3.11 python \
    && ln -sf python python3 \
    && ln -sf python python3.11 \
    && sed -i 's|^home = .*|home = /usr/bin|' /opt/venv/pyvenv.cfg

# runtime: the virtualenv and the app, nothing used only to build
FROM gcr.io/distroless/python3-debian12
ARG APP_HOME=/app
WORKDIR ${APP_HOME}
COPY --from=build /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY . .
ENV PORT=8080
EXPOSE 8080
ENTRYPOINT []
CMD ["gunicorn", "-b", "0.0.0.0:8080", "app:app"]

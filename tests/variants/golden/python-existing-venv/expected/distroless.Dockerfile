FROM python:3.11 AS build
RUN python -m venv /venv
COPY requirements.txt /tmp/
RUN --mount=type=cache,target=/root/.cache/pip \
    /venv/bin/pip install -r /tmp/requirements.txt
# gcr.io/distroless/python3-debian12 runs Debian's /usr/bin/python3.11: point the virtualenv there
RUN cd /venv/bin \
    && ln -sf /usr/bin/python3.11 python \
    && ln -sf python python3 \
    && ln -sf python python3.11 \
    && sed -i 's|^home = .*|home = /usr/bin|' /venv/pyvenv.cfg

# runtime: the virtualenv and the app, nothing used only to build
FROM gcr.io/distroless/python3-debian12
COPY --from=build /venv /venv
COPY requirements.txt /tmp/
COPY . /app
WORKDIR /app
ENTRYPOINT []
CMD ["/venv/bin/python", "app.py"]

# Docker's Compose tutorial, on Debian: the tutorial's python:3-alpine (plus `apk add gcc musl-dev
# linux-headers`) cannot be had offline, so this starts from python:3.11, where no compiler step is
# needed for these wheels.
FROM python:3.11 AS build
RUN python3 -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
WORKDIR /code
ENV FLASK_APP=app.py
ENV FLASK_RUN_HOST=0.0.0.0
COPY requirements.txt requirements.txt
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
WORKDIR /code
ENV FLASK_APP=app.py
ENV FLASK_RUN_HOST=0.0.0.0
COPY --from=build /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
EXPOSE 5000
COPY . .
ENTRYPOINT []
CMD ["flask", "run"]

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

# runtime: the virtualenv and the app, nothing used only to build
FROM python:3.11-slim
WORKDIR /code
ENV FLASK_APP=app.py
ENV FLASK_RUN_HOST=0.0.0.0
COPY --from=build /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
EXPOSE 5000
COPY . .
CMD ["flask", "run"]

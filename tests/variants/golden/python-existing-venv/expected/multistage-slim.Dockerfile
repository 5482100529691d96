FROM python:3.11 AS build
RUN python -m venv /venv
COPY requirements.txt /tmp/
RUN --mount=type=cache,target=/root/.cache/pip \
    /venv/bin/pip install -r /tmp/requirements.txt

# runtime: the virtualenv and the app, nothing used only to build
FROM python:3.11-slim
COPY --from=build /venv /venv
COPY requirements.txt /tmp/
COPY . /app
WORKDIR /app
CMD ["/venv/bin/python", "app.py"]

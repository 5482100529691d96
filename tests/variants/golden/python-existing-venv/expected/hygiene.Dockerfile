FROM python:3.11
RUN python -m venv /venv
COPY requirements.txt /tmp/
RUN --mount=type=cache,target=/root/.cache/pip \
    /venv/bin/pip install -r /tmp/requirements.txt
COPY . /app
WORKDIR /app
CMD ["/venv/bin/python", "app.py"]

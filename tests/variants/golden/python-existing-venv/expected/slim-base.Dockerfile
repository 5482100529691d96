FROM python:3.11-slim
RUN python -m venv /venv
COPY requirements.txt /tmp/
RUN /venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt
COPY . /app
WORKDIR /app
CMD ["/venv/bin/python", "app.py"]

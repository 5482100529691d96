FROM python:3.11 AS build
RUN python3 -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install -r requirements.txt
RUN python3 -m pip uninstall -y pip setuptools wheel

# runtime: the virtualenv and the app, nothing used only to build
FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
COPY --from=build /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY app.py .
ENV PYTHONUNBUFFERED=1
EXPOSE 8000
USER nobody
CMD ["python", "app.py"]

FROM python:3.11-slim AS build
RUN python3 -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
WORKDIR /app
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
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY . .
ENTRYPOINT []
CMD ["python", "app.py"]

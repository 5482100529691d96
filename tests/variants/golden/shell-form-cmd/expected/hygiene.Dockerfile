FROM python:3.11
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install flask==3.0.3
# started through the shell, with an environment variable
CMD python app.py --port $PORT

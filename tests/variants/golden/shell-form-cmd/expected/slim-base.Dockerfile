FROM python:3.11-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir flask==3.0.3
# started through the shell, with an environment variable
CMD python app.py --port $PORT

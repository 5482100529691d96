FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends -y build-essential libssl-dev zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./configure && make -j2 && make install
EXPOSE 9000
CMD ["/usr/local/bin/tinyd", "--port", "9000"]

FROM golang:1.19
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=cache,target=/go/pkg/mod \
    go build -o server .
EXPOSE 8080
CMD ["./server"]

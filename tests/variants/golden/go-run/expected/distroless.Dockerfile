FROM golang:1.19 AS build
WORKDIR /go/src/app
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=cache,target=/go/pkg/mod \
    CGO_ENABLED=0 go build -o /usr/local/bin/hello .

# runtime: the binary alone
FROM gcr.io/distroless/static-debian12
WORKDIR /go/src/app
COPY --from=build /go/src/app/templates /go/src/app/templates
EXPOSE 8080
COPY --from=build /usr/local/bin/hello /usr/local/bin/hello
CMD ["/usr/local/bin/hello", "-addr", ":8080"]

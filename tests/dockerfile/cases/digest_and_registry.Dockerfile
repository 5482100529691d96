FROM node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS pinned
FROM localhost:5000/team/app:1.2.3 AS local
FROM gcr.io/distroless/python3-debian12
COPY --from=pinned /x /x

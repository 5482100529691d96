# syntax=docker/dockerfile:1.7-labs
# check=skip=JSONArgsRecommended;error=true
# escape=\

# a normal comment after the directives
FROM busybox:1.36
ENTRYPOINT echo hi

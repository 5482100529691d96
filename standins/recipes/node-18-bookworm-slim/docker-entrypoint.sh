#!/bin/sh
# As in the official node images: `docker run IMAGE app.js` or `docker run IMAGE --version` runs
# node with those arguments; a command that exists (`docker run IMAGE npm test`) runs as given.
set -e
if [ "${1#-}" != "$1" ] || [ -z "$(command -v "$1")" ] || { [ -f "$1" ] && ! [ -x "$1" ]; }; then
  set -- node "$@"
fi
exec "$@"

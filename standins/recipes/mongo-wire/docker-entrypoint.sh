#!/bin/sh
# As the official image's entry point: options alone (`--port 27018`) are mongod's.
set -e
case "$1" in
	-*) set -- mongod "$@" ;;
esac
exec "$@"

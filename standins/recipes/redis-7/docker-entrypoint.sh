#!/bin/sh
# Entry point of the redis:7 stand-in, as the official one: arguments starting with `-` or a
# `*.conf` file go to redis-server; redis-server runs as the redis user (the data directory is
# handed to it first). Debian's build keeps protected mode on by default, the official image's
# does not, so `--protected-mode no` is passed first (after the config file, if one is given),
# where a config file or a later `--protected-mode yes` still wins.
set -e

if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
	set -- redis-server "$@"
fi

if [ "$1" = 'redis-server' ]; then
	shift
	if [ "${1%.conf}" != "${1:-}" ]; then
		conf=$1
		shift
		set -- redis-server "$conf" --protected-mode no "$@"
	else
		set -- redis-server --protected-mode no "$@"
	fi
	if [ "$(id -u)" = '0' ]; then
		find . \! -user redis -exec chown redis '{}' +
		exec gosu redis "$@"
	fi
fi

exec "$@"

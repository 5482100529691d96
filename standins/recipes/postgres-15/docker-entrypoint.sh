#!/usr/bin/env bash
# Entry point of the postgres:15 stand-in, honouring the official image's interface: on first
# start with an empty $PGDATA it runs initdb with POSTGRES_USER (default postgres) and
# POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust), creates POSTGRES_DB
# (default: the user's name), runs /docker-entrypoint-initdb.d/*.sql and *.sh, then starts the
# server as the postgres user, listening on all addresses. POSTGRES_INITDB_ARGS is passed on.
set -Eeo pipefail

if [ "${1:0:1}" = '-' ]; then
	set -- postgres "$@"
fi

if [ "$1" != 'postgres' ]; then
	exec "$@"
fi

if [ "$(id -u)" = '0' ]; then
	# Root prepares the directories, then the script starts again as postgres.
	mkdir -p "$PGDATA" /var/run/postgresql
	chown postgres:postgres "$PGDATA" /var/run/postgresql
	chmod 700 "$PGDATA"
	chmod 3777 /var/run/postgresql
	exec gosu postgres "${BASH_SOURCE[0]}" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
	: "${POSTGRES_USER:=postgres}"
	: "${POSTGRES_DB:=$POSTGRES_USER}"
	auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
	if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != 'trust' ]; then
		echo >&2 'error: database is uninitialized and superuser password is not specified.'
		echo >&2 '       Set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust, unsafe).'
		exit 1
	fi
	# shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS is a list of arguments on purpose.
	initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") \
		--auth-local=trust --auth-host="$auth" ${POSTGRES_INITDB_ARGS:-} -D "$PGDATA"
	printf '\nhost all all all %s\n' "$auth" >> "$PGDATA/pg_hba.conf"

	# A server on the Unix socket only, for the set-up below.
	pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
	psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
	if [ "$POSTGRES_DB" != 'postgres' ]; then
		"${psql[@]}" --dbname postgres --set db="$POSTGRES_DB" <<-'SQL'
			CREATE DATABASE :"db" ;
		SQL
	fi
	for f in /docker-entrypoint-initdb.d/*; do
		case "$f" in
			*.sh) echo "running $f"; . "$f" ;;
			*.sql) echo "running $f"; "${psql[@]}" --dbname "$POSTGRES_DB" -f "$f" ;;
			*) [ -e "$f" ] && echo "ignoring $f" ;;
		esac
	done
	pg_ctl -D "$PGDATA" -m fast -w stop
	echo 'PostgreSQL init process complete; ready for start up.'
fi

exec "$@"

#!/usr/bin/env bash
# Entry point of the MySQL-compatible stand-in, with the official mysql/mariadb images' interface:
# on first start with an empty /var/lib/mysql it initialises the data directory, sets the root
# password (MYSQL_ROOT_PASSWORD; or none with MYSQL_ALLOW_EMPTY_PASSWORD; or a random one printed
# once with MYSQL_RANDOM_ROOT_PASSWORD; one of the three is required), lets root in from any host,
# creates MYSQL_DATABASE and MYSQL_USER/MYSQL_PASSWORD (granted all on that database), runs
# /docker-entrypoint-initdb.d/*.sh, *.sql and *.sql.gz, then starts the server as mysql.
# MARIADB_* names are read too. Not honoured: *_FILE secrets, MYSQL_ONETIME_PASSWORD,
# MYSQL_INITDB_SKIP_TZINFO (no time zone tables are loaded).
set -Eeo pipefail

if [ "${1:0:1}" = '-' ]; then
	set -- mariadbd "$@"
fi

case "$1" in
	mariadbd | mysqld) ;;
	*) exec "$@" ;;
esac

DATADIR=/var/lib/mysql
SOCKET=/run/mysqld/mysqld.sock

if [ "$(id -u)" = '0' ]; then
	mkdir -p "$DATADIR" /run/mysqld
	chown -R mysql:mysql "$DATADIR" /run/mysqld
	exec gosu mysql "${BASH_SOURCE[0]}" "$@"
fi

for name in ROOT_PASSWORD ALLOW_EMPTY_PASSWORD RANDOM_ROOT_PASSWORD DATABASE USER PASSWORD; do
	maria="MARIADB_$name" mysql="MYSQL_$name"
	if [ -z "${!mysql:-}" ] && [ -n "${!maria:-}" ]; then
		export "$mysql=${!maria}"
	fi
done

sql_escape() { printf '%s' "$1" | sed -e "s/\\\\/\\\\\\\\/g" -e "s/'/\\\\'/g"; }

if [ ! -d "$DATADIR/mysql" ]; then
	if [ -z "${MYSQL_ROOT_PASSWORD:-}" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ] \
		&& [ -z "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
		echo >&2 'error: database is uninitialized and password option is not specified'
		echo >&2 '  You need to specify one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD'
		echo >&2 '  and MYSQL_RANDOM_ROOT_PASSWORD'
		exit 1
	fi
	echo 'Initializing database'
	mariadb-install-db --user=mysql --datadir="$DATADIR" --skip-test-db \
		--auth-root-authentication-method=normal --rpm --cross-bootstrap >/dev/null
	echo 'Database initialized'

	"$@" --skip-networking --socket="$SOCKET" &
	pid=$!
	for _ in $(seq 60); do
		mariadb-admin --socket="$SOCKET" --user=root ping --silent >/dev/null 2>&1 && break
		sleep 1
	done
	mysql=(mariadb --no-defaults --protocol=socket --socket="$SOCKET" --user=root)

	if [ -n "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
		MYSQL_ROOT_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
		echo "GENERATED ROOT PASSWORD: $MYSQL_ROOT_PASSWORD"
	fi
	root_pw=$(sql_escape "${MYSQL_ROOT_PASSWORD:-}")
	{
		echo "SET @@SESSION.SQL_LOG_BIN=0;"
		# Only root stays (localhost and any host), as in the official images.
		echo "DROP USER IF EXISTS ''@'localhost', ''@'$(hostname)', 'root'@'$(hostname)', 'root'@'127.0.0.1', 'root'@'::1';"
		echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$root_pw';"
		echo "CREATE USER 'root'@'%' IDENTIFIED BY '$root_pw';"
		echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
		if [ -n "${MYSQL_DATABASE:-}" ]; then
			echo "CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\`;"
		fi
		if [ -n "${MYSQL_USER:-}" ] && [ -n "${MYSQL_PASSWORD:-}" ]; then
			echo "CREATE USER '$(sql_escape "$MYSQL_USER")'@'%' IDENTIFIED BY '$(sql_escape "$MYSQL_PASSWORD")';"
			if [ -n "${MYSQL_DATABASE:-}" ]; then
				echo "GRANT ALL ON \`$MYSQL_DATABASE\`.* TO '$(sql_escape "$MYSQL_USER")'@'%';"
			fi
		fi
		echo "FLUSH PRIVILEGES;"
	} | "${mysql[@]}"
	mysql+=(--password="${MYSQL_ROOT_PASSWORD:-}")
	[ -n "${MYSQL_DATABASE:-}" ] && db=("$MYSQL_DATABASE") || db=()

	for f in /docker-entrypoint-initdb.d/*; do
		case "$f" in
			*.sh) echo "running $f"; . "$f" ;;
			*.sql) echo "running $f"; "${mysql[@]}" "${db[@]}" < "$f" ;;
			*.sql.gz) echo "running $f"; gunzip -c "$f" | "${mysql[@]}" "${db[@]}" ;;
			*) [ -e "$f" ] && echo "ignoring $f" ;;
		esac
	done

	kill "$pid"
	wait "$pid"
	echo 'MariaDB init process done. Ready for start up.'
fi

exec "$@"

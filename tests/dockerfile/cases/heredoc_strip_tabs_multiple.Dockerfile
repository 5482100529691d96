FROM alpine:3.20
RUN <<-EOT sh
	set -e
	apk add --no-cache curl
	echo "done"
	EOT
RUN <<A cat <<B > /out
first
A
second
B
RUN <<"RAW"
echo $HOME
RAW
COPY <<one <<two /dst/
1
one
2
two

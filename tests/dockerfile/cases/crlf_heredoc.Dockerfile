FROM alpine
RUN <<EOF
echo crlf heredoc
EOF
RUN a \

  b

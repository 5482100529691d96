FROM node:20-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN ["npm", "ci", "--omit=dev"]
RUN ["sh", "-c", "npm cache clean --force && rm -rf /tmp/*"]
ENTRYPOINT ["node"]
CMD ["server.js"]
VOLUME ["/data"]
STOPSIGNAL SIGTERM

  from node:18 as Build
	workdir /app
  copy package*.json ./
run npm install
    Copy . .
  from nginx:1.27-alpine
  copy --from=Build /app/dist /usr/share/nginx/html

# One image for the API and the web app (docker-compose.yml picks the command).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

COPY . .
# --ignore-scripts: nothing the API or the web app needs builds at install time (onnxruntime-node's
# script only fetches optional CUDA files).
RUN npm ci --ignore-scripts \
 && npx turbo run build --filter=@atlas/api --filter=@atlas/web

ENV NODE_ENV=production
EXPOSE 3000 4000

#!/usr/bin/env bash
# Installs a real Postgres with pgvector on Debian (bookworm), for the Postgres test driver and
# `DATABASE_URL` benchmarks: Debian's postgresql server plus pgvector built from Debian's own
# source tarball (bookworm packages no pgvector; trixie's source builds against Postgres 15).
# Idempotent: does nothing when `vector.control` is already installed. Needs root (apt).
set -euo pipefail
PGVECTOR_VERSION=0.8.0
# sha256 from Debian's trixie Sources index for pgvector_${PGVECTOR_VERSION}.orig.tar.gz.
PGVECTOR_SHA256=867a2c328d4928a5a9d6f052cd3bc78c7d60228a9b914ad32aa3db88e9de27b0
PGVECTOR_URL="http://deb.debian.org/debian/pool/main/p/pgvector/pgvector_${PGVECTOR_VERSION}.orig.tar.gz"

export DEBIAN_FRONTEND=noninteractive
newest_pg_config() { ls -d /usr/lib/postgresql/*/bin/pg_config 2>/dev/null | sort -V | tail -1; }

if [ -z "$(newest_pg_config)" ] || ! command -v make >/dev/null || ! command -v gcc >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq postgresql postgresql-server-dev-all build-essential curl >/dev/null
fi
PG_CONFIG="$(newest_pg_config)"
if [ -z "$PG_CONFIG" ]; then
  echo "install.sh: no pg_config after installing postgresql-server-dev-all; install your Postgres version's server headers." >&2
  exit 1
fi
SHAREDIR="$("$PG_CONFIG" --sharedir)"
if [ -f "$SHAREDIR/extension/vector.control" ]; then
  echo "pgvector already installed for $("$PG_CONFIG" --version)."
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
curl -fsSL -o "$work/pgvector.tar.gz" "$PGVECTOR_URL"
echo "$PGVECTOR_SHA256  $work/pgvector.tar.gz" | sha256sum -c --quiet -
tar -xzf "$work/pgvector.tar.gz" -C "$work"
# OPTFLAGS="" as Debian builds it: no -march=native, so the library runs on any x86-64.
make -C "$work/pgvector-${PGVECTOR_VERSION}" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" -j"$(nproc)" >/dev/null
make -C "$work/pgvector-${PGVECTOR_VERSION}" PG_CONFIG="$PG_CONFIG" install >/dev/null
echo "pgvector ${PGVECTOR_VERSION} installed for $("$PG_CONFIG" --version)."

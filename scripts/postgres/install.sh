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
vector_installed() { local c; c="$(newest_pg_config)"; [ -n "$c" ] && [ -f "$("$c" --sharedir)/extension/vector.control" ]; }
# pg_config ships with the client package, so check for the server headers themselves.
can_build() {
  local c; c="$(newest_pg_config)"
  [ -n "$c" ] && [ -f "$("$c" --includedir-server)/postgres.h" ] && command -v make >/dev/null && command -v gcc >/dev/null && command -v curl >/dev/null
}

if vector_installed; then
  echo "pgvector already installed for $("$(newest_pg_config)" --version)."
  exit 0
fi
if ! can_build; then
  apt-get update -qq
  apt-get install -y -qq postgresql postgresql-server-dev-all build-essential curl >/dev/null
fi
PG_CONFIG="$(newest_pg_config)"
if ! can_build; then
  echo "install.sh: still no Postgres server headers, make, gcc or curl after apt-get; install them for your Postgres version." >&2
  exit 1
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

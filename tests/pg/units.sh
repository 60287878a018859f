#!/bin/sh
# The unit suite on PostgreSQL: run by « make test-pg » inside
# tests/pg/cluster.sh (which sets PALABRE_PG_DSN). test_engine first
# (both engines side by side), then every unit test with its stores
# from unit_mem_store() in PostgreSQL (PALABRE_TEST_DSN); tests/run.sh
# counts. Usage: sh tests/pg/units.sh UNIT_DIR
set -eu
: "${PALABRE_PG_DSN:?run me through tests/pg/cluster.sh}"
PALABRE_TEST_DSN=$PALABRE_PG_DSN
export PALABRE_TEST_DSN
UNIT_DIR=$1 E2E=0 exec sh "$(dirname "$0")/../run.sh"

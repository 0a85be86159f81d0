#!/bin/sh
# Direct vs proxied calls on loopback (1/16/64 clients, JSON and SSE) against the fake server.
# Usage: bench/proxy.sh [requests-per-client]   (default 150; 4x that for 1 client)
set -e
cd "$(dirname "$0")/.."
./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
echo "machine: $(nproc) cores"; lscpu | head -15
echo "command: bench/proxy.sh $*"
exec java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.headroom.proxy.ProxyBench "${1:-150}" ${2:-}

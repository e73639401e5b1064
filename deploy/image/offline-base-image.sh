#!/usr/bin/env bash
# Builds a minimal Java base image as a Docker archive (the format of `docker save`) from this machine's JDK, for
# building and testing the early-warning image where no container registry can be reached (CI here has none).
# Production images use eclipse-temurin from Docker Hub (stream-app/pom.xml, jib.from.image); this one only stands
# in for it: a jlink'ed runtime of the same JDK the tests run on, and the few C libraries the JVM and RocksDB load.
#
#   deploy/image/offline-base-image.sh OUT.tar [JAVA_HOME]
set -euo pipefail
out="$1"
jdk="${2:-${JAVA_HOME:?set JAVA_HOME or pass a JDK}}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root/opt" "$root/lib/x86_64-linux-gnu" "$root/lib64" "$root/etc" "$root/tmp"
chmod 1777 "$root/tmp"

# A runtime, not a JDK: Java SE and the JDK modules the service uses (HTTP server, GBK and other charsets, the
# vector API Lucene uses, JFR and JMX for operators). JDK 24+ links from its own run-time image without jmods/.
modules="java.se,jdk.unsupported,jdk.httpserver,jdk.charsets,jdk.localedata,jdk.zipfs,jdk.crypto.cryptoki,jdk.naming.dns"
modules="$modules,jdk.net,jdk.incubator.vector,jdk.jfr,jdk.management,jdk.management.agent,jdk.management.jfr"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$root/opt/java"

# What the JVM, its own libraries and RocksDB's JNI library link against (ldd of each on Debian 12).
for lib in libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libstdc++.so.6 libgcc_s.so.1; do
  cp -L "/lib/x86_64-linux-gnu/$lib" "$root/lib/x86_64-linux-gnu/"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:1000:1000:app:/tmp:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\napp:x:1000:\n' > "$root/etc/group"

(cd "$root" && tar --numeric-owner --owner=0 --group=0 --mtime='2026-01-01' --sort=name -cf "$work/layer.tar" .)
layer_sha="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$layer_sha"]}}
JSON
config_sha="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mv "$work/config.json" "$work/$config_sha.json"
mkdir -p "$work/$layer_sha"
mv "$work/layer.tar" "$work/$layer_sha/layer.tar"
printf '[{"Config":"%s.json","RepoTags":["early-warning-offline-base:latest"],"Layers":["%s/layer.tar"]}]\n' \
  "$config_sha" "$layer_sha" > "$work/manifest.json"
(cd "$work" && tar -cf - manifest.json "$config_sha.json" "$layer_sha/layer.tar") > "$out"
echo "$out"
